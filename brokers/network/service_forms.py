"""The broker's quick-log form of a district service, also used to correct a record."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brokers.network.models import ContactChannel, DistrictService, ServiceType
from brokers.network.services import check_service_rules, organisation_with_tax_id
from clusters.models import (
    ClusterProject,
    HelixType,
    Membership,
    Organisation,
    ProjectStatus,
)
from clusters.validators import normalise_tax_id, validate_tax_id
from core.widgets import LongSelect, LongSelectMultiple, RowChoiceIterator

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
KNOWLEDGE_PROVIDERS = [HelixType.UNIVERSITY, HelixType.RESEARCH_CENTRE]
# The choice lists of what a service led to stay short: projects still under
# way or ended within the last year, and memberships of the district's
# organisations begun within the last two years (plus, when correcting, the
# record's own choice, however old).
PROJECTS_ENDED_WITHIN = timedelta(days=365)
MEMBERSHIPS_BEGUN_WITHIN = timedelta(days=730)

# The form in the order a broker fills it on a phone: the usual fields first,
# the rest under "More details".
MAIN_FIELDS = ["service_type", "organisations", "channel", "hours", "date", "outcome"]
MORE_FIELDS = [
    "follow_up_on",
    "knowledge_provider",
    "funding_programme",
    "cluster_project",
    "membership",
]


class NewOrganisationForm(forms.Form):
    """An organisation not in the list, added without leaving the form. Its tax
    id decides: an organisation the portal already knows is linked, not copied."""

    legal_name = Organisation._meta.get_field("legal_name").formfield(required=False)
    tax_id = Organisation._meta.get_field("tax_id").formfield(
        required=True,
        error_messages={
            "required": _("Enter the tax id: it tells whether the portal already knows it.")
        },
    )
    helix_type = Organisation._meta.get_field("helix_type").formfield(required=False)
    size_class = Organisation._meta.get_field("size_class").formfield(required=False)

    def __init__(self, *args, **kwargs):
        # Left empty, the block is simply not used.
        kwargs.setdefault("prefix", "new")
        super().__init__(*args, empty_permitted=True, use_required_attribute=False, **kwargs)
        self.existing = None

    def clean_tax_id(self):
        tax_id = self.cleaned_data["tax_id"].strip()
        validate_tax_id(tax_id)
        return normalise_tax_id(tax_id)

    def clean(self):
        cleaned = super().clean()
        tax_id = cleaned.get("tax_id")
        if not tax_id:
            return cleaned
        self.existing = organisation_with_tax_id(tax_id)
        if self.existing is not None:
            return cleaned  # linked as it is: what else was typed is not needed
        if not cleaned.get("legal_name"):
            self.add_error("legal_name", _("Enter the organisation's legal name."))
        if not cleaned.get("helix_type"):
            self.add_error("helix_type", _("Choose the kind of organisation."))
        elif cleaned["helix_type"] == HelixType.COMPANY and not cleaned.get("size_class"):
            self.add_error("size_class", _("A company needs a size class."))
        return cleaned

    @property
    def is_used(self):
        return self.is_bound and self.has_changed()

    def organisation(self):
        """The unsaved organisation the block describes, or None if unused."""
        if not self.is_used:
            return None
        return Organisation(
            legal_name=self.cleaned_data["legal_name"],
            tax_id=self.cleaned_data["tax_id"],
            helix_type=self.cleaned_data["helix_type"],
            size_class=self.cleaned_data["size_class"],
        )


class _ByLegalName:
    """Organisations offered by their legal name, read as rows."""

    iterator = RowChoiceIterator
    label_columns = ["legal_name"]

    def label_from_row(self, legal_name):
        return legal_name


class OrganisationsField(_ByLegalName, forms.ModelMultipleChoiceField):
    pass


class ProviderField(_ByLegalName, forms.ModelChoiceField):
    widget = LongSelect


class MembershipField(forms.ModelChoiceField):
    iterator = RowChoiceIterator
    widget = LongSelect
    label_columns = ["organisation__legal_name", "cluster__acronym", "start_date"]

    def label_from_row(self, legal_name, acronym, start_date):
        return f"{legal_name} – {acronym} ({start_date.month:02}/{start_date.year})"


class ProjectField(forms.ModelChoiceField):
    iterator = RowChoiceIterator
    widget = LongSelect
    label_columns = ["acronym", "title"]

    def label_from_row(self, acronym, title):
        return acronym or title  # as ClusterProject.__str__


def _or_own(choices, pk):
    """The choices, and the record's own choice when correcting one (however
    old). Left out when there is none: "OR id IS NULL" spoils the query plan."""
    return choices | Q(pk=pk) if pk is not None else choices


class DistrictServiceForm(forms.ModelForm):
    """A service record. The district is the broker's (or, when correcting, the
    record's): it bounds the organisations and memberships offered."""

    hours = forms.DecimalField(
        label=_("Hours spent"),
        min_value=0.25,
        max_value=200,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(
            attrs={"step": "0.25", "min": "0.25", "max": "200", "inputmode": "decimal"}
        ),
    )

    class Meta:
        model = DistrictService
        fields = MAIN_FIELDS + MORE_FIELDS
        field_classes = {
            "organisations": OrganisationsField,
            "knowledge_provider": ProviderField,
            "cluster_project": ProjectField,
            "membership": MembershipField,
        }
        widgets = {
            "date": DATE_INPUT,
            "follow_up_on": DATE_INPUT,
            "channel": forms.RadioSelect,
            "organisations": LongSelectMultiple(attrs={"size": 6}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "organisations": _(
                "Organisations of your district. Hold Ctrl (⌘ on a Mac) to choose more than one. "
                "Not in the list? Add it below."
            ),
            "follow_up_on": _("When to get back to them; it appears among your follow-ups due."),
            "funding_programme": _("The grant or programme the advice was about, if any."),
            "cluster_project": _("Projects under way or ended within the last year."),
            "membership": _(
                "Memberships begun within the last two years by organisations of the "
                "district; it must be of one of the organisations served."
            ),
        }

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        service = self.instance
        today = timezone.localdate()
        if service.pk is None:
            self.initial.setdefault("date", today)
            self.initial.setdefault("channel", ContactChannel.VISIT)
            self.initial.setdefault("hours", 1)
        current = list(service.organisations.all()) if service.pk else []
        fields = self.fields
        fields["service_type"].queryset = ServiceType.objects.filter(
            _or_own(Q(is_active=True), service.service_type_id)
        )
        fields["service_type"].empty_label = _("Choose a service")
        fields["channel"].choices = ContactChannel.choices  # no empty radio button
        fields["organisations"].required = False  # one picked or added: see clean()
        fields["organisations"].queryset = Organisation.objects.filter(
            Q(district=district) | Q(pk__in=[o.pk for o in current])
        ).order_by("legal_name")
        fields["knowledge_provider"].queryset = Organisation.objects.filter(
            _or_own(Q(helix_type__in=KNOWLEDGE_PROVIDERS), service.knowledge_provider_id)
        ).order_by("legal_name")
        fields["cluster_project"].queryset = ClusterProject.objects.filter(
            _or_own(
                Q(status__in=[ProjectStatus.PLANNED, ProjectStatus.RUNNING])
                | Q(end_date__gte=today - PROJECTS_ENDED_WITHIN),
                service.cluster_project_id,
            )
        ).order_by("title")
        # The membership chosen comes with what its str() shows.
        fields["membership"].queryset = (
            Membership.objects.filter(
                _or_own(
                    Q(
                        organisation__district=district,
                        start_date__gte=today - MEMBERSHIPS_BEGUN_WITHIN,
                    ),
                    service.membership_id,
                )
            )
            .select_related("organisation", "cluster")
            .order_by("organisation__legal_name", "-start_date", "pk")
        )
        self.new_organisation = NewOrganisationForm(self.data if self.is_bound else None)

    @property
    def more_details_open(self):
        """Open "More details" when it holds something: errors or values."""
        return any(
            self[name].errors or self[name].value() not in (None, "", []) for name in MORE_FIELDS
        )

    @property
    def main_fields(self):
        return [self[name] for name in MAIN_FIELDS]

    @property
    def more_fields(self):
        return [self[name] for name in MORE_FIELDS]

    def clean(self):
        cleaned = super().clean()
        quick = self.new_organisation
        if quick.is_used and not quick.is_valid():
            self.add_error(None, _("Check the new organisation's details below."))
        elif not cleaned.get("organisations") and not quick.is_used and "organisations" in cleaned:
            self.add_error(
                "organisations", _("Choose at least one organisation served, or add a new one.")
            )
        try:
            check_service_rules(
                service_date=cleaned.get("date"), follow_up_on=cleaned.get("follow_up_on")
            )
        except ValidationError as error:
            for field, messages in error.error_dict.items():
                if field in cleaned:
                    self.add_error(field, messages)
        return cleaned
