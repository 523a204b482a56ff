from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import get_language, gettext

register = template.Library()


@register.filter
def money(value, decimals=0):
    """An amount in euros in the active language: 740.000 € (es), €740,000 (en)."""
    if value in (None, ""):
        return ""
    number = formats.number_format(
        Decimal(value), decimal_pos=int(decimals), use_l10n=True, force_grouping=True
    )
    if (get_language() or "es").startswith("en"):
        sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
        return f"{sign}€{digits}"
    return f"{number}\u00a0€"


@register.filter
def yes_no(value):
    return gettext("Yes") if value else gettext("No")


@register.filter
def minutes(duration):
    """Whole minutes in a timedelta, rounded up so a lockout is never understated."""
    return -(-int(duration.total_seconds()) // 60)
