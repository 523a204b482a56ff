import django_filters
from django.utils.translation import gettext_lazy as _

from districts.models import District


class DistrictFilter(django_filters.FilterSet):
    is_rural = django_filters.BooleanFilter(label=_("Rural"))
    o = django_filters.OrderingFilter(
        fields=(("name", "name"), ("is_rural", "rural")),
        field_labels={"name": _("Name"), "is_rural": _("Rural")},
        label=_("Sort by"),
    )

    class Meta:
        model = District
        fields = ["is_rural"]
