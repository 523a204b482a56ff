"""The network's calendar: Cantabria's working days and how a year's services
spread over them."""

import bisect
import functools
from datetime import date, timedelta

from demo.network.data import FIXED_HOLIDAYS, LEAVE, MONTHS, SHARES
from demo.timeline import REFERENCE_YEAR

# --- the calendar ---------------------------------------------------------------------


def _easter(year):
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, (b, c) = year % 19, divmod(year, 100)
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


@functools.cache
def holidays(year):
    """Cantabria's public holidays on fixed dates, Maundy Thursday and Good Friday."""
    easter = _easter(year)
    return frozenset({date(year, m, d) for m, d in FIXED_HOLIDAYS}) | {
        easter - timedelta(days=3),
        easter - timedelta(days=2),
    }


def is_working_day(day):
    return day.weekday() < 5 and day not in holidays(day.year)


@functools.cache
def _working_days(year):
    first = date(year, 1, 1)
    days = (first + timedelta(days=n) for n in range(366))
    return tuple(d for d in days if d.year == year and is_working_day(d))


def year_fraction(day):
    """The share of its year's working days before day, counted on the calendar of the
    story's own year: the same day of the year gives the same share in any year."""
    try:
        day = day.replace(year=REFERENCE_YEAR)
    except ValueError:  # 29 February
        day = day.replace(year=REFERENCE_YEAR, day=28)
    days = _working_days(REFERENCE_YEAR)
    return bisect.bisect_left(days, day) / len(days)


def year_done(year, today, leave=0):
    """How much of a year of work is done by today: all of a year that is over, else the
    share of its working days elapsed (for a broker on leave, up to the leave)."""
    if year < today.year:
        return 1
    until = today - timedelta(days=leave)
    return year_fraction(until) if until.year == year else 0


def yearly_services(start, today):
    """The service records (withdrawn ones included) of each year of work and district
    of a network working from start up to yesterday: {year: {district slug: count}}."""
    return {
        year: {
            slug: round(share * year_done(year, today, LEAVE.get(slug, 0)))
            for slug, share in SHARES.items()
        }
        for year in range(start.year, (today - timedelta(days=1)).year + 1)
    }


def next_working_day(day):
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def activity_weight(day, start):
    """How busy a broker is on a day: slow while they present themselves in the first
    months, growing with their network, quieter in August, at Christmas and at Easter."""
    elapsed = (day - start).days
    ramp = 0.35 if elapsed < 30 else 0.6 if elapsed < 61 else 0.85 if elapsed < 91 else 1.0
    season = 1.0
    if day.month == 8:
        season = 0.55
    elif (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 6):
        season = 0.4
    elif abs((day - _easter(day.year)).days) <= 7:
        season = 0.7
    return ramp * season * (1 + 0.15 * elapsed / 365)


def spanish_date(day):
    return f"{day.day} de {MONTHS[day.month - 1]} de {day.year}"


def third_thursday(year, month):
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 14)
