"""The portal's roles: each is a group whose permissions say what it may use.

Later parts of the portal add their permissions here; the groups are brought
in line after every migrate (see AccountsConfig.ready).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE_STAFF = "office_staff", _("Office staff")
    CLUSTER_MANAGER = "cluster_manager", _("Cluster manager")
    NETWORK_COORDINATOR = "network_coordinator", _("Network coordinator")
    EVALUATOR = "evaluator", _("Evaluator")
    INNOVATION_BROKER = "innovation_broker", _("Innovation broker")
    GOVERNMENT_OFFICIAL = "government_official", _("Government official")
    ADVISORY_COMMITTEE = "advisory_committee", _("Advisory committee")


# Evaluators see only the grant calls they are assigned to, hence nothing here.
ROLE_PERMISSIONS = {
    Role.OFFICE_STAFF: {
        "brokers.view_district",
        "accounts.view_user",
        "accounts.view_audit_trail",
    },
    Role.CLUSTER_MANAGER: {"brokers.view_district"},
    Role.NETWORK_COORDINATOR: {"brokers.view_district", "accounts.view_user"},
    Role.EVALUATOR: set(),
    Role.INNOVATION_BROKER: {"brokers.view_district"},
    Role.GOVERNMENT_OFFICIAL: {"brokers.view_district"},
    Role.ADVISORY_COMMITTEE: {"brokers.view_district"},
}


def sync_role_groups():
    """Create a group per role and give it exactly the role's permissions.

    Permissions whose app is not migrated yet are skipped; the next call
    (there is one after each app's migrations) adds them.
    """
    from django.contrib.auth.models import Group, Permission

    wanted = {perm for perms in ROLE_PERMISSIONS.values() for perm in perms}
    available = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={perm.split(".", 1)[1] for perm in wanted}
        )
    }
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set([available[p] for p in sorted(perms) if p in available])
