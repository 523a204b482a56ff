"""A programme's budget: planned, reallocated, spent and execution rate.

Four aggregate queries whatever the number of lines or expenditures; the
monitoring reports use the same tables.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear

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
    def remaining(self):
        return self.current - self.spent

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
        Expenditure.objects.filter(programme=programme).annotate(year=ExtractYear("date")),
        "year",
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


def line_balance(line):
    """A budget line's current amount: planned plus approved reallocations in, minus out."""
    approved = Reallocation.objects.filter(status=ReallocationStatus.APPROVED)
    moved_in = approved.filter(to_line=line).aggregate(total=Sum("amount"))["total"] or ZERO
    moved_out = approved.filter(from_line=line).aggregate(total=Sum("amount"))["total"] or ZERO
    return line.amount + moved_in - moved_out
