import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from districts.models import District


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Role.choices, field_name="groups__name"
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all()
    )
    o = django_filters.OrderingFilter(
        fields=(("last_name", "name"), ("username", "username"), ("district__name", "district")),
        field_labels={
            "last_name": _("Name"),
            "username": _("Username"),
            "district__name": _("District"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = User
        fields = ["q", "role", "district"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(username__icontains=value)
            | Q(email__icontains=value)
        )
