"""The clusters' projects and activities, with the members of the day."""

from datetime import date, timedelta
from decimal import Decimal

from clusters.models import (
    Activity,
    ClusterProject,
    EndReason,
    FeeStatus,
    HelixType,
    Membership,
    MembershipKind,
    ProjectStatus,
)
from clusters.services import add_membership, convert_to_full_member
from demo.clusters.data import ACTIVITIES, PROJECTS, PROVISIONAL
from demo.timeline import moved


def _day(value, today):
    return today + timedelta(days=value[1]) if isinstance(value, tuple) else value


def _periods():
    """Membership periods by (organisation id, cluster id), to tell who is a member when."""
    periods = {}
    for org_id, cluster_id, start, end in Membership.objects.values_list(
        "organisation_id", "cluster_id", "start_date", "end_date"
    ):
        periods.setdefault((org_id, cluster_id), []).append((start, end or date.max))
    return periods


def _active(periods, org, cluster, day):
    return any(s <= day <= e for s, e in periods.get((org.pk, cluster.pk), ()))


def _shuffled(rng, orgs):
    """orgs in a random order, to take the first of them that are members on a day counted
    from today: unlike drawing among those members, whose number changes with the day of
    seeding, it keeps the draws after it the same on any day."""
    return rng.sample(orgs, len(orgs))


def create_projects(rng, clusters, members, by_name, today):
    projects, periods = {}, _periods()
    for title, acronym, scope, keys, funding, budget, start, end, cancelled in moved(PROJECTS):
        start, end = _day(start, today), _day(end, today)
        if cancelled:
            status = ProjectStatus.CANCELLED
        elif end < today:
            status = ProjectStatus.COMPLETED
        elif start > today:
            status = ProjectStatus.PLANNED
        else:
            status = ProjectStatus.RUNNING
        project = ClusterProject.objects.create(
            title=title,
            acronym=acronym,
            scope=scope,
            funding_programme=funding,
            budget=Decimal(budget),
            start_date=start,
            end_date=end,
            status=status,
        )
        project.clusters.set([clusters[k] for k in keys])
        partners = []
        for key in keys:
            on_day, size = min(start, today), rng.randint(2, 4)
            partners += [
                o
                for o in _shuffled(rng, members[key])
                if o not in partners
                and o.helix_type != HelixType.PUBLIC_ADMINISTRATION
                and _active(periods, o, clusters[key], on_day)
            ][:size]
        project.partners.set(partners)
        projects[acronym] = project
    for name, key, acronym, after_days, outcome in PROVISIONAL:
        project, org = projects[acronym], by_name[name]
        signed_on = project.start_date + timedelta(days=after_days)
        ended = outcome == "ended"
        membership = add_membership(
            membership=Membership(
                organisation=org,
                cluster=clusters[key],
                kind=MembershipKind.PROVISIONAL,
                start_date=signed_on,
                end_date=project.end_date if ended else None,
                end_reason=EndReason.PROJECT_ENDED if ended else "",
                project=project,
                agreement_signed_on=signed_on - timedelta(days=7),
            )
        )
        project.partners.add(org)
        if outcome and not ended:
            convert_to_full_member(
                membership=membership,
                on=today - timedelta(days=outcome[1]),
                fee_status=FeeStatus.PAID,
            )
            members[key].append(org)
    return projects


def create_activities(rng, clusters, services, members, today):
    per_cluster = {}
    for row in ACTIVITIES:
        per_cluster.setdefault(row[0], []).append(row)
    count, periods = 0, _periods()
    for key, rows in per_cluster.items():
        cluster = clusters[key]
        days_ago = sorted(rng.sample(range(3, 360), len(rows)), reverse=True)
        for (_key, kind, title, international, partners), ago in zip(rows, days_ago, strict=True):
            day = today - timedelta(days=ago)
            activity = Activity.objects.create(
                cluster=cluster,
                service=services[key, kind],
                title=title,
                date=day,
                attendees=rng.randint(10, 120),
                is_international=international,
                description=f"{cluster.acronym}: {services[key, kind].title.lower()}.",
            )
            activity.partner_clusters.set([clusters[k] for k in partners])
            size = rng.randint(3, 8)
            pool = [o for o in _shuffled(rng, members[key]) if _active(periods, o, cluster, day)]
            activity.participants.set(pool[:size])
            count += 1
    return count
