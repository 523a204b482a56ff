"""Filters of the district service records under /brokers/services/.

The parameter names are fixed: dashboards and other pages link to the list
with them (district=<slug>, broker=<user id>, service_type=<id>,
date_after/date_before=<ISO date>, organisation=<text>, channel=<code>,
withdrawn=include|only).
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from brokers.network.access import READ_NETWORK
from brokers.network.models import ContactChannel, DistrictService, ServiceType
from districts.models import District

DATE_INPUT = django_filters.widgets.forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Withdrawn:
    INCLUDE = "include"
    ONLY = "only"
    CHOICES = [
        (INCLUDE, _("Include withdrawn records")),
        (ONLY, _("Withdrawn records only")),
    ]


class ServiceOrderingFilter(django_filters.OrderingFilter):
    """Sort by the chosen column, then newest first, so pages never shuffle."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "-date", "-pk")
        return qs


def district_choices(user):
    if user.has_perm(READ_NETWORK):
        return District.objects.all()
    return District.objects.filter(pk=user.district_id)


def broker_choices(user):
    """The network's brokers and whoever else logged a service (people move on):
    for a broker, those of their own district only."""
    User = get_user_model()
    is_broker = Exists(
        User.groups.through.objects.filter(user=OuterRef("pk"), group__name=Role.INNOVATION_BROKER)
    )
    # A correlated EXISTS looks each user up in the (broker, date) index; an
    # IN (…) would read every service ever logged to hash their brokers.
    logged = DistrictService.objects.filter(broker=OuterRef("pk"))
    if user.has_perm(READ_NETWORK):
        return User.objects.filter(is_broker | Exists(logged))
    return User.objects.filter(
        (is_broker & Q(district_id=user.district_id))
        | Exists(logged.filter(district_id=user.district_id))
    )


class DistrictServiceFilter(django_filters.FilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.none(), to_field_name="slug"
    )
    broker = django_filters.ModelChoiceFilter(
        label=_("Broker"), queryset=get_user_model().objects.none()
    )
    service_type = django_filters.ModelChoiceFilter(
        label=_("Service"), queryset=ServiceType.objects.all()
    )
    date_after = django_filters.DateFilter(
        label=_("From"), field_name="date", lookup_expr="gte", widget=DATE_INPUT
    )
    date_before = django_filters.DateFilter(
        label=_("To"), field_name="date", lookup_expr="lte", widget=DATE_INPUT
    )
    organisation = django_filters.CharFilter(
        label=_("Organisation"),
        method="filter_organisation",
        help_text=_("Name or tax id"),
    )
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=ContactChannel.choices)
    withdrawn = django_filters.ChoiceFilter(
        label=_("Withdrawn records"),
        choices=Withdrawn.CHOICES,
        empty_label=_("Leave them out"),
        method="filter_withdrawn",
    )
    o = ServiceOrderingFilter(
        fields=(
            ("date", "date"),
            ("district__name", "district"),
            ("service_type__position", "type"),
            ("hours", "hours"),
        ),
        field_labels={
            "date": _("Date"),
            "district__name": _("District"),
            "service_type__position": _("Service"),
            "hours": _("Hours"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = DistrictService
        fields = [
            "district",
            "broker",
            "service_type",
            "date_after",
            "date_before",
            "organisation",
            "channel",
            "withdrawn",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].queryset = district_choices(user)
        self.filters["broker"].queryset = broker_choices(user)

    def filter_organisation(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        served = DistrictService.organisations.through.objects.filter(
            Q(organisation__legal_name__icontains=value)
            | Q(organisation__short_name__icontains=value)
            | Q(organisation__tax_id__icontains=value.replace("-", "").replace(" ", "").upper())
        )
        return queryset.filter(pk__in=served.values("districtservice_id"))

    def filter_withdrawn(self, queryset, name, value):
        if value == Withdrawn.ONLY:
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # Withdrawn records are left out unless asked for (also when the
        # choice is not understood).
        if not self.form.cleaned_data.get("withdrawn"):
            queryset = queryset.delivered()
        return queryset
