import re

from django import forms
from django.utils.translation import get_language

# A formset builds one form per row the browser says it sends (TOTAL_FORMS), up
# to absolute_max; Django's default of 2,000 lets one tampered request build and
# render thousands of forms. The portal's formsets stay far below this.
FORMSET_LIMITS = {"max_num": 100, "absolute_max": 100, "validate_max": True}

THOUSANDS_WITH_POINTS = re.compile(r"\d{1,3}(\.\d{3})+")
THOUSANDS_WITH_COMMAS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")


class AmountField(forms.DecimalField):
    """An amount in euros as people type it in their language.

    Spanish: 60.000,00 or 60000,5 (a point alone is read as thousands only in
    groups of three, so 60000.5 still works); English: 60,000.00.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[€\s\u00a0]", "", value)
            if (get_language() or "es").startswith("es"):
                if "," in value:
                    value = value.replace(".", "").replace(",", ".")
                elif THOUSANDS_WITH_POINTS.fullmatch(value):
                    value = value.replace(".", "")
            elif THOUSANDS_WITH_COMMAS.fullmatch(value):
                value = value.replace(",", "")
        return super().to_python(value)


def add_service_errors(form, error, field_for=None):
    """Show a service's ValidationError on the form: on the field it names when the form
    has that field (field_for maps the service's names to the form's), else above it."""
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            field = field_for(key) if field_for else key
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
