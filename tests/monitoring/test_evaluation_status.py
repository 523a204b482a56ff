"""progress_status: on track within 15 % of the target or better, at risk up to
30 % short, off track beyond; "better" follows the indicator's direction."""

from decimal import Decimal

import pytest

from monitoring.models import Direction, IndicatorValue, Progress, progress_status
from tests.monitoring.evaluating import indicator

HIGHER, LOWER = Direction.HIGHER, Direction.LOWER
ON, RISK, OFF, NONE = Progress.ON_TRACK, Progress.AT_RISK, Progress.OFF_TRACK, Progress.NO_TARGET


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [
        (100, 100, ON),
        (150, 100, ON),  # better than the target
        (85, 100, ON),  # exactly 15 % short: still on track
        ("84.99", 100, RISK),
        (70, 100, RISK),  # exactly 30 % short: still at risk
        ("69.99", 100, OFF),
        (0, 100, OFF),
        (-10, 100, OFF),
        # a negative target (e.g. a planned fall in members) is compared by its size
        (-10, -10, ON),
        (-12, -10, RISK),
        (-14, -10, OFF),
    ],
)
def test_higher_is_better(actual, target, expected):
    assert progress_status(actual=actual, target=target, direction=HIGHER) == expected


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [
        (100, 100, ON),
        (50, 100, ON),  # below the target is better
        (115, 100, ON),  # exactly 15 % over: still on track
        ("115.01", 100, RISK),
        (130, 100, RISK),  # exactly 30 % over: still at risk
        ("130.01", 100, OFF),
        (300, 100, OFF),
    ],
)
def test_lower_is_better(actual, target, expected):
    assert progress_status(actual=actual, target=target, direction=LOWER) == expected


@pytest.mark.parametrize(
    ("actual", "direction", "expected"),
    [
        (0, HIGHER, ON),
        (5, HIGHER, ON),
        (-1, HIGHER, OFF),
        (0, LOWER, ON),
        (-1, LOWER, ON),
        (1, LOWER, OFF),
    ],
)
def test_a_zero_target(actual, direction, expected):
    assert progress_status(actual=actual, target=0, direction=direction) == expected


@pytest.mark.parametrize(("actual", "target"), [(None, 10), (10, None), (None, None)])
def test_without_a_value_or_target_there_is_no_status(actual, target):
    assert progress_status(actual=actual, target=target, direction=HIGHER) == NONE


def test_decimals_and_strings_are_compared_as_decimals():
    assert progress_status(actual=Decimal("8.5"), target="10", direction=HIGHER) == ON
    assert progress_status(actual="8.49", target=Decimal(10), direction=HIGHER) == RISK


@pytest.mark.django_db
def test_an_indicator_value_reads_its_status_with_its_indicators_direction():
    members = indicator("committed_members")
    value = IndicatorValue(indicator=members, actual=Decimal(60), target=Decimal(100))
    assert value.status == OFF
    members.direction = LOWER
    assert value.status == ON
