"""Map tests run on the app with its content load (the real Dordrecht boundaries and default surveys) and put
their sources directly in the database at chosen 100 m blocks, streets and buurten."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from participation.models.base import DbSession
from tests.factories import BUURT_A, MapSeeder


@pytest.fixture
def seed(loaded_app: Flask, session: DbSession) -> MapSeeder:
    return MapSeeder(session)


@pytest.fixture
def populate(seed: MapSeeder, session: DbSession) -> Callable[..., None]:
    """Put n responses in each given block and commit: ``populate({BLOCK_SMALL: 4, BLOCK_BIG: 9})``."""

    def fill(blocks: dict[str, int], buurt: str = BUURT_A, **kwargs: object) -> None:
        for block, n in blocks.items():
            for _ in range(n):
                seed.at(block, buurt, **kwargs)
        session.commit()

    return fill
