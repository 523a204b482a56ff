"""What each role's home page shows, built with a fixed number of queries."""

from django.contrib.auth.models import Group
from django.db.models import Count, Q

from accounts.roles import Role
from brokers import network as broker_network
from brokers.models import District, GrantCall
from clusters.models import ClusterOrganisation, Membership
from programmes.models import Action, Programme, ProgrammeStatus, Reallocation, ReallocationStatus

# Roles whose home page shows the broker network's coverage of the districts.
NETWORK_ROLES = {
    Role.OFFICE_STAFF,
    Role.NETWORK_COORDINATOR,
    Role.INNOVATION_BROKER,
    Role.GOVERNMENT_OFFICIAL,
    Role.ADVISORY_COMMITTEE,
}
# Roles whose home page shows the late actions of the action plan.
LATE_ACTION_ROLES = {Role.OFFICE_STAFF, Role.GOVERNMENT_OFFICIAL}
LATE_ACTIONS_SHOWN = 10

# Roles whose home page shows the cluster organisations at a glance.
CLUSTER_OVERVIEW_ROLES = {Role.OFFICE_STAFF, Role.GOVERNMENT_OFFICIAL, Role.ADVISORY_COMMITTEE}


def people_by_role():
    counts = dict(
        Group.objects.filter(name__in=Role.values)
        .annotate(people=Count("user", filter=Q(user__is_active=True)))
        .values_list("name", "people")
    )
    return [(role, counts.get(role.value, 0)) for role in Role]


def network_coverage():
    districts = list(District.objects.with_brokers())
    return {
        "districts": districts,
        "covered": sum(1 for d in districts if d.brokers),
        "rural": sum(1 for d in districts if d.is_rural),
    }


def cluster_overview():
    """Cluster organisations with their committed members, and agreements ending soon."""
    return {
        "clusters": list(ClusterOrganisation.objects.for_list()),
        "expiring_agreements": Membership.objects.agreements_expiring().count(),
    }


def managed_cluster(user):
    """The cluster organisation the user manages, with its members and expiring agreements."""
    cluster = ClusterOrganisation.objects.for_list().filter(cluster_manager=user).first()
    if cluster is not None:
        cluster.expiring_agreements = list(
            Membership.objects.agreements_expiring()
            .filter(cluster=cluster)
            .select_related("organisation", "project")
        )
    return cluster


def late_actions():
    late = Action.objects.late().order_by("planned_end", "title")
    return {"actions": list(late[:LATE_ACTIONS_SHOWN]), "count": late.count()}


def awaiting_approval():
    """What waits for a government official's decision."""
    return {
        "programmes": list(Programme.objects.filter(status=ProgrammeStatus.SUBMITTED)),
        "reallocations": list(
            Reallocation.objects.filter(status=ReallocationStatus.REQUESTED).select_related(
                "programme", "from_line__cluster", "to_line__cluster"
            )
        ),
    }


def for_user(user):
    roles = user.roles
    context = {"roles": roles, "role_templates": [f"accounts/home/{r.value}.html" for r in roles]}
    if Role.OFFICE_STAFF in roles:
        context["people_by_role"] = people_by_role()
    if CLUSTER_OVERVIEW_ROLES.intersection(roles):
        context["cluster_overview"] = cluster_overview()
    if Role.CLUSTER_MANAGER in roles:
        context["managed_cluster"] = managed_cluster(user)
    if LATE_ACTION_ROLES.intersection(roles):
        context["late_actions"] = late_actions()
    if Role.GOVERNMENT_OFFICIAL in roles:
        context["awaiting_approval"] = awaiting_approval()
    if Role.APPLICANT in roles:
        context["open_calls"] = list(GrantCall.objects.open_to_applicants())
    if NETWORK_ROLES.intersection(roles):
        context["network"] = network_coverage()
    if Role.INNOVATION_BROKER in roles:
        # Their district this month and year, and when the network meets next.
        if user.district_id:
            context["broker_district"] = broker_network.district_panel(user.district)
        context["next_meeting"] = broker_network.next_meeting()
    if Role.NETWORK_COORDINATOR in roles:
        context["coordination"] = broker_network.coordinator_panel()
    return context
