"""What the demo's seeding modules share: acting as a person, dating records, times of
day, working days, tax ids."""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone
from simple_history.models import HistoricalRecords
from stdnum.es import cif, nif

CHECK_LETTER_TYPES = "KPQSNW"  # CIFs of these entity types end in a letter


class _Request:
    """What simple-history reads to know who made a change."""

    def __init__(self, user):
        self.user = user


@contextmanager
def acting(user, when=None, dated=()):
    """Changes made inside the block are attributed to user (None: nobody, the schedule);
    the history rows they write in the models listed in dated get the date when."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    marks = {model: model.history.aggregate(last=Max("history_id"))["last"] or 0 for model in dated}
    if user is not None:
        context.request = _Request(user)
    elif previous is not None:
        del context.request
    try:
        yield
    finally:
        if previous is not None:
            context.request = previous
        elif hasattr(context, "request"):
            del context.request
    for model, last in marks.items():
        model.history.filter(history_id__gt=last).update(history_date=when)


@contextmanager
def keeping_dates(*fields):
    """Let bulk_create store the dates set on these auto_now_add fields instead of the
    time of seeding."""
    for model_field in fields:
        model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field in fields:
            model_field.auto_now_add = True


def at(day, hour=10, minute=0):
    """That day at that time of day, in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def at_or_now(day, hour=10, minute=0):
    """That day at that time of day, or now if that is still to come."""
    return min(at(day, hour, minute), timezone.now())


def months_later(year, month, months):
    """The (year, month) that many months after that month."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def first_of_next_month(day):
    return date(*months_later(day.year, day.month, 1), 1)


def workday(day):
    """The day, or the Monday after it if it falls on a weekend."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def tax_id(rng, letter, used):
    """A valid, unused Spanish CIF of an entity registered in Cantabria (province 39)."""
    while True:
        body = f"{letter}39{rng.randrange(100000):05d}"
        digit, check_letter = cif.calc_check_digits(body)
        value = body + (check_letter if letter in CHECK_LETTER_TYPES else digit)
        if value not in used and nif.is_valid(value):
            used.add(value)
            return value
