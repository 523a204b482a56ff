"""Reading an uploaded file of members: its columns, its limits and its data rows."""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

import openpyxl
import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
EXTENSIONS = (".csv", ".xlsx")
# An XLSX file is a zip archive: a few kilobytes can unpack to gigabytes, or
# declare a sheet of a million rows by 16,384 columns that the reader fills in
# with empty cells. What is unpacked and read is bounded.
MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_XLSX_COLUMNS = 100
MAX_XLSX_LINES = 10 * MAX_ROWS  # blank lines included

REQUIRED_COLUMNS = ("legal_name", "type", "start_date")


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    required: bool = False
    max_length: int | None = None


# The columns of the file, in the order of the sample file; shown on the upload page.
COLUMNS = (
    Column("legal_name", gettext_lazy("Legal name of the organisation."), True, 200),
    Column("short_name", gettext_lazy("Short or commercial name."), max_length=100),
    Column(
        "tax_id",
        gettext_lazy("Spanish NIF, CIF or NIE, e.g. B39123456. Used to find the organisation."),
        max_length=15,
    ),
    Column("type", gettext_lazy("Type of organisation (see the accepted values)."), True),
    Column("size_class", gettext_lazy("Size class; required for companies.")),
    Column(
        "district",
        gettext_lazy("District name or slug; empty for organisations outside the region."),
    ),
    Column("municipality", gettext_lazy("Municipality."), max_length=100),
    Column("nace_code", gettext_lazy("NACE Rev. 2 code such as C, 62 or 62.01."), max_length=8),
    Column("website", gettext_lazy("Web address, e.g. https://www.example.es."), max_length=200),
    Column(
        "start_date",
        gettext_lazy("Date the membership starts: YYYY-MM-DD or DD/MM/YYYY."),
        True,
    ),
    Column("fee_status", gettext_lazy("Membership fee status; pending when empty.")),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
MAX_LENGTHS = {column.name: column.max_length for column in COLUMNS if column.max_length}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


@dataclass
class SourceRow:
    """A data row of the file: its line number (the header is line 1) and its cells."""

    line: int
    values: dict


def read_rows(uploaded_file):
    """The data rows of an uploaded CSV or XLSX file.

    Raises ValidationError when the file as a whole cannot be imported.
    """
    name = (uploaded_file.name or "").lower()
    if not name.endswith(EXTENSIONS):
        raise ValidationError(_("Upload a CSV or XLSX file."), code="file_type")
    if not uploaded_file.size:
        raise ValidationError(_("The file is empty."), code="file_empty")
    if uploaded_file.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_FILE_BYTES // (1024 * 1024)},
            code="file_size",
        )
    uploaded_file.seek(0)
    content = uploaded_file.read()
    uploaded_file.seek(0)
    if name.endswith(".csv"):
        headers, rows = _read_csv(content)
    else:
        headers, rows = _read_xlsx(content)
    return _rows_by_column(headers, rows)


def _unreadable():
    return ValidationError(
        _("The file cannot be read. Save it as a UTF-8 CSV or an Excel XLSX file and try again."),
        code="file_content",
    )


def _read_csv(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."),
            code="file_encoding",
        ) from None
    if "\x00" in text:
        raise _unreadable()
    # Blank lines before the header are dropped, and counted for the line numbers.
    body = text.lstrip("\r\n")
    skipped = text[: len(text) - len(body)].count("\n")
    first_line = body.partition("\n")[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        lines = [line + skipped for line in _csv_record_lines(body, delimiter)]
        dataset = tablib.Dataset().load(body, format="csv", delimiter=delimiter)
    except (csv.Error, tablib.InvalidDimensions):
        raise _unreadable() from None
    rows = list(dataset)
    if len(lines) != len(rows):  # cannot happen: both parse the same text the same way
        raise _unreadable()
    return dataset.headers, list(zip(lines, rows, strict=True))


def _csv_record_lines(text, delimiter):
    """The line each non-empty data record starts on; refuses records wider than the header."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    lines, width, previous_end = [], None, 0
    for index, record in enumerate(reader):
        start, previous_end = previous_end + 1, reader.line_num
        if index == 0:
            width = len(record)
        elif record:
            if len(record) > width:
                raise ValidationError(
                    _("Line %(line)d has more columns than the header row.") % {"line": start},
                    code="file_content",
                )
            lines.append(start)
    return lines


def _too_many_rows():
    return ValidationError(
        _("The file has more than %(limit)s rows; split it into smaller files.")
        % {"limit": MAX_ROWS},
        code="too_many_rows",
    )


def _read_xlsx(content):
    if not content.startswith(b"PK\x03\x04"):
        raise _unreadable()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            # The sizes an archive declares bound what it unpacks to.
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable() from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise _unreadable()
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            lines = workbook.active.iter_rows(max_col=MAX_XLSX_COLUMNS, values_only=True)
            rows = []
            for row in lines:
                if len(rows) == MAX_XLSX_LINES:
                    raise _too_many_rows()
                rows.append(row)
        finally:
            workbook.close()
    except ValidationError:
        raise
    except Exception:  # a corrupt workbook fails in many ways inside openpyxl
        raise _unreadable() from None
    if not rows:
        return [], []
    # Every sheet row is kept, blank ones too, so row n of the data is line n + 2.
    return rows[0], [(index + 2, row) for index, row in enumerate(rows[1:])]


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_by_column(headers, rows):
    headers = [_cell_text(h).lstrip("\ufeff").strip().lower() for h in headers or []]
    if not any(headers):
        raise ValidationError(_("The file has no header row."), code="no_header")
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        raise ValidationError(
            ngettext(
                "The required column %(columns)s is missing from the header row.",
                "The required columns %(columns)s are missing from the header row.",
                len(missing),
            )
            % {"columns": ", ".join(missing)},
            code="missing_columns",
        )
    positions = {}
    for position, header in enumerate(headers):
        if header in COLUMN_NAMES:
            positions.setdefault(header, position)
    result = []
    for line, row in rows:
        cells = [_cell_text(cell) for cell in row]
        if not any(cells):
            continue
        result.append(
            SourceRow(
                line,
                {column: cells[p] if p < len(cells) else "" for column, p in positions.items()},
            )
        )
        if len(result) > MAX_ROWS:
            raise _too_many_rows()
    if not result:
        raise ValidationError(_("The file has no data rows under the header."), code="no_rows")
    return result


def read_stored_rows(member_import):
    """The data rows of a MemberImport's stored file."""
    try:
        with member_import.file.open("rb") as stored:
            return read_rows(stored)
    except OSError:
        raise ValidationError(
            _("The uploaded file can no longer be read; upload it again."), code="file_missing"
        ) from None
