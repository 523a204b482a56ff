"""Demo clusters: the 4 cluster organisations and 2 export consortia of the strategy.

About 150 organisations of the triple helix across the ten districts, memberships
from ten years before the year of seeding to today (growth, leavers, a member who came
back), provisional partners, joint projects of every scope and a year of activities.

The story is written as if seeded in 2026 and moved whole to the year of seeding by
demo.timeline: the clusters are founded ten to eight years before it, the
first projects end six years before it, and so on. The dates that matter ("expires in
N days", "the last twelve months") are relative to the day of seeding. Everything is
derived from a fixed random seed whose draws do not depend on the day: every day of
seeding gets the same story (the same members joining and leaving in the same years, the
same boards, projects and activities; who takes part on a day counted from today may
differ), and two fresh databases seeded on the same day get the same demo.

Idempotent: once the demo clusters exist the whole part is skipped, so a second run,
even on a later day, changes nothing. It runs in one transaction, so a failed run
leaves nothing half-seeded.
"""

import random

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from clusters.models import ClusterOrganisation, Membership, MembershipKind
from demo.clusters.data import CLUSTERS, MANAGER_USERNAME, SEED
from demo.clusters.memberships import join_members, seat_boards
from demo.clusters.organisations import create_clusters, create_organisations
from demo.clusters.projects import create_activities, create_projects


@transaction.atomic
def seed_clusters(stdout):
    """Create the demo cluster organisations and their data unless they already exist."""
    acronyms = [row[1] for row in CLUSTERS]
    if ClusterOrganisation.objects.filter(acronym__in=acronyms).exists():
        stdout.write("  clusters: already seeded, left as they are")
        return
    today = timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    manager = User.objects.filter(username=MANAGER_USERNAME).first()
    by_name, tags_of, created = create_organisations(rng)
    clusters, services = create_clusters(today, manager)
    members = join_members(rng, clusters, by_name, tags_of, today)
    projects = create_projects(rng, clusters, members, by_name, today)
    seat_boards(rng, clusters)
    activities = create_activities(rng, clusters, services, members, today)
    current = {
        c.acronym: Membership.objects.filter(cluster=c, kind=MembershipKind.FULL)
        .active_on(today)
        .count()
        for c in clusters.values()
    }
    stdout.write(
        f"  clusters: {len(clusters)} cluster organisations, {created} organisations, "
        f"{Membership.objects.filter(cluster__in=clusters.values()).count()} memberships, "
        f"{len(projects)} projects, {activities} activities; current full members "
        + ", ".join(f"{acronym} {n}" for acronym, n in current.items())
    )
