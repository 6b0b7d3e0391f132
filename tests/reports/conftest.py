"""The app filled with a year of material for the report."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.reports.data import Filled, fill


@pytest.fixture
def filled(loaded_app: Flask) -> Filled:
    return fill(loaded_app)
