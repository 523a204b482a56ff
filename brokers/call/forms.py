"""Forms of the staff pages of the grant calls: the call and its rules, the
evaluators' checks and scores, selection, agreements, payments and paper entry."""

from django import forms
from django.contrib.auth import get_user_model
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from brokers.call.models import Application, EligibilityCriterion, EvaluationCriterion, GrantCall
from clusters.models import Organisation
from core.forms import FORMSET_LIMITS

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
PASS_FAIL = [("pass", _("Met")), ("fail", _("Not met"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class GrantCallForm(forms.ModelForm):
    class Meta:
        model = GrantCall
        fields = [
            "reference",
            "title",
            "purpose",
            "expected_services",
            "districts",
            "opens_at",
            "closes_at",
            "total_budget",
            "max_monthly_grant",
            "duration_months",
            "evaluators",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "expected_services": forms.Textarea(attrs={"rows": 4}),
            "districts": forms.CheckboxSelectMultiple,
            "evaluators": forms.CheckboxSelectMultiple,
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluators"].queryset = (
            get_user_model().objects.with_role(Role.EVALUATOR).filter(is_active=True)
        )


class EvaluatorsForm(forms.ModelForm):
    """Evaluators can be named until the call is resolved, unlike its rules."""

    class Meta:
        model = GrantCall
        fields = ["evaluators"]
        widgets = {"evaluators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluators"].queryset = (
            get_user_model().objects.with_role(Role.EVALUATOR).filter(is_active=True)
        )


EligibilityCriterionFormSet = inlineformset_factory(
    GrantCall,
    EligibilityCriterion,
    fields=["text", "position"],
    extra=1,
    can_delete=True,
    **FORMSET_LIMITS,
)

EvaluationCriterionFormSet = inlineformset_factory(
    GrantCall,
    EvaluationCriterion,
    fields=["name", "weight", "max_score", "position"],
    extra=1,
    can_delete=True,
    **FORMSET_LIMITS,
)


# The evaluators' forms: one field pair per criterion of the call.


class EligibilityCheckForm(forms.Form):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"passed_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.text, choices=PASS_FAIL, widget=forms.RadioSelect
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Note"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Required when the criterion is not met."),
            )

    def rows(self):
        return [(c, self[f"passed_{c.pk}"], self[f"note_{c.pk}"]) for c in self.criteria]

    def results(self):
        data = self.cleaned_data
        return {c: (data[f"passed_{c.pk}"] == "pass", data[f"note_{c.pk}"]) for c in self.criteria}


class DeclarationForm(forms.Form):
    has_conflict = forms.ChoiceField(
        label=_("Do you have a conflict of interest with this application?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_("With a conflict you will not see nor score this application."),
    )

    def conflict(self):
        return self.cleaned_data["has_conflict"] == "yes"


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                help_text=_("From 0 to %(max)s; weight %(weight)s%%.")
                % {"max": criterion.max_score, "weight": criterion.weight},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Required for a score below half the maximum."),
            )

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def field_for(self, criterion_name):
        """The score field of the criterion a service error names."""
        for criterion in self.criteria:
            if criterion.name == criterion_name:
                return f"score_{criterion.pk}"
        return None

    def scores(self):
        data = self.cleaned_data
        return {c: (data[f"score_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}


# The coordinator's forms


class SelectForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when it is not the top-ranked application."),
    )


class SelectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.district.name}: {obj.application.organisation.legal_name}"


class AgreementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.district.name}: {obj.organisation.legal_name}"


class SignAgreementForm(forms.Form):
    selection = SelectionChoiceField(label=_("Selected application"), queryset=None)
    start_date = forms.DateField(
        label=_("Start"),
        widget=DateInput(),
        help_text=_("The agreement starts on the first day of that month."),
    )

    def __init__(self, *args, selections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selection"].queryset = selections


class PaymentForm(forms.Form):
    agreement = AgreementChoiceField(label=_("Agreement"), queryset=None)
    month = forms.DateField(
        label=_("Month"), widget=DateInput(), help_text=_("Any day of the month paid for.")
    )
    paid_on = forms.DateField(
        label=_("Paid on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for a pending payment."),
    )

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements


class AppointBrokerForm(forms.Form):
    """The broker named in an agreement: their account is created and invited."""

    agreement = AgreementChoiceField(label=_("Agreement"), queryset=None)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("Letters, digits and @/./+/-/_ only."),
    )

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements

    def clean_username(self):
        from django.contrib.auth import get_user_model

        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return username


class PaperApplicationForm(forms.ModelForm):
    """A paper application the coordinator types in on the applicant's behalf."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("legal_name")
    )
    received_at = forms.DateTimeField(
        label=_("Received on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("When the paper application arrived: it must be within the call's dates."),
    )

    class Meta:
        model = Application
        fields = [
            "organisation",
            "district",
            "broker_name",
            "requested_monthly_amount",
            "work_plan",
        ]
        widgets = {"work_plan": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = call.districts.all()
        self.criteria = list(call.evaluation_criteria.all())
        for criterion in self.criteria:
            self.fields[f"statement_{criterion.pk}"] = forms.CharField(
                label=criterion.name, widget=forms.Textarea(attrs={"rows": 3})
            )

    def statements(self):
        return {c: self.cleaned_data[f"statement_{c.pk}"] for c in self.criteria}
