"""Reading the files import commands are given: bounded in size, streamed where the format allows, refused with
one line that names the file and the row or line. No Flask in here: the commands pass the limits from the
settings."""

from participation.imports.errors import ImportFileError, ImportRefusal, ProblemCollector
from participation.imports.files import (
    DEFINITION_MAX_BYTES,
    GEODATA_MAX_BYTES,
    IMPORT_MAX_BYTES,
    MEGABYTE,
    CsvRows,
    check_unpacked_size,
    file_size,
    finite_number,
    open_bounded,
    read_csv,
    read_text,
    too_large,
)
from participation.imports.yamlfiles import MAX_YAML_DEPTH, MAX_YAML_VALUES, BoundedLoader, load_yaml

__all__ = [
    "DEFINITION_MAX_BYTES",
    "GEODATA_MAX_BYTES",
    "IMPORT_MAX_BYTES",
    "MAX_YAML_DEPTH",
    "MAX_YAML_VALUES",
    "MEGABYTE",
    "BoundedLoader",
    "CsvRows",
    "ImportFileError",
    "ImportRefusal",
    "ProblemCollector",
    "check_unpacked_size",
    "file_size",
    "finite_number",
    "load_yaml",
    "open_bounded",
    "read_csv",
    "read_text",
    "too_large",
]
