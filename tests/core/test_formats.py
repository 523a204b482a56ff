from decimal import Decimal

import pytest
from django.utils import translation

from core.templatetags.portal import minutes, money


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "740.000\u00a0€"), ("en", "€740,000")],
)
def test_money_in_the_active_language(language, expected):
    with translation.override(language):
        assert money(740000) == expected


def test_money_with_cents_and_negative_amounts():
    with translation.override("es"):
        assert money(Decimal("3500.5"), 2) == "3.500,50\u00a0€"
    with translation.override("en"):
        assert money(-1250, 2) == "-€1,250.00"


def test_money_of_nothing_is_blank():
    assert money(None) == ""


def test_lockout_minutes_round_up():
    from datetime import timedelta

    assert minutes(timedelta(minutes=15)) == 15
    assert minutes(timedelta(seconds=61)) == 2
