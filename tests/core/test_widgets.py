"""The selects of long lists (core/widgets.py): the same HTML as Django's
selects, escaped, keeping what was chosen; their choices read as rows."""

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.models import Organisation
from core.widgets import LongSelect, LongSelectMultiple, RowChoiceIterator
from tests.factories import OrganisationFactory

CHOICES = [("", "---------"), (1, "Alfa S.L."), (2, "Beta & Hijos S.A."), (3, "Gamma")]
ATTRS = {"id": "id_org", "class": "form-select", "size": 6, "required": True, "disabled": False}


def options(html):
    """(value, label, selected) of each option, in order."""
    return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)


def same_markup(html):
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize(
    ("ours", "djangos", "value"),
    [
        (LongSelect, forms.Select, 2),
        (LongSelect, forms.Select, None),
        (LongSelectMultiple, forms.SelectMultiple, [1, 3]),
        (LongSelectMultiple, forms.SelectMultiple, []),
    ],
)
def test_the_same_html_as_djangos_select(ours, djangos, value):
    expected = djangos(attrs=ATTRS, choices=CHOICES).render("org", value)
    html = ours(attrs=ATTRS, choices=CHOICES).render("org", value)
    assert same_markup(html) == same_markup(expected)


def test_names_and_values_are_escaped():
    widget = LongSelect(choices=[('"><b>', "<script>alert('x')</script>")])
    html = widget.render("org", None)
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert 'value="&quot;&gt;&lt;b&gt;"' in html


def test_a_single_select_selects_only_the_first_match():
    # As Django's: two options with the same value, one selected.
    html = LongSelect(choices=[(1, "Uno"), (1, "Uno otra vez")]).render("org", 1)
    assert html.count(" selected") == 1


# With a model choice field


class OrganisationsField(forms.ModelMultipleChoiceField):
    iterator = RowChoiceIterator
    widget = LongSelectMultiple
    label_columns = ["legal_name", "municipality"]

    def label_from_row(self, legal_name, municipality):
        return f"{legal_name} ({municipality})"


class ServiceForm(forms.Form):
    organisations = OrganisationsField(queryset=Organisation.objects.order_by("legal_name"))
    hours = forms.DecimalField()


@pytest.mark.django_db
def test_the_choices_are_read_in_one_plain_query():
    a = OrganisationFactory(legal_name="Alfa S.L.", municipality="Reinosa")
    b = OrganisationFactory(legal_name="Beta S.A.", municipality="Laredo")
    field = ServiceForm().fields["organisations"]
    with CaptureQueriesContext(connection) as queries:
        choices = list(iter(field.choices))  # list(choices) would count them first
    assert choices == [(a.pk, "Alfa S.L. (Reinosa)"), (b.pk, "Beta S.A. (Laredo)")]
    assert len(queries) == 1
    assert not queries[0]["sql"].startswith("DECLARE")  # no server-side cursor


@pytest.mark.django_db
def test_an_organisation_named_with_a_script_is_escaped():
    OrganisationFactory(legal_name="<script>alert(1)</script> S.L.", municipality="Santander")
    html = str(ServiceForm()["organisations"])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; S.L. (Santander)" in html


@pytest.mark.django_db
def test_what_was_chosen_stays_chosen_after_errors():
    a, b, c = (OrganisationFactory(legal_name=name) for name in ("Alfa", "Beta", "Gamma"))
    form = ServiceForm({"organisations": [str(a.pk), str(c.pk)], "hours": "many"})
    assert not form.is_valid()
    assert "hours" in form.errors
    assert options(str(form["organisations"])) == [
        (str(a.pk), " selected", "Alfa (Torrelavega)"),
        (str(b.pk), "", "Beta (Torrelavega)"),
        (str(c.pk), " selected", "Gamma (Torrelavega)"),
    ]


@pytest.mark.django_db
def test_the_queryset_still_bounds_what_can_be_chosen():
    a = OrganisationFactory()
    form = ServiceForm({"organisations": [str(a.pk)], "hours": "1"})
    form.fields["organisations"].queryset = Organisation.objects.exclude(pk=a.pk)
    assert not form.is_valid()
    assert "organisations" in form.errors
