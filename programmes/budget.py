"""A programme's budget: planned, reallocated, spent and execution rate.

Four aggregate queries whatever the number of lines or expenditures; the
monitoring reports use the same tables.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from core.charts import bar_chart
from core.templatetags.portal import money
from programmes.models import (
    ZERO,
    BudgetLine,
    CostCategory,
    Expenditure,
    Reallocation,
    ReallocationStatus,
)


@dataclass
class BudgetFigures:
    planned: Decimal = ZERO
    reallocated: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def current(self):
        """What may be spent now: planned plus approved reallocations."""
        return self.planned + self.reallocated

    @property
    def rate(self):
        """Execution rate in percent, or None when nothing is budgeted."""
        if not self.current:
            return None
        return (self.spent * 100 / self.current).quantize(Decimal("0.1"))

    @property
    def overspent(self):
        return self.spent > self.current

    def __add__(self, other):
        return BudgetFigures(
            self.planned + other.planned,
            self.reallocated + other.reallocated,
            self.spent + other.spent,
        )


@dataclass
class BudgetRow:
    label: str
    key: str
    by_year: dict
    total: BudgetFigures


@dataclass
class BudgetTable:
    years: list
    rows: list  # one per cost category
    year_totals: dict
    total: BudgetFigures
    by_cluster: list  # (cluster acronym, BudgetFigures) for lines or spending tied to a cluster

    def figures(self, year=None, category=None):
        if category is None:
            return self.year_totals[year] if year else self.total
        row = next(r for r in self.rows if r.key == category)
        return row.by_year[year] if year else row.total


def _sum_by(queryset, *fields, amount="amount"):
    return {
        tuple(row[f] for f in fields): row["total"] or ZERO
        for row in queryset.values(*fields).annotate(total=Sum(amount)).order_by()
    }


def budget_table(programme):
    years = programme.year_range
    lines = BudgetLine.objects.filter(programme=programme)
    planned = _sum_by(lines, "year", "category", "cluster__acronym")
    approved = Reallocation.objects.filter(programme=programme, status=ReallocationStatus.APPROVED)
    moved_in = _sum_by(approved, "to_line__year", "to_line__category", "to_line__cluster__acronym")
    moved_out = _sum_by(
        approved, "from_line__year", "from_line__category", "from_line__cluster__acronym"
    )
    spent = _sum_by(
        Expenditure.objects.filter(programme=programme).annotate(spent_year=ExtractYear("date")),
        "spent_year",
        "category",
        "cluster__acronym",
    )

    cells = defaultdict(BudgetFigures)  # (year, category) -> figures
    clusters = defaultdict(BudgetFigures)  # cluster acronym -> figures
    for source, attribute, sign in (
        (planned, "planned", 1),
        (moved_in, "reallocated", 1),
        (moved_out, "reallocated", -1),
        (spent, "spent", 1),
    ):
        for (year, category, cluster), amount in source.items():
            for bucket in [cells[(year, category)]] + ([clusters[cluster]] if cluster else []):
                setattr(bucket, attribute, getattr(bucket, attribute) + sign * amount)

    rows = []
    for category in CostCategory:
        by_year = {year: cells[(year, category.value)] for year in years}
        rows.append(
            BudgetRow(
                label=category.label,
                key=category.value,
                by_year=by_year,
                total=sum(by_year.values(), BudgetFigures()),
            )
        )
    year_totals = {year: sum((r.by_year[year] for r in rows), BudgetFigures()) for year in years}
    return BudgetTable(
        years=years,
        rows=rows,
        year_totals=year_totals,
        total=sum(year_totals.values(), BudgetFigures()),
        by_cluster=sorted(clusters.items()),
    )


def _approved_moves(**filters):
    """Approved reallocations into and out of the lines matching filters, in one query."""
    approved = Reallocation.objects.filter(status=ReallocationStatus.APPROVED)
    to_prefixed = {f"to_line__{k}": v for k, v in filters.items()}
    from_prefixed = {f"from_line__{k}": v for k, v in filters.items()}
    moves = approved.aggregate(
        moved_in=Sum("amount", filter=Q(**to_prefixed)),
        moved_out=Sum("amount", filter=Q(**from_prefixed)),
    )
    return (moves["moved_in"] or ZERO) - (moves["moved_out"] or ZERO)


def line_balance(line):
    """A budget line's current amount: planned plus approved reallocations in, minus out."""
    return line.amount + _approved_moves(pk=line.pk)


def category_year(programme, year, category, *, excluding=None):
    """The figures of one cost category in one year (all its lines together)."""
    lines = {"programme": programme, "year": year, "category": category}
    planned = BudgetLine.objects.filter(**lines).aggregate(total=Sum("amount"))["total"] or ZERO
    spending = Expenditure.objects.filter(programme=programme, date__year=year, category=category)
    if excluding is not None:
        spending = spending.exclude(pk=excluding.pk)
    return BudgetFigures(
        planned=planned,
        reallocated=_approved_moves(**lines),
        spent=spending.aggregate(total=Sum("amount"))["total"] or ZERO,
    )


def budget_chart(table, year):
    """Current budget against spending per cost category in one year: the chart of
    the programme page and of the annual report."""
    return bar_chart(
        title=_("Budget %(year)s: current budget and spending by cost category") % {"year": year},
        categories=[row.label for row in table.rows],
        category_label=_("Cost category"),
        series=[
            (_("Current budget"), [row.by_year[year].current for row in table.rows]),
            (_("Spent"), [row.by_year[year].spent for row in table.rows]),
        ],
        formatter=money,
    )
