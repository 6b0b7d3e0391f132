"""Translated names of the XLSX export's sheets and codebook columns."""

from __future__ import annotations

from flask_babel import gettext as _


def export_headers() -> tuple[tuple[str, str], tuple[str, str, str, str]]:
    """(answers sheet, codebook sheet) and the codebook's column headers, in the analyst's language."""
    return (_("Answers"), _("Variables")), (_("Variable"), _("Label"), _("Value"), _("Value label"))
