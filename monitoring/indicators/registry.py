"""The registry of computations: an indicator of the catalogue names its computation
by code, and the decorated function computes it (see the package's docstring)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core import checks
from django.db import DatabaseError

from monitoring.models import Indicator


@dataclass(frozen=True)
class Result:
    actual: Decimal | None
    breakdown: dict = field(default_factory=dict)


class UnknownComputation(LookupError):
    """An indicator names a computation that is not registered."""


COMPUTATIONS = {}


def computation(code):
    """Register the decorated function as the computation `code`."""

    def register(function):
        if code in COMPUTATIONS:
            raise ValueError(f"The computation {code!r} is registered twice.")
        COMPUTATIONS[code] = function
        return function

    return register


def get_computation(code, indicator=None):
    try:
        return COMPUTATIONS[code]
    except KeyError:
        owner = f"The indicator {indicator.code!r} names" if indicator else "There is"
        raise UnknownComputation(
            f"{owner} the computation {code!r}, which monitoring.indicators does not "
            f"register; the registered ones are: {', '.join(sorted(COMPUTATIONS))}."
        ) from None


def compute(code, *, year, programme):
    return get_computation(code)(year=year, programme=programme)


def compute_all(*, year, programme, indicators=None):
    """{indicator code: Result} for every active computed indicator (or the
    given ones); a computation shared by two indicators runs once."""
    if indicators is None:
        indicators = Indicator.objects.active().exclude(computation="")
    indicators = [i for i in indicators if i.computation and i.is_active]
    functions = {i.code: get_computation(i.computation, i) for i in indicators}  # fail first
    done = {}
    results = {}
    for indicator in indicators:
        if indicator.computation not in done:
            done[indicator.computation] = functions[indicator.code](year=year, programme=programme)
        results[indicator.code] = done[indicator.computation]
    return results


def unregistered_computations():
    """Indicators of the catalogue whose computation is not registered."""
    return list(
        Indicator.objects.exclude(computation="")
        .exclude(computation__in=list(COMPUTATIONS))
        .order_by("code")
    )


@checks.register(checks.Tags.database)
def check_catalogue(app_configs=None, **kwargs):
    """`manage.py check --database default`: every computation is registered."""

    try:
        missing = unregistered_computations()
    except DatabaseError:  # not migrated yet
        return []
    return [
        checks.Error(
            f"The indicator {indicator.code!r} names the unregistered computation "
            f"{indicator.computation!r}.",
            hint="Register it in monitoring/indicators/ or correct the indicator.",
            obj=indicator,
            id="monitoring.E001",
        )
        for indicator in missing
    ]
