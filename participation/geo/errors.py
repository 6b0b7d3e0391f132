"""Errors of the geodata domain, worded so that a person running an import or a deployment can act on them."""

from __future__ import annotations

from pathlib import Path

from participation.imports import ImportFileError
from participation.imports import ProblemCollector as BaseCollector


class GeoDataError(Exception):
    """Geodata is missing, inconsistent or cannot be used as configured."""


class FocusAreaError(GeoDataError):
    """The FOCUS_AREA setting names no usable set of buurten."""


class InvalidCoordinates(ValueError):
    """A latitude/longitude pair that is not a point on earth (NaN, out of range)."""


class InvalidPostcode(ValueError):
    """A string that is not a Dutch postcode (four digits, two letters)."""


class GeoImportError(GeoDataError, ImportFileError):
    """An import file is unusable; names the file, where in it (row or feature) and what is wrong, on one line."""


class ProblemCollector(BaseCollector):
    """Gathers (where, what) problems of one geodata file and raises them together as a GeoImportError."""

    def __init__(self, file: Path | str, limit: int = 50) -> None:
        super().__init__(file, limit, GeoImportError)
