"""European eligibility of a cluster organisation, shown at a glance on its page."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from clusters.models import (
    LABEL_EXPIRY_WARNING,
    MIN_COMMITTED_MEMBERS,
    MIN_HELIX_TYPES,
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


def european_eligibility(cluster, labels, today=None):
    """Committed (full, current) members, their triple-helix types, management and
    labels that expire within a year. `labels` is the cluster's labels, already loaded."""
    today = today or timezone.localdate()
    counts = (
        Membership.objects.filter(cluster=cluster, kind=MembershipKind.FULL)
        .active_on(today)
        .aggregate(
            members=Count("id"), helix_types=Count("organisation__helix_type", distinct=True)
        )
    )
    return EuropeanEligibility(
        committed_members=counts["members"],
        helix_types=counts["helix_types"],
        has_dedicated_management=cluster.cluster_manager_id is not None,
        expiring_labels=[
            label for label in labels if today <= label.expires_on <= today + LABEL_EXPIRY_WARNING
        ],
    )
