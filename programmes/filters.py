from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.models import ClusterOrganisation
from programmes.models import (
    Action,
    ActionStatus,
    Body,
    CostCategory,
    Expenditure,
    Measure,
    Meeting,
    Programme,
    ProgrammeStatus,
)

# Years a filter accepts: the models' own plausible range.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)


# Action plan


class ActionFilter(django_filters.FilterSet):
    measure = django_filters.ChoiceFilter(label=_("Measure"), choices=Measure.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices)
    owner = django_filters.CharFilter(label=_("Owner"), lookup_expr="icontains")
    late = django_filters.BooleanFilter(
        label=_("Late"),
        method="filter_late",
        widget=forms.Select(
            choices=[("", _("All")), ("true", _("Late only")), ("false", _("Not late"))]
        ),
    )
    year = YearFilter(method="filter_year")
    o = django_filters.OrderingFilter(
        fields=(("planned_start", "start"), ("title", "title"), ("status", "status")),
        label=_("Sort by"),
    )

    class Meta:
        model = Action
        fields = ["measure", "status", "owner", "late", "year"]

    def filter_late(self, queryset, name, value):
        """Late: marked so, or past their planned end without being done or cancelled."""
        late = queryset.late()
        return late if value else queryset.exclude(pk__in=late.values("pk"))

    def filter_year(self, queryset, name, value):
        """Actions planned to run during some part of the year."""
        return queryset.filter(
            planned_start__lte=date(value, 12, 31), planned_end__gte=date(value, 1, 1)
        )


# Governance


class MeetingFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=Body.objects.all())
    year = YearFilter(field_name="date__year")
    o = django_filters.OrderingFilter(
        fields=(("date", "date"), ("body__name", "body")), label=_("Sort by")
    )

    class Meta:
        model = Meeting
        fields = ["body", "year"]


class ProgrammeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProgrammeStatus.choices)

    class Meta:
        model = Programme
        fields = ["status"]


class ExpenditureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.order_by("-start_year")
    )
    year = YearFilter(label=_("Year"), field_name="date", lookup_expr="year")
    category = django_filters.ChoiceFilter(label=_("Cost category"), choices=CostCategory.choices)
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cluster organisation"), queryset=ClusterOrganisation.objects.all()
    )
    exceeds_budget = django_filters.BooleanFilter(label=_("Over budget"))
    o = django_filters.OrderingFilter(
        fields=(("date", "date"), ("amount", "amount"), ("supplier", "supplier")),
        label=_("Sort by"),
    )

    class Meta:
        model = Expenditure
        fields = ["q", "programme", "year", "category", "cluster", "exceeds_budget"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(supplier__icontains=value)
            | Q(description__icontains=value)
            | Q(document_reference__icontains=value)
        )
