"""The size limits of import files, from the settings, for the commands that read them."""

from __future__ import annotations

from flask import current_app

from participation.imports import MEGABYTE


def import_max_bytes() -> int:
    """CSV tables: population figures, reference values, the address register (PARTICIPATION_IMPORT_MAX_MB)."""
    return int(current_app.config["IMPORT_MAX_MB"]) * MEGABYTE


def definition_max_bytes() -> int:
    """Survey definitions and the codebook (PARTICIPATION_DEFINITION_MAX_MB)."""
    return int(current_app.config["DEFINITION_MAX_MB"]) * MEGABYTE


def geodata_max_bytes() -> int:
    """Boundary and street vector files (PARTICIPATION_GEODATA_MAX_MB)."""
    return int(current_app.config["GEODATA_MAX_MB"]) * MEGABYTE
