from django.core.paginator import Paginator
from django.db.models import QuerySet

PAGE_SIZE = 25


def paginate(request, queryset, per_page=PAGE_SIZE):
    """The requested page of queryset; a page number out of range gives the last page."""
    if isinstance(queryset, QuerySet) and not queryset.ordered:
        # A sort parameter of empty fields (?o=,) clears the list's order: pages
        # would then repeat and skip rows.
        queryset = queryset.order_by("pk")
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
