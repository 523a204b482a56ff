"""CSV and XLSX downloads of any filtered list, with the same filters."""

from datetime import date, datetime
from decimal import Decimal

import tablib
from django.http import HttpResponse
from django.utils import timezone

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Keep spreadsheet programs from running text as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def requested_format(request):
    fmt = request.GET.get("export")
    return fmt if fmt in EXPORT_FORMATS else None


def tabular_export(fmt, *, columns, rows, filename):
    """A download of rows; columns are (header, function of a row) pairs."""
    dataset = tablib.Dataset(headers=[str(header) for header, _value in columns])
    for row in rows:
        dataset.append([neutralise(_plain(value(row))) for _header, value in columns])
    content = dataset.export(fmt)
    if fmt == "csv":
        # A byte-order mark lets spreadsheet programs read the accents correctly.
        content = "\ufeff" + content
    response = HttpResponse(content, content_type=EXPORT_FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{fmt}"'
    return response


def _plain(value):
    """A value a spreadsheet cell can hold: numbers and dates stay typed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (str, int, float, Decimal, date)):
        return value
    return str(value)
