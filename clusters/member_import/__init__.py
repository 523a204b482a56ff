"""Import of a cluster's members from a CSV or XLSX file.

The file is read (`reading.read_rows`), every row is checked against the database
(`preview.preview`, with `checking`) and, once the user confirms a file without
errors, written in one transaction (`saving.run_import`). docs/member-import.md
describes the format.
"""

from clusters.member_import.checking import Checker, choice_lookup, fold, quote_column
from clusters.member_import.preview import (
    ACTION_LABELS,
    ERROR,
    NEW,
    UPDATE,
    RowResult,
    preview,
)
from clusters.member_import.reading import (
    COLUMN_NAMES,
    COLUMNS,
    DATE_FORMATS,
    EXTENSIONS,
    MAX_FILE_BYTES,
    MAX_LENGTHS,
    MAX_ROWS,
    MAX_XLSX_COLUMNS,
    MAX_XLSX_LINES,
    MAX_XLSX_UNPACKED_BYTES,
    REQUIRED_COLUMNS,
    Column,
    SourceRow,
    read_rows,
    read_stored_rows,
)
from clusters.member_import.saving import run_import

__all__ = [
    "ACTION_LABELS",
    "COLUMNS",
    "COLUMN_NAMES",
    "DATE_FORMATS",
    "ERROR",
    "EXTENSIONS",
    "MAX_FILE_BYTES",
    "MAX_LENGTHS",
    "MAX_ROWS",
    "MAX_XLSX_COLUMNS",
    "MAX_XLSX_LINES",
    "MAX_XLSX_UNPACKED_BYTES",
    "NEW",
    "REQUIRED_COLUMNS",
    "UPDATE",
    "Checker",
    "Column",
    "RowResult",
    "SourceRow",
    "choice_lookup",
    "fold",
    "preview",
    "quote_column",
    "read_rows",
    "read_stored_rows",
    "run_import",
]
