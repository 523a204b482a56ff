"""European eligibility of a cluster organisation, shown at a glance on its page."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from clusters.models import (
    LABEL_EXPIRY_WARNING,
    MIN_COMMITTED_MEMBERS,
    MIN_HELIX_TYPES,
    HelixType,
    Membership,
    MembershipKind,
)


@dataclass
class EuropeanEligibility:
    committed_members: int
    helix_types: int
    has_dedicated_management: bool
    expiring_labels: list = field(default_factory=list)

    @property
    def enough_members(self):
        return self.committed_members >= MIN_COMMITTED_MEMBERS

    @property
    def enough_helix_types(self):
        return self.helix_types >= MIN_HELIX_TYPES

    @property
    def eligible(self):
        return self.enough_members and self.enough_helix_types and self.has_dedicated_management

    min_members = MIN_COMMITTED_MEMBERS
    min_helix_types = MIN_HELIX_TYPES


# The three helices: industry, academia and research, government. Associations
# and other bodies are members but belong to none of them.
HELIX = {
    HelixType.COMPANY: "industry",
    HelixType.UNIVERSITY: "academia",
    HelixType.RESEARCH_CENTRE: "academia",
    HelixType.PUBLIC_ADMINISTRATION: "government",
}


def european_eligibility(cluster, labels, today=None):
    """Committed (full, current) members, their triple-helix types, management and
    labels that expire within a year. `labels` is the cluster's labels, already loaded."""
    today = today or timezone.localdate()
    committed = Membership.objects.filter(cluster=cluster, kind=MembershipKind.FULL).active_on(
        today
    )
    types = committed.values("organisation__helix_type").annotate(members=Count("id")).order_by()
    return EuropeanEligibility(
        committed_members=sum(row["members"] for row in types),
        helix_types=len({HELIX.get(row["organisation__helix_type"]) for row in types} - {None}),
        has_dedicated_management=cluster.cluster_manager_id is not None,
        expiring_labels=[
            label for label in labels if today <= label.expires_on <= today + LABEL_EXPIRY_WARNING
        ],
    )
