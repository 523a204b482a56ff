import django_filters
from django.utils.translation import gettext_lazy as _

from monitoring.models import Evaluation, EvaluationStatus
from programmes.filters import YearFilter
from programmes.models import Programme


class EvaluationFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.order_by("-start_year", "title")
    )
    year = YearFilter()
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EvaluationStatus.choices)

    class Meta:
        model = Evaluation
        fields = ["programme", "year", "status"]
