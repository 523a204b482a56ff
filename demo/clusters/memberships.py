"""Who joined which cluster when, and the clusters' boards."""

from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

from clusters.models import (
    BoardMember,
    EndReason,
    FeeStatus,
    HelixType,
    Membership,
    MembershipKind,
)
from demo.clusters.data import (
    ANCHORS,
    BOARD_PEOPLE,
    BOARD_POSITIONS,
    BOARD_SIZES,
    CLUSTERS,
    FIRST_YEAR,
    REJOINS,
)
from demo.timeline import moved, on
from demo.timeline import year as moved_year


def _day_between(rng, first, last):
    """A random day from first to last; last if the range is empty (a day of the story not
    reached yet early in the year of seeding). One draw whatever the range, so the draws
    after it do not depend on the day of seeding."""
    draw = rng.random()
    if last < first:
        return last
    return first + timedelta(days=int(draw * ((last - first).days + 1)))


def _join_plan(rng, n, leavers, years):
    """How many members join each year: founders first, then at least one a year while
    there are enough, one more in each year a member leaves, so the count keeps growing.
    Members leave from the fourth year on: by then a company has been a member for two
    years, whatever the draws (see _memberships)."""
    later = years[1:]
    founders = max(3, min(round(n * 0.3), n - len(later) - leavers))
    joins = dict.fromkeys(years, 0)
    joins[years[0]] = founders
    budget = n - founders
    leave_years = sorted(rng.sample(later[2:], leavers))
    if budget >= len(later):
        for year in later:
            joins[year] += 1
        budget -= len(later)
        for year in leave_years:
            if budget:
                joins[year] += 1
                budget -= 1
        while budget:
            joins[rng.choice(later)] += 1
            budget -= 1
    elif budget:  # a small consortium: joins spread evenly, some years without any
        step = len(later) / budget
        for i in range(budget):
            joins[later[int(i * step)]] += 1
    return joins, leave_years


def join_members(rng, clusters, by_name, tags_of, today):
    members = {key: [] for key in clusters}
    for name, tags in tags_of.items():
        for key in tags:
            members[key].append(by_name[name])
    plans = []  # (org, cluster key, start, end, fee)
    for key, *_rest, founded, leavers in moved(CLUSTERS):
        plans += _cluster_plan(rng, key, members[key], founded, leavers, today)
    _check_no_overlap(plans)
    memberships = [
        Membership(
            organisation=org,
            cluster=clusters[key],
            kind=MembershipKind.FULL,
            start_date=start,
            end_date=end,
            end_reason=EndReason.LEFT if end else "",
            fee_status=fee,
        )
        for org, key, start, end, fee in plans
    ]
    bulk_create_with_history(memberships, Membership, batch_size=500)
    return members


def _cluster_plan(rng, key, orgs, founded, leavers, today):
    """The memberships of one cluster: who joins each year, who leaves, their fees, and
    (for REJOINS) the first leaver back."""
    plans = []
    first_year = moved_year(FIRST_YEAR)
    rng.shuffle(orgs)
    # Stable: anchors found it, then the companies join, the other institutions last.
    # So each leave year finds a company of two years' standing that has not left yet.
    orgs.sort(key=lambda o: (o.short_name not in ANCHORS, o.helix_type != HelixType.COMPANY))
    # As many years on any day of seeding (they move with the story): the same plan.
    years = list(range(max(founded.year, first_year), today.year + 1))
    joins, leave_years = _join_plan(rng, len(orgs), leavers, years)
    starts, queue = {}, iter(orgs)
    for year in years:
        first = founded if year == founded.year else date(year, 1, 2)
        for _ in range(joins[year]):
            org = next(queue)
            if year == years[0]:
                day = founded
            else:
                day = _day_between(rng, first, min(date(year, 12, 28), today))
            starts[org.pk] = (org, day)
    ends = {}
    for year in leave_years:
        candidates = [
            org
            for org, start in starts.values()
            if start.year <= year - 2 and org.pk not in ends and org.helix_type == HelixType.COMPANY
        ]
        leaver = rng.choice(candidates)
        ends[leaver.pk] = _day_between(rng, date(year, 1, 15), min(date(year, 12, 20), today))
    for org, start in starts.values():
        end = ends.get(org.pk)
        if end:
            fee = FeeStatus.OVERDUE if rng.random() < 0.2 else FeeStatus.PAID
        else:
            fee = rng.choices(
                [FeeStatus.PAID, FeeStatus.PENDING, FeeStatus.OVERDUE], weights=[80, 12, 8]
            )[0]
        plans.append((org, key, start, end, fee))
    if key in REJOINS:  # the first leaver came back a couple of years later
        leaver_pk, left_on = min(ends.items(), key=lambda item: item[1])
        back_on = _day_between(
            rng, left_on + timedelta(days=500), min(left_on + timedelta(days=1100), today)
        )
        plans.append((starts[leaver_pk][0], key, back_on, None, FeeStatus.PAID))
    return plans


def _check_no_overlap(plans):
    periods = {}
    for org, key, start, end, _fee in plans:
        periods.setdefault((org.pk, key), []).append((start, end or date.max))
    for spans in periods.values():
        spans.sort()
        for (_s1, e1), (s2, _e2) in zip(spans, spans[1:], strict=False):
            if s2 <= e1:
                raise AssertionError("demo memberships overlap")


def seat_boards(rng, clusters):
    people, elected_by = iter(BOARD_PEOPLE), on(2020, 12, 31)
    for key, cluster in clusters.items():
        # Members of the first years that still are: each sits from its organisation's
        # joining day at the earliest.
        early = (
            Membership.objects.filter(
                cluster=cluster,
                kind=MembershipKind.FULL,
                end_date__isnull=True,
                start_date__lte=elected_by,
            )
            .select_related("organisation")
            .order_by("start_date", "organisation__legal_name")
        )
        companies = [m for m in early if m.organisation.helix_type == HelixType.COMPANY]
        others = [m for m in early if m.organisation.helix_type != HelixType.COMPANY]
        seats = companies[:2] + others[:1] + companies[2:]
        for position, membership in zip(BOARD_POSITIONS[: BOARD_SIZES[key]], seats, strict=False):
            BoardMember.objects.create(
                cluster=cluster,
                name=next(people),
                position=position,
                organisation=membership.organisation,
                started_on=_day_between(rng, membership.start_date, elected_by),
            )
