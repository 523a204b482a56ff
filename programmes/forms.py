from datetime import datetime
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator
from django.forms import (
    BaseInlineFormSet,
    BaseModelFormSet,
    inlineformset_factory,
    modelformset_factory,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clusters.forms import DATE_INPUT
from core.forms import FORMSET_LIMITS, AmountField
from programmes.models import (
    Action,
    ActionStatus,
    Body,
    BodyMember,
    BudgetLine,
    ClusterResult,
    CostCategory,
    Decision,
    Expenditure,
    Meeting,
    Programme,
    ProgrammeStatus,
    ProgrammeTransition,
    Reallocation,
    ReallocationStatus,
)

# ---------------------------------------------------------------------------
# Action plan and governance
# ---------------------------------------------------------------------------

MONTH_INPUT = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class MonthField(forms.DateField):
    """A month, typed as YYYY-MM (or as any full date), kept as its first day."""

    widget = MONTH_INPUT
    default_error_messages = {"invalid": _("Enter a month as YYYY-MM.")}

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return datetime.strptime(value.strip(), "%Y-%m").date()
            except ValueError:
                pass
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "measure",
            "title",
            "title_en",
            "planned_start",
            "planned_end",
            "owner",
            "owner_en",
            "status",
            "progress",
            "deliverable",
            "progress_notes",
        ]
        field_classes = {"planned_start": MonthField, "planned_end": MonthField}
        widgets = {
            "planned_start": MONTH_INPUT,
            "planned_end": MONTH_INPUT,
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100}),
            "progress_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].validators.append(MaxValueValidator(100))
        self.fields["progress"].help_text = _("Set to 100 automatically when the action is done.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("planned_start"), cleaned.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("An action cannot end before it starts."))
        if cleaned.get("status") == ActionStatus.DONE:
            cleaned["progress"] = 100
            self.errors.pop("progress", None)
        return cleaned


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["kind", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class BodyMemberForm(forms.ModelForm):
    class Meta:
        model = BodyMember
        fields = ["name", "role", "organisation", "term_start", "term_end"]
        widgets = {"term_start": DATE_INPUT, "term_end": DATE_INPUT}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("A term cannot end before it starts."))
        return cleaned


BodyMemberFormSet = inlineformset_factory(
    Body, BodyMember, form=BodyMemberForm, extra=1, can_delete=True, **FORMSET_LIMITS
)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["body", "date", "attendees", "agenda", "minutes"]
        widgets = {
            "date": DATE_INPUT,
            "attendees": forms.Textarea(attrs={"rows": 5}),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }


def _short_date(moment):
    return date_format(timezone.localdate(moment), "SHORT_DATE_FORMAT")


def transition_label(transition):
    """“Programme → Approved (14/03/2025)”."""
    programme, status = transition.programme.title, transition.get_to_status_display()
    return f"{programme} → {status} ({_short_date(transition.at)})"


def reallocation_label(reallocation):
    """“Programme: 5.000 € from <line> to <line> (Approved, 14/03/2025)”."""
    return gettext("%(programme)s: %(summary)s (%(status)s, %(date)s)") % {
        "programme": reallocation.programme.title,
        "summary": reallocation.summary(),
        "status": reallocation.get_status_display(),
        "date": _short_date(reallocation.decided_at or reallocation.requested_at),
    }


# A governance decision approves (or turns down) what the government decided:
# a programme's approval or return, or a decided reallocation.
DECIDED_TRANSITIONS = (ProgrammeStatus.APPROVED, ProgrammeStatus.RETURNED)
DECIDED_REALLOCATIONS = (ReallocationStatus.APPROVED, ReallocationStatus.REJECTED)


def _transitions():
    return (
        ProgrammeTransition.objects.filter(to_status__in=DECIDED_TRANSITIONS)
        .select_related("programme")
        .order_by("-at", "-pk")
    )


def _reallocations():
    return (
        Reallocation.objects.filter(status__in=DECIDED_REALLOCATIONS)
        .select_related("programme", "from_line__cluster", "to_line__cluster")
        .order_by("-requested_at", "-pk")
    )


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "transition", "reallocation"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transition"].queryset = _transitions()
        self.fields["reallocation"].queryset = _reallocations()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("transition") and cleaned.get("reallocation"):
            self.add_error(
                "reallocation",
                _("A decision approves a programme status change or a reallocation, not both."),
            )
        return cleaned


class BaseDecisionFormSet(BaseInlineFormSet):
    """Lists the status changes and reallocations once for all its forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        blank = [("", "---------")]
        self._choices = {
            "transition": blank + [(t.pk, transition_label(t)) for t in _transitions()],
            "reallocation": blank + [(r.pk, reallocation_label(r)) for r in _reallocations()],
        }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, choices in self._choices.items():
            form.fields[name].choices = choices


DecisionFormSet = inlineformset_factory(
    Meeting,
    Decision,
    form=DecisionForm,
    formset=BaseDecisionFormSet,
    extra=1,
    can_delete=True,
    **FORMSET_LIMITS,
)


# ---------------------------------------------------------------------------
# Programmes, budget, reallocations, key results and spending
# ---------------------------------------------------------------------------


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title", "start_year", "years", "target_stage", "objectives", "clusters"]
        widgets = {
            "clusters": forms.CheckboxSelectMultiple,
            "objectives": forms.Textarea(attrs={"rows": 5}),
        }


class BudgetForm(forms.Form):
    """One amount field per year and cost category: the planned budget grid."""

    def __init__(self, *args, programme, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        current = {(line.year, line.category): line.amount for line in lines}
        for year in programme.year_range:
            for category in CostCategory:
                self.fields[self.field_name(year, category)] = AmountField(
                    label=f"{category.label} {year}",
                    min_value=0,
                    required=False,
                    initial=current.get((year, category.value)),
                )

    @staticmethod
    def field_name(year, category):
        return f"amount_{year}_{category}"

    def grid(self):
        """Rows of (category label, [bound fields per year]) for the template."""
        return [
            (
                category.label,
                [self[self.field_name(year, category)] for year in self.programme.year_range],
            )
            for category in CostCategory
        ]

    def amounts(self):
        return {
            (year, category.value): self.cleaned_data[self.field_name(year, category)]
            for year in self.programme.year_range
            for category in CostCategory
        }


class ReallocationForm(forms.Form):
    from_line = forms.ModelChoiceField(
        label=_("From budget line"), queryset=BudgetLine.objects.none()
    )
    to_line = forms.ModelChoiceField(label=_("To budget line"), queryset=BudgetLine.objects.none())
    amount = AmountField(label=_("Amount (EUR)"), min_value=Decimal("0.01"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        lines = programme.budget_lines.select_related("cluster").order_by(
            "year", "category", "cluster__acronym"
        )
        self.fields["from_line"].queryset = lines
        self.fields["to_line"].queryset = lines

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from_line") and cleaned.get("from_line") == cleaned.get("to_line"):
            self.add_error("to_line", _("Choose two different budget lines."))
        return cleaned


class ReallocationDecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EditOnlyFormSet(BaseModelFormSet):
    """Edits the objects of its queryset and nothing more: however many forms the
    request says it sends (TOTAL_FORMS), no more forms are built than objects."""

    def total_form_count(self):
        return min(super().total_form_count(), len(self.get_queryset()))


ResultFormSet = modelformset_factory(
    ClusterResult,
    formset=EditOnlyFormSet,
    edit_only=True,
    fields=["status", "evidence"],
    extra=0,
    widgets={"evidence": forms.Textarea(attrs={"rows": 2})},
)


class ExpenditureForm(forms.ModelForm):
    class Meta:
        model = Expenditure
        fields = [
            "programme",
            "date",
            "category",
            "cluster",
            "amount",
            "supplier",
            "description",
            "document_reference",
            "document",
            "overspend_justification",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "overspend_justification": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"amount": AmountField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        running = Programme.objects.running()
        self.fields["programme"].queryset = running
        self.fields["cluster"].queryset = running.supported_clusters()
