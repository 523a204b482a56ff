"""progress_status: on track within 15 % of the target or better, at risk up to
30 % short, off track beyond; "better" follows the indicator's direction; no
value yet, no target and a zero floor are not rated (docs/indicator-status.md)."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from monitoring.models import Direction, IndicatorValue, Progress, progress_status
from tests.monitoring.evaluating import indicator

HIGHER, LOWER = Direction.HIGHER, Direction.LOWER
ON, RISK, OFF = Progress.ON_TRACK, Progress.AT_RISK, Progress.OFF_TRACK
NONE, NO_VALUE = Progress.NO_TARGET, Progress.NO_VALUE


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
        # where higher is better, a zero target is a floor: nothing to reach
        (0, HIGHER, NONE),
        (5, HIGHER, NONE),
        ("-0.01", HIGHER, OFF),
        # where lower is better, zero is the goal
        (0, LOWER, ON),
        (-1, LOWER, ON),
        ("0.01", LOWER, OFF),
    ],
)
def test_a_zero_target(actual, direction, expected):
    assert progress_status(actual=actual, target=0, direction=direction) == expected


@pytest.mark.parametrize(
    ("target", "direction"), [(10, HIGHER), (0, HIGHER), (0, LOWER), (None, LOWER)]
)
def test_without_a_value_there_is_no_value_yet_whatever_the_target(target, direction):
    assert progress_status(actual=None, target=target, direction=direction) == NO_VALUE


@pytest.mark.parametrize("direction", [HIGHER, LOWER])
def test_a_value_without_a_target_is_not_rated(direction):
    assert progress_status(actual=10, target=None, direction=direction) == NONE


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


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Progress.NO_VALUE, "No value yet"),
        (Progress.NO_TARGET, "No target"),
        (Progress.ON_TRACK, "On track"),
        (Progress.OFF_TRACK, "Off track"),
    ],
)
def test_the_pages_badge_says_each_status_in_words_without_wrapping(status, words):
    with translation.override("en"):
        html = render_to_string("monitoring/_status.html", {"status": status})
    assert words in html
    assert "text-nowrap" in html


def test_an_indicator_with_a_target_and_no_value_yet_is_not_said_to_have_no_target():
    with translation.override("en"):
        html = render_to_string("monitoring/_status.html", {"status": Progress.NO_VALUE})
    assert "No target" not in html
