from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.db.models.constants import LOOKUP_SEP

PAGE_SIZE = 25


class ListPaginator(Paginator):
    """Django's Paginator that reads a page of the list's second half from its end.

    A page far down a list costs the database every row before it (OFFSET); read
    in the reverse order (the mirrored slice, then the rows turned round) the last
    pages are as cheap as the first. Only for a queryset in a total order (ending
    in its primary key): with ties the two directions could cut a page differently.
    """

    def __init__(self, object_list, per_page, *, reversible=False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.reversible = reversible

    def page(self, number):
        number = self.validate_number(number)
        # Django's Paginator.page(): the rows [bottom:top], the orphans on the last.
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if not self.reversible or bottom <= self.count - top:
            return self._get_page(self.object_list[bottom:top], number, self)
        rows = list(self.object_list.reverse()[self.count - top : self.count - bottom])
        rows.reverse()
        return self._get_page(rows, number, self)


def _ends_in_pk(queryset, ordering):
    if not ordering or not isinstance(ordering[-1], str):
        return False
    pk = queryset.model._meta.pk
    return ordering[-1].removeprefix("-") in {"pk", pk.name, pk.attname}


def totally_ordered(queryset):
    """queryset in an order with no ties (its ordering ending in the primary key),
    and whether it could be made so; pages of an order with ties can repeat and
    skip rows (PostgreSQL cuts ties differently with each LIMIT and OFFSET)."""
    query = queryset.query
    if query.is_sliced:
        return queryset, False
    if (
        query.combinator
        or query.distinct_fields
        or query.extra_order_by
        or query.values_select
        or isinstance(query.group_by, tuple)  # values().annotate(): pk would split groups
    ):
        # Ordering these by pk would split their groups or distinct rows.
        return queryset, False
    if query.order_by:
        ordering = list(query.order_by)
    elif queryset.ordered:
        ordering = list(queryset.model._meta.ordering)
    else:
        # A sort parameter of empty fields (?o=,) clears the list's order.
        ordering = []
    if "?" in ordering:
        return queryset, False
    if not _ends_in_pk(queryset, ordering):
        queryset = queryset.order_by(*ordering, "pk")
    return queryset, not _follows_many(queryset.model, ordering)


def _follows_many(model, ordering):
    """Whether an ordering goes through a to-many relation: its join repeats rows
    that count() does not, and the list's two ends would not mirror each other."""
    names = []
    for item in ordering:
        if isinstance(item, str):
            names.append(item)
        else:  # an expression: the fields it reads
            names += [e.name for e in item.flatten() if isinstance(e, F)]
    for name in names:
        opts = model._meta
        for part in name.lstrip("-").split(LOOKUP_SEP):
            try:
                field = opts.get_field(part)
            except FieldDoesNotExist:
                break  # pk, or an annotation: one value per row
            if not field.is_relation:
                break
            if field.many_to_many or field.one_to_many:
                return True
            opts = field.related_model._meta
    return False


def paginate(request, queryset, per_page=PAGE_SIZE):
    """The requested page of queryset; a page number out of range gives the last page."""
    reversible = False
    if isinstance(queryset, QuerySet):
        queryset, reversible = totally_ordered(queryset)
    return ListPaginator(queryset, per_page, reversible=reversible).get_page(
        request.GET.get("page")
    )
