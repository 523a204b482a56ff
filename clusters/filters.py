import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.models import (
    Activity,
    ClusterKind,
    ClusterOrganisation,
    ClusterProject,
    DevelopmentStage,
    FundingProgramme,
    HelixType,
    LabelLevel,
    Membership,
    MembershipKind,
    ProjectScope,
    ProjectStatus,
    Ris3Priority,
    ServiceKind,
    SizeClass,
)
from districts.models import District


class ClusterFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ClusterKind.choices)
    development_stage = django_filters.ChoiceFilter(
        label=_("Development stage"), choices=DevelopmentStage.choices
    )
    ris3_priority = django_filters.ChoiceFilter(
        label=_("RIS3 priority area"), choices=Ris3Priority.choices
    )
    label = django_filters.ChoiceFilter(
        label=_("Valid label"), choices=LabelLevel.choices, method="filter_label"
    )
    o = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("acronym", "acronym"),
            ("committed_members", "members"),
            ("founded_on", "founded"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = ClusterOrganisation
        fields = ["kind", "development_stage", "ris3_priority"]

    def filter_label(self, queryset, name, value):
        return queryset.with_label_level(value)


class MemberStatus:
    CURRENT = "current"
    ENDED = "ended"
    CHOICES = [(CURRENT, _("Current members")), (ENDED, _("Former members"))]


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    helix_type = django_filters.ChoiceFilter(
        label=_("Type"), field_name="organisation__helix_type", choices=HelixType.choices
    )
    size_class = django_filters.ChoiceFilter(
        label=_("Size"), field_name="organisation__size_class", choices=SizeClass.choices
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"), field_name="organisation__district", queryset=District.objects.all()
    )
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cluster organisation"), queryset=ClusterOrganisation.objects.all()
    )
    kind = django_filters.ChoiceFilter(label=_("Membership"), choices=MembershipKind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=MemberStatus.CHOICES,
        method="filter_status",
        empty_label=_("All"),
    )
    o = django_filters.OrderingFilter(
        fields=(
            ("organisation__legal_name", "organisation"),
            ("cluster__acronym", "cluster"),
            ("start_date", "start"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Membership
        fields = ["q", "helix_type", "size_class", "district", "cluster", "kind", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(organisation__legal_name__icontains=value)
            | Q(organisation__short_name__icontains=value)
            | Q(organisation__tax_id__icontains=value.replace("-", "").upper())
            | Q(organisation__municipality__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == MemberStatus.CURRENT:
            return queryset.active_on(today)
        return queryset.filter(end_date__lt=today)


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=ProjectScope.choices)
    funding_programme = django_filters.ChoiceFilter(
        label=_("Funding programme"), choices=FundingProgramme.choices
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cluster organisation"),
        field_name="clusters",
        queryset=ClusterOrganisation.objects.all(),
    )
    o = django_filters.OrderingFilter(
        fields=(("title", "title"), ("start_date", "start"), ("budget", "budget")),
        label=_("Sort by"),
    )

    class Meta:
        model = ClusterProject
        fields = ["q", "scope", "funding_programme", "status", "cluster"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(acronym__icontains=value))


class ActivityFilter(django_filters.FilterSet):
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cluster organisation"),
        method="filter_cluster",
        queryset=ClusterOrganisation.objects.all(),
    )
    service_kind = django_filters.ChoiceFilter(
        label=_("Service"), field_name="service__kind", choices=ServiceKind.choices
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="date",
        lookup_expr="gte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="date",
        lookup_expr="lte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    is_international = django_filters.BooleanFilter(label=_("International"))
    o = django_filters.OrderingFilter(
        fields=(("date", "date"), ("title", "title"), ("attendees", "attendees")),
        label=_("Sort by"),
    )

    class Meta:
        model = Activity
        fields = ["cluster", "service_kind", "date_from", "date_to", "is_international"]

    def filter_cluster(self, queryset, name, value):
        """Activities the cluster organised or ran together with others."""
        return queryset.filter(Q(cluster=value) | Q(partner_clusters=value)).distinct()
