"""The year's bounds and the figures of a breakdown as JSON-ready text, shared by the
computations and the snapshot."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def year_start(year):
    return date(year, 1, 1)


def year_end(year):
    return date(year, 12, 31)


def percent(part, whole):
    """part of whole in %, to one decimal; None when whole is nothing."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def amount(value):
    """An amount as JSON-ready text with cents: Decimal("742000") -> "742000.00"."""
    return str(Decimal(value or 0).quantize(CENT))


def text(value):
    """A Decimal (percentage) as text, None as None."""
    return None if value is None else str(value)


def months_in_year(start, end, year):
    """How many calendar months of `year` the period start–end touches."""
    first = max(start, year_start(year))
    last = min(end, year_end(year))
    if last < first:
        return 0
    return (last.year - first.year) * 12 + last.month - first.month + 1
