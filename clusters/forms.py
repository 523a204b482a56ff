import difflib
from collections import defaultdict

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from clusters.models import (
    ORGANISATION_FIELDS,
    Activity,
    BoardMember,
    ClusterLabel,
    ClusterOrganisation,
    ClusterProject,
    ClusterService,
    ContactPerson,
    EndReason,
    FeeStatus,
    HelixType,
    Membership,
    MembershipKind,
    NetworkParticipation,
    Organisation,
    name_key,
)
from clusters.validators import normalise_tax_id
from core.forms import FORMSET_LIMITS, AmountField

# Words used by the clusters' own pages under /clusters/.
RESERVED_SLUGS = {
    "new",
    "members",
    "memberships",
    "organisations",
    "contacts",
    "projects",
    "activities",
    "imports",
}
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Names at least this alike (difflib ratio of their name keys) are flagged as
# possible duplicates before a new organisation is created.
SIMILAR_NAME_RATIO = 0.88


class HttpsURLField(forms.URLField):
    """A website typed without a scheme is taken to be https (Django 6's default)."""

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


def similar_organisations(legal_name, exclude_pk=None, limit=5):
    """Organisations whose name looks like legal_name, most alike first."""
    key = name_key(legal_name)
    if not key:
        return []
    pks_by_key = defaultdict(list)
    for pk, other_key in Organisation.objects.exclude(pk=exclude_pk).values_list("pk", "name_key"):
        pks_by_key[other_key].append(pk)
    close = difflib.get_close_matches(key, pks_by_key, n=limit, cutoff=SIMILAR_NAME_RATIO)
    pks = [pk for k in close for pk in pks_by_key[k]][:limit]
    found = Organisation.objects.in_bulk(pks)
    return [found[pk] for pk in pks]


class OrganisationForm(forms.ModelForm):
    confirm_not_duplicate = forms.BooleanField(
        label=_("I have checked: this is a different organisation"),
        required=False,
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        field_classes = {"website": HttpsURLField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.similar = []
        if self.instance.pk or not self.is_bound:
            del self.fields["confirm_not_duplicate"]

    def clean_tax_id(self):
        return normalise_tax_id(self.cleaned_data["tax_id"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("helix_type") == HelixType.COMPANY and not cleaned.get("size_class"):
            self.add_error("size_class", _("A company needs a size class."))
        if cleaned.get("helix_type") != HelixType.COMPANY:
            cleaned["size_class"] = ""
        legal_name = cleaned.get("legal_name")
        if legal_name and "confirm_not_duplicate" in self.fields:
            self.similar = similar_organisations(legal_name)
            if self.similar and not cleaned.get("confirm_not_duplicate"):
                names = ", ".join(str(o.legal_name) for o in self.similar)
                self.add_error(
                    "legal_name",
                    _(
                        "There is already an organisation with a very similar name: %(names)s. "
                        "Use it, or tick the box below if this one is different."
                    )
                    % {"names": names},
                )
        return cleaned


ContactFormSet = inlineformset_factory(
    Organisation,
    ContactPerson,
    fields=["name", "role", "email", "phone"],
    extra=1,
    # Contacts are erased (personal data wiped, also from history), never deleted.
    can_delete=False,
    **FORMSET_LIMITS,
)


OFFICE_ONLY_CLUSTER_FIELDS = [
    "slug",
    "kind",
    "cluster_manager",
    "development_stage",
    "status",
    "esca_benchmarked_on",
]


class ClusterOrganisationForm(forms.ModelForm):
    class Meta:
        model = ClusterOrganisation
        fields = [
            "name",
            "acronym",
            "slug",
            "kind",
            "sector",
            "sector_en",
            "ris3_priority",
            "development_stage",
            "founded_on",
            "status",
            "website",
            "cluster_manager",
            "strategy",
            "strategy_document",
            "esca_benchmarked_on",
            "eccp_profile_url",
        ]
        widgets = {
            "founded_on": DATE_INPUT,
            "esca_benchmarked_on": DATE_INPUT,
            "strategy": forms.Textarea(attrs={"rows": 6}),
        }
        field_classes = {"website": HttpsURLField, "eccp_profile_url": HttpsURLField}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("“%(slug)s” is a reserved word; choose another."), params={"slug": slug}
            )
        return slug

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        if office:
            self.fields["cluster_manager"].queryset = User.objects.with_role(
                Role.CLUSTER_MANAGER
            ).filter(is_active=True)
        else:
            # The Office assigns managers and assesses a cluster's standing.
            for name in OFFICE_ONLY_CLUSTER_FIELDS:
                del self.fields[name]


def _formset(model, fields, widgets=None):
    return inlineformset_factory(
        ClusterOrganisation,
        model,
        fields=fields,
        widgets=widgets or {},
        extra=1,
        can_delete=True,
        **FORMSET_LIMITS,
    )


ServiceFormSet = _formset(
    ClusterService,
    ["kind", "title", "description", "audience"],
    {"description": forms.Textarea(attrs={"rows": 2})},
)
LabelFormSet = _formset(
    ClusterLabel,
    ["level", "awarded_on", "expires_on"],
    {"awarded_on": DATE_INPUT, "expires_on": DATE_INPUT},
)


class BoardMemberForm(forms.ModelForm):
    def __init__(self, *args, organisation_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation_choices is not None:
            # Computed once for the whole formset instead of a query per row.
            self.fields["organisation"].choices = organisation_choices


BoardFormSet = inlineformset_factory(
    ClusterOrganisation,
    BoardMember,
    form=BoardMemberForm,
    fields=["name", "position", "organisation", "started_on"],
    widgets={"started_on": DATE_INPUT},
    extra=1,
    can_delete=True,
    **FORMSET_LIMITS,
)
NetworkFormSet = _formset(
    NetworkParticipation,
    ["network", "joined_on", "left_on"],
    {"joined_on": DATE_INPUT, "left_on": DATE_INPUT},
)

# prefix: (formset, title, only the Office may change it)
CLUSTER_FORMSETS = {
    "services": (ServiceFormSet, _("Service catalogue"), False),
    "labels": (LabelFormSet, _("Cluster excellence labels"), True),
    "board": (BoardFormSet, _("Executive board"), False),
    "networks": (NetworkFormSet, _("International networks"), False),
}


def board_organisation_choices(cluster):
    """The organisations a board member can come from: the cluster's current members
    (and those of the board already)."""
    members = Organisation.objects.filter(
        Q(memberships__in=Membership.objects.current().filter(cluster=cluster))
        | Q(pk__in=cluster.board_members.values("organisation"))
    ).distinct()
    return [("", "---------"), *((o.pk, o.legal_name) for o in members.order_by("legal_name"))]


class MembershipForm(forms.ModelForm):
    """A new membership of the chosen organisation in the cluster."""

    class Meta:
        model = Membership
        fields = [
            "organisation",
            "kind",
            "start_date",
            "fee_status",
            "project",
            "agreement_signed_on",
            "agreement_document",
        ]
        widgets = {
            "organisation": forms.HiddenInput,
            "start_date": DATE_INPUT,
            "agreement_signed_on": DATE_INPUT,
        }

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cluster = cluster
        self.fields["project"].queryset = cluster.projects.filter(
            end_date__gte=timezone.localdate()
        ).order_by("-start_date")
        self.fields["start_date"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == MembershipKind.PROVISIONAL:
            if not cleaned.get("project"):
                self.add_error("project", _("A provisional partner joins a cluster project."))
            if not cleaned.get("agreement_signed_on"):
                self.add_error(
                    "agreement_signed_on", _("Give the date of the temporary agreement.")
                )
        elif cleaned.get("kind") == MembershipKind.FULL:
            cleaned["project"] = None
        return cleaned


class MembershipEditForm(forms.ModelForm):
    """Dates, fee and agreement of a membership; its kind and project stay."""

    class Meta:
        model = Membership
        fields = ["start_date", "fee_status", "agreement_signed_on", "agreement_document"]
        widgets = {"start_date": DATE_INPUT, "agreement_signed_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind == MembershipKind.PROVISIONAL:
            del self.fields["fee_status"]  # provisional partners pay no fee
        else:
            del self.fields["agreement_signed_on"]
            del self.fields["agreement_document"]


class EndMembershipForm(forms.Form):
    end_date = forms.DateField(label=_("Last day of membership"), widget=DATE_INPUT)
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[(EndReason.LEFT, EndReason.LEFT.label)], initial=EndReason.LEFT
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["end_date"].initial = timezone.localdate()

    def clean_end_date(self):
        end_date = self.cleaned_data["end_date"]
        if end_date < self.membership.start_date:
            raise forms.ValidationError(
                _("The membership started on %(start)s; it cannot end before."),
                params={"start": self.membership.start_date},
            )
        return end_date


class ConvertMembershipForm(forms.Form):
    start_date = forms.DateField(label=_("Full member from"), widget=DATE_INPUT)
    fee_status = forms.ChoiceField(
        label=_("Fee"), choices=FeeStatus.choices, initial=FeeStatus.PENDING
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["start_date"].initial = timezone.localdate()

    def clean_start_date(self):
        start_date = self.cleaned_data["start_date"]
        if start_date <= self.membership.start_date:
            raise forms.ValidationError(
                _("The provisional partnership started on %(start)s; choose a later day."),
                params={"start": self.membership.start_date},
            )
        return start_date


class ClusterProjectForm(forms.ModelForm):
    class Meta:
        model = ClusterProject
        fields = [
            "title",
            "acronym",
            "scope",
            "clusters",
            "partners",
            "funding_programme",
            "budget",
            "start_date",
            "end_date",
            "status",
        ]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "clusters": forms.CheckboxSelectMultiple,
            "partners": forms.SelectMultiple(attrs={"size": 10}),
        }
        field_classes = {"budget": AmountField}

    def __init__(self, *args, own_cluster=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_cluster = own_cluster
        if own_cluster is not None:
            # A cluster manager's projects are their own cluster's; projects
            # shared with other clusters are kept by the Office.
            del self.fields["clusters"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A project cannot end before it starts."))
        return cleaned

    def save(self, commit=True):
        project = super().save(commit=commit)
        if commit and self.own_cluster is not None:
            project.clusters.set([self.own_cluster])
        return project


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "service",
            "date",
            "partner_clusters",
            "participants",
            "attendees",
            "is_international",
            "description",
        ]
        widgets = {
            "date": DATE_INPUT,
            "partner_clusters": forms.CheckboxSelectMultiple,
            "participants": forms.SelectMultiple(attrs={"size": 10}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, cluster, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cluster = cluster
        self.fields["service"].queryset = cluster.services.all()
        if office:
            self.fields["partner_clusters"].queryset = ClusterOrganisation.objects.exclude(
                pk=cluster.pk
            )
        else:
            # Naming other clusters as co-organisers puts the activity on their
            # pages: the Office records inter-cluster activities.
            del self.fields["partner_clusters"]
        # Participants: current members of the cluster, organisations from
        # outside the region (partners abroad), and those already recorded.
        candidates = Organisation.objects.filter(
            Q(memberships__in=Membership.objects.current().filter(cluster=cluster))
            | Q(district__isnull=True)
        )
        if self.instance.pk:
            candidates = candidates | self.instance.participants.all()
        self.fields["participants"].queryset = candidates.distinct().order_by("legal_name")
