"""The home-page panels of people and roles."""

from django.contrib.auth.models import Group
from django.db.models import Count, Q

from accounts.roles import Role
from core.home import panel


@panel("people_by_role", roles={Role.OFFICE_STAFF})
def people_by_role(user):
    counts = dict(
        Group.objects.filter(name__in=Role.values)
        .annotate(people=Count("user", filter=Q(user__is_active=True)))
        .values_list("name", "people")
    )
    return [(role, counts.get(role.value, 0)) for role in Role]
