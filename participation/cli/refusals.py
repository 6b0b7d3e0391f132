"""How a command says no: a file it cannot read (too large, malformed, missing) becomes one line on standard error
and a non-zero exit, before anything is written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from participation.domain.coded_errors import CodedError


@contextmanager
def exit_on(*refusals: type[Exception]) -> Iterator[None]:
    """Inside the block, any of ``refusals`` ends the command with ``Error: <message>`` and exit status 1. A coded
    error shows its (English) message, any other its text."""
    try:
        yield
    except refusals as error:
        message = error.message if isinstance(error, CodedError) else str(error)
        raise click.ClickException(message) from error
