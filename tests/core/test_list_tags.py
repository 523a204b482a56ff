"""The list pages' template tags (core/templatetags/lists.py): each field
of a filter form with the markup crispy-forms' Bootstrap 5 template gives it, and
the labels of choices."""

import importlib
import inspect
import re
from decimal import Decimal

import django_filters
import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.apps import apps
from django.template import Context, Template
from django.utils import translation

from accounts.roles import Role
from core.templatetags.lists import display, filter_field
from tests.factories import ClusterFactory, UserFactory

FILTER_MODULES = [
    "accounts.filters",
    "brokers.filters",
    "brokers.network.matching_filters",
    "brokers.network.filters",
    "clusters.filters",
    "monitoring.filters",
    "monitoring.report_views",
    "programmes.filters",
]


def filtersets():
    for module in map(importlib.import_module, FILTER_MODULES):
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, django_filters.FilterSet) and cls.__module__ == module.__name__:
                yield cls


def build(cls, data, user):
    kwargs = {"user": user} if "user" in inspect.signature(cls.__init__).parameters else {}
    filterset = cls(data, queryset=cls._meta.model.objects.none(), **kwargs)
    filterset.form.is_valid()
    return filterset.form


def same_markup(html):
    """Without the whitespace crispy's templates leave between and inside tags."""
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", str(html))).strip()


def valid_value(field):
    if isinstance(field.widget, forms.Select):
        values = (str(value) for value, _label in field.widget.choices if value != "")
        return next(values, "")
    if isinstance(field.widget, forms.DateInput):
        return "2025-01-31"
    if isinstance(field.widget, forms.NumberInput):
        return "2025"
    return "Pérez & <Hijos>"


@pytest.fixture
def coordinator(db, besaya):
    ClusterFactory()
    UserFactory(role=Role.INNOVATION_BROKER, district=besaya, last_name="O'Brien <&>")
    return UserFactory(role=Role.NETWORK_COORDINATOR)


@pytest.mark.parametrize("chosen", ["nothing", "valid", "invalid"])
@pytest.mark.parametrize("cls", list(filtersets()), ids=lambda cls: cls.__name__)
def test_every_field_as_crispy_writes_it(coordinator, cls, chosen):
    fields = build(cls, {}, coordinator).fields
    if chosen == "nothing":
        data = {}
    elif chosen == "valid":
        data = {name: valid_value(field) for name, field in fields.items()}
    else:  # a choice that is not offered, a date or number that is none
        data = dict.fromkeys(fields, "x<y>")
    ours, crispys = build(cls, data, coordinator), build(cls, data, coordinator)
    for name in fields:
        expected = same_markup(as_crispy_field(crispys[name]))
        assert same_markup(filter_field(ours[name])) == expected, name


def test_a_select_keeps_what_was_chosen_and_escapes_its_labels(db):
    class Form(forms.Form):
        kind = forms.ChoiceField(
            choices=[("", "---"), ("a&b", "<b>A & B</b>"), ("Grupo", [("c", "C"), ("d", "D")])],
            required=False,
        )
        amount = forms.TypedChoiceField(choices=[(1, Decimal("1234.5")), (2, 2025)], coerce=int)

    for name, value in (("kind", "a&b"), ("amount", "2")):
        html = filter_field(Form({name: value})[name])
        assert same_markup(html) == same_markup(as_crispy_field(Form({name: value})[name]))
    html = filter_field(Form({"kind": "a&b"})["kind"])
    assert '<option value="a&amp;b" selected>&lt;b&gt;A &amp; B&lt;/b&gt;</option>' in html
    assert '<optgroup label="Grupo">' in html


def test_the_list_template_writes_the_filters(coordinator):
    from brokers.network.filters import DistrictServiceFilter

    filterset = DistrictServiceFilter({"district": "besaya"}, queryset=None, user=coordinator)
    html = Template('{% include "includes/filter_form.html" %}').render(
        Context({"filter": filterset, "request": None})
    )
    assert '<option value="besaya" selected>Besaya</option>' in html
    assert html.count('class="mb-3"') == len(filterset.form.fields)


DISPLAYED = [
    ("clusters.ClusterOrganisation", ["kind", "ris3_priority", "development_stage"]),
    ("clusters.ClusterLabel", ["level"]),
    ("clusters.Organisation", ["helix_type", "size_class"]),
    ("clusters.Membership", ["kind", "fee_status"]),
    ("clusters.ClusterProject", ["scope", "funding_programme", "status"]),
    ("brokers.DistrictService", ["channel"]),
]


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize(("model", "names"), DISPLAYED)
def test_display_is_djangos_get_display(model, names, language):
    model = apps.get_model(model)
    with translation.override(language):
        for name in names:
            field = model._meta.get_field(name)
            for value in [*(value for value, _label in field.flatchoices), "", "unknown"]:
                obj = model(**{field.attname: value})
                getter = getattr(obj, f"get_{name}_display")
                assert str(display(obj, name)) == getter(), (name, value)
