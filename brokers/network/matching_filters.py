"""Filters of the lists of industry needs and technology offers."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brokers.network.models import IndustryNeed, NeedStatus, TechnologyArea, TechnologyOffer
from districts.models import District


class NeedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), to_field_name="slug"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=NeedStatus.choices, empty_label=_("All")
    )
    technology_area = django_filters.ChoiceFilter(
        label=_("Technology area"), choices=TechnologyArea.choices
    )
    organisation = django_filters.CharFilter(label=_("Organisation"), method="filter_organisation")
    o = django_filters.OrderingFilter(
        fields=(
            ("created_at", "compiled"),
            ("title", "title"),
            ("district__name", "district"),
            ("organisation__legal_name", "organisation"),
            ("match_count", "matches"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = IndustryNeed
        fields = ["q", "district", "status", "technology_area", "organisation"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(
            Q(organisation__legal_name__icontains=value)
            | Q(organisation__short_name__icontains=value)
        )


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    technology_area = django_filters.ChoiceFilter(
        label=_("Technology area"), choices=TechnologyArea.choices
    )
    provider = django_filters.CharFilter(label=_("Knowledge provider"), method="filter_provider")
    available = django_filters.BooleanFilter(label=_("Available"), field_name="is_active")
    o = django_filters.OrderingFilter(
        fields=(
            ("created_at", "added"),
            ("title", "title"),
            ("provider__legal_name", "provider"),
            ("match_count", "matches"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = TechnologyOffer
        fields = ["q", "technology_area", "provider", "available"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_provider(self, queryset, name, value):
        return queryset.filter(
            Q(provider__legal_name__icontains=value) | Q(provider__short_name__icontains=value)
        )
