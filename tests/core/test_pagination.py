"""Pages of a list: a page of its second half is read from the end of the list
(core.pagination), and must hold the same rows as reading from the start."""

import re
from datetime import date, timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F
from django.db.models.functions import Lower
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from clusters.models import Membership
from core.pagination import PAGE_SIZE, ListPaginator, paginate, totally_ordered
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, ProjectFactory

ROWS = 23
START = date(2020, 1, 1)


@pytest.fixture
def memberships(db):
    """Rows with ties in every column but the pk, and NULLs (no end, no project)."""
    clusters = [ClusterFactory(), ClusterFactory()]
    project = ProjectFactory(start_date=START, end_date=START + timedelta(days=900))
    for i in range(ROWS):
        MembershipFactory(
            organisation=OrganisationFactory(legal_name=f"Organización {'AbC'[i % 3]}"),
            cluster=clusters[i % 2],
            start_date=START + timedelta(days=30 * (i % 4)),
            end_date=None if i % 3 == 0 else START + timedelta(days=400 + 100 * (i % 2)),
            project=project if i % 5 == 0 else None,
        )


ORDERINGS = {
    "nullable, ties": ("end_date", "pk"),
    "descending nullable": ("-end_date", "-start_date", "-pk"),
    "nulls first": (F("end_date").asc(nulls_first=True), "start_date", "pk"),
    "nulls last, descending": (F("end_date").desc(nulls_last=True), "-pk"),
    "expression": (Lower("organisation__legal_name"), "-start_date", "pk"),
    "related, nullable, no pk": ("project__end_date", "organisation__legal_name"),
    "related model's ordering": ("cluster", "-id"),
}


def page_of(queryset, number, per_page=5, orphans=0):
    queryset, reversible = totally_ordered(queryset)
    paginator = ListPaginator(queryset, per_page, orphans=orphans, reversible=reversible)
    return paginator.get_page(number)


@pytest.mark.parametrize("ordering", ORDERINGS.values(), ids=ORDERINGS.keys())
@pytest.mark.parametrize(("per_page", "orphans"), [(5, 0), (5, 2), (4, 0), (23, 0), (10, 3)])
def test_every_page_holds_the_rows_of_reading_from_the_start(
    memberships, ordering, per_page, orphans
):
    queryset = Membership.objects.select_related("organisation").order_by(*ordering)
    # The whole list in one query, tie-broken by pk as the pages are, cut by
    # Django's own Paginator.
    rows = list(queryset.order_by(*ordering, "pk").values_list("pk", flat=True))
    expected = Paginator(rows, per_page, orphans=orphans)
    for number in expected.page_range:
        page = page_of(queryset, number, per_page, orphans)
        naive = expected.page(number)
        assert [m.pk for m in page.object_list] == list(naive.object_list), number
        assert [m.pk for m in page] == list(naive.object_list)
        assert (page.number, page.paginator.num_pages) == (naive.number, expected.num_pages)
        assert (page.has_next(), page.has_previous()) == (naive.has_next(), naive.has_previous())
        assert (page.start_index(), page.end_index()) == (naive.start_index(), naive.end_index())


def test_a_list_without_order_and_one_in_its_default_order_page_the_same_way(memberships):
    by_default = list(Membership.objects.order_by("-start_date", "pk").values_list("pk", flat=True))
    by_pk = sorted(by_default)
    for number, bottom in ((1, 0), (5, 20)):
        assert [m.pk for m in page_of(Membership.objects.all(), number)] == by_default[
            bottom : bottom + 5
        ]
        assert [m.pk for m in page_of(Membership.objects.order_by(), number)] == by_pk[
            bottom : bottom + 5
        ]


def _offset(sql):
    found = re.search(r"\bOFFSET (\d+)", sql)
    return int(found.group(1)) if found else 0


def test_the_last_pages_are_read_without_skipping_the_rows_before_them(memberships):
    queryset = Membership.objects.order_by("end_date", "pk")
    offsets = {}
    for number in (1, 2, 3, 4, 5, "999999"):
        with CaptureQueriesContext(connection) as queries:
            page = page_of(queryset, number)
            list(page.object_list)
        [select] = [q["sql"] for q in queries if "COUNT(" not in q["sql"]]
        offsets[page.number] = _offset(select)
    # 23 rows in pages of 5: from the start up to the middle (rows 11-15 are 8
    # rows from the end), then from the end.
    assert offsets == {1: 0, 2: 5, 3: 8, 4: 3, 5: 0}


def test_numbers_out_of_range_give_the_last_page_and_invalid_ones_the_first(memberships):
    MembershipFactory.create_batch(PAGE_SIZE)
    queryset = Membership.objects.order_by("start_date", "pk")
    pks = list(queryset.values_list("pk", flat=True))

    def requested(number):
        page = paginate(RequestFactory().get("/", {"page": number}), queryset)
        return [m.pk for m in page]

    assert requested("999999") == requested("0") == requested("2") == pks[PAGE_SIZE:]
    assert requested("abc") == requested("") == requested("1") == pks[:PAGE_SIZE]


def test_an_empty_list_has_one_empty_page(db):
    page = page_of(Membership.objects.all(), "999999")
    assert (page.number, list(page), page.has_next()) == (1, [], False)


def test_a_grouped_list_keeps_its_order_and_groups(memberships):
    """Adding the pk to the order of a values() aggregate would split its groups."""
    queryset = Membership.objects.values("cluster").annotate(n=Count("*")).order_by("-n", "cluster")
    [first, second] = page_of(queryset, 1)
    assert (first["n"], second["n"]) == (12, 11)


@pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning")
def test_a_grouped_list_without_order_keeps_its_groups(memberships):
    """Unordered, a values() aggregate is paged as it is: ordered by pk, it would
    be grouped by pk too, a row per membership."""
    queryset = Membership.objects.values("cluster").annotate(n=Count("*"))
    assert sorted(row["n"] for row in page_of(queryset, 1)) == [11, 12]


def test_an_order_through_a_to_many_relation_is_read_from_the_start(memberships):
    """Such a join repeats rows that count() does not see, so the two ends of the
    list would not mirror each other."""
    _queryset, reversible = totally_ordered(Membership.objects.order_by("cluster__memberships"))
    assert reversible is False
    for ordering in ORDERINGS.values():
        assert totally_ordered(Membership.objects.order_by(*ordering))[1] is True
