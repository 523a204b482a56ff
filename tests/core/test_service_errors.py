"""A service's ValidationError on a form: on the field it names, else above the form."""

from django import forms
from django.core.exceptions import ValidationError

from core.forms import add_service_errors


class DateForm(forms.Form):
    date = forms.DateField(required=False)


def _form():
    form = DateForm({})
    assert form.is_valid()
    return form


def test_an_error_naming_a_field_of_the_form_lands_on_it():
    form = _form()
    add_service_errors(form, ValidationError({"date": "In the future."}))
    assert form.errors == {"date": ["In the future."]}


def test_an_error_naming_no_field_of_the_form_lands_above_it():
    form = _form()
    add_service_errors(form, ValidationError({"cluster": "Not supported."}))
    add_service_errors(form, ValidationError("Locked."))
    assert form.non_field_errors() == ["Not supported.", "Locked."]


def test_the_services_names_can_be_mapped_to_the_forms():
    form = _form()
    add_service_errors(
        form, ValidationError({"day": "In the future."}), field_for={"day": "date"}.get
    )
    assert form.errors == {"date": ["In the future."]}
