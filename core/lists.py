from django.shortcuts import render

from core.exports import requested_format, tabular_export
from core.pagination import paginate


def list_page(request, filterset, template, export, extra=None):
    """A filtered, paginated list, or its CSV/XLSX download with the same filters."""
    fmt = requested_format(request)
    if fmt:
        return tabular_export(fmt, rows=filterset.qs, **export)
    context = {"filter": filterset, "page": paginate(request, filterset.qs), **(extra or {})}
    return render(request, template, context)
