"""The input for the implementation programme: efforts per wijk, buurt or street and theme, the evidence behind
them, status changes, and the documents and spreadsheets per wijk.

No flask.request here: functions take a database session and plain values, flush, and leave the commit to the
caller. Labels are translated with Flask-Babel, so documents are made inside ``force_locale``.
"""

from participation.disclosure.text import cell_text
from participation.programme.document import (
    InputLine,
    WijkProgramme,
    consented_quotes,
    wijk_programme,
    wijk_theme_table,
)
from participation.programme.errors import ProgrammeError
from participation.programme.exports import (
    FORMULA_STARTS,
    csv_bytes,
    input_rows,
    neutralise,
    record_programme_export,
    theme_rows,
    xlsx_bytes,
)
from participation.programme.labels import PRIORITY_LABELS, STATUS_LABELS, priority_label, status_label
from participation.programme.operations import (
    InputDraft,
    change_status,
    create_input,
    link_evidence,
    unlink_evidence,
    update_input,
)
from participation.programme.queries import (
    PUBLIC_STATUSES,
    Area,
    InputFilter,
    buurten_of,
    find_wijk,
    inputs_of_wijk,
    public_inputs,
    public_text,
    wijken,
)

__all__ = [
    "FORMULA_STARTS",
    "PRIORITY_LABELS",
    "PUBLIC_STATUSES",
    "STATUS_LABELS",
    "Area",
    "InputDraft",
    "InputFilter",
    "InputLine",
    "ProgrammeError",
    "WijkProgramme",
    "buurten_of",
    "cell_text",
    "change_status",
    "consented_quotes",
    "create_input",
    "csv_bytes",
    "find_wijk",
    "input_rows",
    "inputs_of_wijk",
    "link_evidence",
    "neutralise",
    "priority_label",
    "public_inputs",
    "public_text",
    "record_programme_export",
    "status_label",
    "theme_rows",
    "unlink_evidence",
    "update_input",
    "wijk_programme",
    "wijk_theme_table",
    "wijken",
    "xlsx_bytes",
]
