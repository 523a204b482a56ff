"""The home-page panels of the cluster organisations."""

from accounts.roles import Role
from clusters.models import ClusterOrganisation, Membership
from core.home import panel


@panel(
    "cluster_overview",
    roles={Role.OFFICE_STAFF, Role.GOVERNMENT_OFFICIAL, Role.ADVISORY_COMMITTEE},
)
def cluster_overview(user):
    """Cluster organisations with their committed members, and agreements ending soon."""
    return {
        "clusters": list(ClusterOrganisation.objects.for_list()),
        "expiring_agreements": Membership.objects.agreements_expiring().count(),
    }


@panel("managed_cluster", roles={Role.CLUSTER_MANAGER})
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
