"""Forms of the public grant-call pages: registering and applying."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from brokers.call.applicants import TAX_ID_TAKEN, tax_id_taken
from brokers.call.models import Application, SupportingDocument
from clusters.forms import OrganisationForm
from core.forms import AmountField

STATEMENT_PREFIX = "statement_"


class AccountForm(UserCreationForm):
    """The applicant's own account: name, e-mail, username and password twice
    (checked by the site's password validators)."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "username"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True


class ApplicantOrganisationForm(OrganisationForm):
    """The applicant's organisation: new to the portal, identified by its tax id."""

    class Meta(OrganisationForm.Meta):
        fields = ["legal_name", "tax_id", "helix_type", "size_class", "district", "municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tax_id"].required = True
        # A stranger is not shown which organisations the portal knows: the
        # tax id alone decides whether the organisation is new.
        self.fields.pop("confirm_not_duplicate", None)

    def clean_tax_id(self):
        tax_id = super().clean_tax_id()
        if tax_id_taken(tax_id):
            raise forms.ValidationError(TAX_ID_TAKEN, code="tax_id_taken")
        return tax_id

    def validate_unique(self):
        # The tax id is checked above with its own message; the service checks again.
        pass


class ApplicationForm(forms.ModelForm):
    """A draft application, with one statement per evaluation criterion of the call."""

    requested_monthly_amount = AmountField(label=_("Requested monthly grant (EUR)"))

    class Meta:
        model = Application
        fields = ["district", "broker_name", "broker_cv", "requested_monthly_amount", "work_plan"]
        widgets = {"work_plan": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = call.districts.all()
        self.criteria = list(call.evaluation_criteria.all())
        existing = (
            {s.criterion_id: s.text for s in self.instance.statements.all()}
            if self.instance.pk
            else {}
        )
        for criterion in self.criteria:
            self.fields[f"{STATEMENT_PREFIX}{criterion.pk}"] = forms.CharField(
                label=criterion.name,
                required=False,
                initial=existing.get(criterion.pk, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Weight: %(weight)s%%. Required to submit.")
                % {"weight": criterion.weight},
            )

    def statement_fields(self):
        return [self[f"{STATEMENT_PREFIX}{c.pk}"] for c in self.criteria]

    def main_fields(self):
        return [f for f in self if not f.name.startswith(STATEMENT_PREFIX)]

    def statements(self):
        return {c: self.cleaned_data[f"{STATEMENT_PREFIX}{c.pk}"] for c in self.criteria}


DocumentFormSet = inlineformset_factory(
    Application,
    SupportingDocument,
    fields=["title", "file"],
    extra=1,
    can_delete=True,
    max_num=10,
    absolute_max=10,  # not Django's default of 1,010 forms for a tampered TOTAL_FORMS
    validate_max=True,
)
