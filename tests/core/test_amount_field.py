from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.forms import AmountField


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("60.000,00", "60000.00"),
        ("60000,5", "60000.5"),
        ("60.000", "60000"),
        ("60000.5", "60000.5"),
        ("1.234.567,89 €", "1234567.89"),
        ("242000", "242000"),
    ],
)
def test_spanish_amounts(typed, amount):
    with translation.override("es"):
        assert AmountField().clean(typed) == Decimal(amount)


@pytest.mark.parametrize(("typed", "amount"), [("60,000.00", "60000.00"), ("€1,500", "1500")])
def test_english_amounts(typed, amount):
    with translation.override("en"):
        assert AmountField().clean(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["doce", "1,2,3", "--5"])
def test_nonsense_is_refused(typed):
    with translation.override("es"), pytest.raises(ValidationError):
        AmountField().clean(typed)


def test_an_english_decimal_comma_is_refused_not_misread():
    with translation.override("en"), pytest.raises(ValidationError):
        AmountField().clean("1,5")
