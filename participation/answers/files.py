"""The filtered responses as files: CSV and XLSX (through the spreadsheet writer that keeps texts from running as
formulas) and SPSS ``.sav`` (pyreadstat) with variable labels and value labels."""

from __future__ import annotations

import math
import os
import tempfile
from datetime import date
from typing import TYPE_CHECKING, Any

from participation.answers.dataset import Dataset, Kind, Variable
from participation.printing.spreadsheets import Rows, Value, csv_bytes, xlsx_bytes

if TYPE_CHECKING:
    import pandas as pd


def _cell(variable: Variable, value: Any) -> Value:
    shown = variable.shown(value)
    if shown is None:
        return ""
    if isinstance(shown, date):
        return shown.isoformat()
    return shown if isinstance(shown, str | int | float) else str(shown)


def _sheet(dataset: Dataset) -> Rows:
    header: list[Value] = [variable.name for variable in dataset.variables]
    return [header] + [
        [_cell(variable, value) for variable, value in zip(dataset.variables, row, strict=True)] for row in dataset.rows
    ]


def _codebook(dataset: Dataset, headers: tuple[str, str, str, str]) -> Rows:
    rows: list[list[Value]] = [list(headers)]
    for variable in dataset.variables:
        rows.append([variable.name, variable.label, "", ""])
        rows.extend([variable.name, "", code, label] for code, label in variable.value_labels.items())
    return rows


def answers_csv(dataset: Dataset) -> bytes:
    """One row per response under a header of variable names; coded values as their labels."""
    return csv_bytes(_sheet(dataset))


def answers_xlsx(dataset: Dataset, sheet_names: tuple[str, str], headers: tuple[str, str, str, str]) -> bytes:
    """The CSV's table on the first sheet, and on the second each variable's label and its value labels."""
    return xlsx_bytes({sheet_names[0]: _sheet(dataset), sheet_names[1]: _codebook(dataset, headers)})


def _column(variable: Variable, values: list[Any]) -> pd.Series:
    import pandas as pd

    if variable.kind is Kind.NUMBER:
        return pd.Series([math.nan if value is None else float(value) for value in values], dtype="float64")
    if variable.kind is Kind.DATE:
        # Date objects in an object column become an SPSS DATE; a datetime64 column of another resolution than
        # nanoseconds (what pandas 3 makes of dates) would be written as 1970.
        return pd.Series(values, dtype="object")
    return pd.Series(["" if value is None else str(value) for value in values], dtype="object")


def answers_sav(dataset: Dataset) -> bytes:
    """An SPSS file: the codes as values, each variable labelled with its question, each code with its label."""
    # pandas and pyreadstat are for this one export: a web worker that never writes an SPSS file does not load them.
    import pandas as pd
    import pyreadstat

    columns = {
        variable.name: _column(variable, [row[n] for row in dataset.rows])
        for n, variable in enumerate(dataset.variables)
    }
    frame = pd.DataFrame(columns, columns=[variable.name for variable in dataset.variables])
    value_labels = {
        variable.name: {float(code): label for code, label in variable.value_labels.items()}
        for variable in dataset.variables
        if variable.value_labels
    }
    handle, path = tempfile.mkstemp(suffix=".sav")
    os.close(handle)
    try:
        pyreadstat.write_sav(
            frame,
            path,
            column_labels={variable.name: variable.label for variable in dataset.variables},
            variable_value_labels=value_labels,
        )
        with open(path, "rb") as written:
            return written.read()
    finally:
        os.unlink(path)
