from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.forms import DATE_INPUT
from core.forms import AmountField
from monitoring.models import (
    CorrectiveMeasure,
    CorrectiveStatus,
    EvaluationStatus,
    Indicator,
)
from monitoring.services import evaluable_programmes, is_percentage
from programmes.models import Measure

# An indicator's figures: as many digits as the models keep.
FIGURE_DIGITS = 14


def computation_choices():
    """The registered computations, by code, with the first line of what they do."""
    from monitoring.indicators import COMPUTATIONS

    choices = [("", _("None: entered by hand with evidence"))]
    for code in sorted(COMPUTATIONS):
        doc = (COMPUTATIONS[code].__doc__ or "").strip().splitlines()
        choices.append((code, f"{code} — {doc[0]}" if doc else code))
    return choices


class IndicatorForm(forms.ModelForm):
    computation = forms.ChoiceField(
        label=_("Computed by"),
        required=False,
        help_text=_(
            "A computation registered in the portal reads the value from its data; "
            "without one, the value is entered with its evidence in each evaluation."
        ),
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_en",
            "definition",
            "definition_en",
            "unit",
            "direction",
            "measure",
            "computation",
            "position",
            "is_active",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 4}),
            "definition_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["computation"].choices = computation_choices()
        indicator = self.instance
        if indicator.pk:
            # Submitted and approved evaluations read their status from these:
            # what an indicator measures does not change under them.
            frozen = indicator.values.exclude(evaluation__status=EvaluationStatus.DRAFT).exists()
            locked = ["code"] if indicator.values.exists() else []
            if frozen:
                locked += ["unit", "direction", "measure"]
            for name in locked:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Fixed: evaluations already hold values of this indicator."
                )


def _figure_field(label, *, indicator, required=False):
    """A figure as people type it; a percentage is between 0 and 100."""
    bounds = {"min_value": 0, "max_value": 100} if is_percentage(indicator) else {}
    return AmountField(
        label=label, required=required, max_digits=FIGURE_DIGITS, decimal_places=2, **bounds
    )


class TargetsForm(forms.Form):
    """A baseline and a target per indicator and programme year: the targets grid."""

    def __init__(self, *args, programme, indicators, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme, self.indicators = programme, indicators
        current = {(t.indicator_id, t.year): t for t in targets}
        for indicator in indicators:
            for year in programme.year_range:
                target = current.get((indicator.pk, year))
                for part, label in (("baseline", _("Baseline")), ("target", _("Target"))):
                    field = _figure_field(
                        f"{label} {year}: {indicator.localised_name}", indicator=indicator
                    )
                    field.initial = getattr(target, part) if target else None
                    self.fields[self.field_name(part, indicator, year)] = field

    @staticmethod
    def field_name(part, indicator, year):
        return f"{part}_{indicator.pk}_{year}"

    def grid(self):
        """Rows of (indicator, [(year, baseline field, target field)]) for the template."""
        return [
            (
                indicator,
                [
                    (
                        year,
                        self[self.field_name("baseline", indicator, year)],
                        self[self.field_name("target", indicator, year)],
                    )
                    for year in self.programme.year_range
                ],
            )
            for indicator in self.indicators
        ]

    def clean(self):
        cleaned = super().clean()
        for indicator in self.indicators:
            for year in self.programme.year_range:
                baseline = self.field_name("baseline", indicator, year)
                target = self.field_name("target", indicator, year)
                if (
                    cleaned.get(baseline) is not None
                    and cleaned.get(target) is None
                    and target not in self.errors
                ):
                    self.add_error(target, _("A baseline needs a target."))
        return cleaned

    def targets(self):
        return {
            (indicator, year): (
                self.cleaned_data[self.field_name("baseline", indicator, year)],
                self.cleaned_data[self.field_name("target", indicator, year)],
            )
            for indicator in self.indicators
            for year in self.programme.year_range
        }


class EvaluationForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None)
    year = forms.IntegerField(label=_("Year evaluated"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = evaluable_programmes().order_by("-start_year")


class ManualValueForm(forms.Form):
    actual = AmountField(label=_("Value"), max_digits=FIGURE_DIGITS)
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where the value comes from: a document, a survey, a register."),
    )

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        label = _("Value (%(unit)s)") % {"unit": indicator.unit}
        self.fields["actual"] = _figure_field(label, indicator=indicator, required=True)


class FindingsForm(forms.Form):
    """The findings on each measure, in Spanish and, optionally, in English
    (for the English report)."""

    def __init__(self, *args, findings, **kwargs):
        super().__init__(*args, **kwargs)
        current = {finding.measure: finding for finding in findings}
        for measure in Measure:
            finding = current.get(measure.value)
            self.fields[measure.value] = forms.CharField(
                label=measure.label,
                required=False,
                initial=finding.text if finding else "",
                widget=forms.Textarea(attrs={"rows": 8}),
            )
            self.fields[self.english(measure)] = forms.CharField(
                label=_("%(measure)s (English)") % {"measure": measure.label},
                required=False,
                initial=finding.text_en if finding else "",
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_("Optional: the English report shows it instead of the Spanish."),
            )

    @staticmethod
    def english(measure):
        return f"{measure.value}_en"

    def texts(self):
        return {measure.value: self.cleaned_data[measure.value] for measure in Measure}

    def texts_en(self):
        return {measure.value: self.cleaned_data[self.english(measure)] for measure in Measure}


class CorrectiveMeasureForm(forms.ModelForm):
    class Meta:
        model = CorrectiveMeasure
        fields = [
            "indicator",
            "description",
            "description_en",
            "owner",
            "owner_en",
            "deadline",
            "status",
        ]
        widgets = {
            "deadline": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            values__evaluation=evaluation
        ).order_by("measure", "position", "code")


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CorrectiveStatus.choices)
    follow_up = forms.CharField(
        label=_("Follow-up"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What has been done, and with what result."),
    )
    follow_up_en = forms.CharField(
        label=_("Follow-up (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: the English report shows it instead of the Spanish."),
    )
