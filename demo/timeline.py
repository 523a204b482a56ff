"""The demo's calendar: one story, moved whole to the year it is seeded in.

The demo is written as if it were seeded in REFERENCE_YEAR (2026): its tables and texts
name real dates and years of that story (the programme 2024-2027, the grant call of
2024 whose brokers work from 1 January 2025, the evaluation of 2025, ...). Seeded in
another year Y, every date and every year of the story moves by the same number of
years, Y - REFERENCE_YEAR, so the demo tells the same story on any day: Y - 2 is the
programme's first year, Y - 1 the last complete one, and so on (the README's "The demo's
timeline" lists it). Dates counted back from the day of seeding ("three weeks ago")
are not moved: they are already relative.

Moving a date keeps its month and day; 29 February becomes 28 February in a year that
has none. Years inside texts are moved when they stand alone as four digits from 2010
to 2039 ("2024-2027", "CINB-2024", "NOM-2025-03"), which no other figure of the demo's
texts is.
"""

import re
from datetime import date, datetime

from django.utils import timezone

REFERENCE_YEAR = 2026
_YEAR_IN_TEXT = re.compile(r"(?<!\d)20[1-3]\d(?!\d)")


def shift():
    """Years between the story as written and the year of seeding."""
    return timezone.localdate().year - REFERENCE_YEAR


def year(value):
    """A year of the story as written, moved to the year of seeding."""
    return value + shift()


def on(y, month, day):
    """A date of the story as written (year, month, day), moved to the year of seeding."""
    return _moved_date(date(y, month, day), shift())


def moved(value):
    """A value of the story as written, moved to the year of seeding: dates, date-times
    and the years in texts, inside tuples, lists, sets and dicts (keys too). Numbers are
    left alone: a year held as a number is moved with year(), or by_year() for the keys
    of a table by year."""
    return _move(value, shift())


def by_year(table):
    """A dict keyed by years of the story as written, keyed by the moved years; its
    values are moved too."""
    n = shift()
    return {key + n: _move(value, n) for key, value in table.items()}


def _moved_date(value, n):
    try:
        return value.replace(year=value.year + n)
    except ValueError:  # 29 February into a year without it
        return value.replace(year=value.year + n, day=28)


def _move(value, n):
    if n == 0:
        return value
    if isinstance(value, datetime | date):
        return _moved_date(value, n)
    if type(value) is str:  # not the choices of a model (str enums), which name no year
        return _YEAR_IN_TEXT.sub(lambda m: str(int(m.group()) + n), value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*(_move(item, n) for item in value))
    if isinstance(value, tuple | list | set | frozenset):
        return type(value)(_move(item, n) for item in value)
    if isinstance(value, dict):
        return {_move(key, n): _move(item, n) for key, item in value.items()}
    return value
