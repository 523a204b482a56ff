"""The computations of the Cluster Promotion Office's indicators (measure
cluster_office): the cluster organisations the programme supports, their members,
labels, networks, joint projects and activities, its key results and budget."""

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from clusters.models import (
    Activity,
    ClusterKind,
    ClusterLabel,
    ClusterOrganisation,
    ClusterProject,
    EndReason,
    HelixType,
    LabelLevel,
    Membership,
    MembershipKind,
    NetworkParticipation,
    ProjectScope,
    ProjectStatus,
    SizeClass,
)
from monitoring.indicators.numbers import CENT, ZERO, amount, percent, text, year_end
from monitoring.indicators.registry import Result, computation
from programmes.budget import BudgetFigures, budget_table
from programmes.models import ClusterResult, KeyResult, ResultStatus


def _programme_clusters(programme):
    return ClusterOrganisation.objects.filter(programmes=programme)


def committed_q(day, prefix=""):
    """Committed members on the day: full members whose membership is current."""
    return Q(**{f"{prefix}kind": MembershipKind.FULL}) & Membership.active_q(day, prefix=prefix)


def committed_members_by_cluster(programme, day):
    """[(cluster slug, {helix type: n}, total)] for each of the programme's
    clusters, in one query (clusters without members too)."""
    committed = committed_q(day, prefix="memberships__")
    by_type = {
        f"n_{helix.value}": Count(
            "memberships", filter=committed & Q(memberships__organisation__helix_type=helix)
        )
        for helix in HelixType
    }
    rows = (
        _programme_clusters(programme)
        .with_member_counts(on=day)
        .annotate(**by_type)
        .order_by("name", "pk")
    )
    return [
        (
            cluster.slug,
            {helix.value: getattr(cluster, f"n_{helix.value}") for helix in HelixType},
            cluster.committed_members,
        )
        for cluster in rows
    ]


@computation("committed_members")
def committed_members(*, year, programme):
    clusters = committed_members_by_cluster(programme, year_end(year))
    by_type = dict.fromkeys((h.value for h in HelixType), 0)
    for _slug, types, _total in clusters:
        for helix, n in types.items():
            by_type[helix] += n
    total = sum(total for _slug, _types, total in clusters)
    return Result(
        Decimal(total),
        {"by_type": by_type, "by_cluster": {slug: n for slug, _types, n in clusters}},
    )


def _growth(programme, year):
    """[(slug, previous, current)] committed members at both year ends, one query."""
    previous_q = committed_q(year_end(year - 1), prefix="memberships__")
    current_q = committed_q(year_end(year), prefix="memberships__")
    rows = (
        _programme_clusters(programme)
        .annotate(
            previous=Count("memberships", filter=previous_q),
            current=Count("memberships", filter=current_q),
        )
        .order_by("name", "pk")
        .values_list("slug", "previous", "current")
    )
    return list(rows)


@computation("member_growth")
def member_growth(*, year, programme):
    rows = _growth(programme, year)
    previous = sum(r[1] for r in rows)
    current = sum(r[2] for r in rows)
    return Result(
        Decimal(current - previous),
        {
            "totals": {"previous": previous, "current": current},
            "by_cluster": {slug: cur - prev for slug, prev, cur in rows},
        },
    )


@computation("member_growth_rate")
def member_growth_rate(*, year, programme):
    rows = _growth(programme, year)
    previous = sum(r[1] for r in rows)
    current = sum(r[2] for r in rows)
    return Result(
        percent(current - previous, previous),
        {"totals": {"previous": previous, "current": current}},
    )


@computation("sme_share")
def sme_share(*, year, programme):
    rows = (
        Membership.objects.filter(committed_q(year_end(year)))
        .filter(cluster__programmes=programme, organisation__helix_type=HelixType.COMPANY)
        .values("organisation__size_class")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_size = dict.fromkeys((s.value for s in SizeClass), 0)
    for row in rows:
        by_size[row["organisation__size_class"]] = row["n"]
    companies = sum(by_size.values())
    smes = companies - by_size[SizeClass.LARGE]
    return Result(
        percent(smes, companies),
        {"by_size": by_size, "totals": {"smes": smes, "companies": companies}},
    )


@computation("provisional_converted")
def provisional_converted(*, year, programme):
    converted = (
        Membership.objects.filter(
            kind=MembershipKind.FULL,
            converted_from__isnull=False,
            start_date__year=year,
            cluster__programmes=programme,
        )
        .values("cluster__slug")
        .annotate(n=Count("pk"))
        .order_by("cluster__slug")
    )
    by_cluster = {row["cluster__slug"]: row["n"] for row in converted}
    ended = (
        Membership.objects.filter(
            kind=MembershipKind.PROVISIONAL, end_date__year=year, cluster__programmes=programme
        )
        .values("end_reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_reason = dict.fromkeys((r.value for r in EndReason), 0)
    for row in ended:
        by_reason[row["end_reason"] or EndReason.LEFT] += row["n"]
    return Result(
        Decimal(sum(by_cluster.values())),
        {"by_cluster": by_cluster, "partnerships_ended": by_reason},
    )


@computation("new_clusters")
def new_clusters(*, year, programme):
    rows = (
        ClusterOrganisation.objects.filter(founded_on__year=year)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_kind = dict.fromkeys((k.value for k in ClusterKind), 0)
    for row in rows:
        by_kind[row["kind"]] = row["n"]
    return Result(Decimal(sum(by_kind.values())), {"by_kind": by_kind})


def label_rank(level):
    """Label levels from the lowest (bronze) to the highest (gold)."""
    return list(LabelLevel.values).index(level)


def valid_labels(programme, day):
    """{cluster id: (highest level, its expiry)} of the labels valid on the day."""
    best = {}
    labels = ClusterLabel.objects.filter(
        cluster__programmes=programme, awarded_on__lte=day, expires_on__gte=day
    ).values_list("cluster_id", "level", "expires_on")
    for cluster_id, level, expires_on in labels:
        held = best.get(cluster_id)
        if held is None or (label_rank(level), expires_on) > (label_rank(held[0]), held[1]):
            best[cluster_id] = (level, expires_on)
    return best


@computation("labelled_clusters")
def labelled_clusters(*, year, programme):
    by_level = dict.fromkeys((level.value for level in LabelLevel), 0)
    for level, _expires in valid_labels(programme, year_end(year)).values():
        by_level[level] += 1
    return Result(Decimal(sum(by_level.values())), {"by_level": by_level})


def active_networks_q(day, prefix=""):
    return Q(**{f"{prefix}joined_on__lte": day}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gte": day})
    )


@computation("clusters_in_networks")
def clusters_in_networks(*, year, programme):
    day = year_end(year)
    networks = NetworkParticipation.objects.filter(active_networks_q(day))
    clusters = (
        _programme_clusters(programme)
        .annotate(in_network=Exists(networks.filter(cluster=OuterRef("pk"))))
        .values_list("in_network", "esca_benchmarked_on", "eccp_profile_url")
    )
    by_channel = {"international_networks": 0, "esca": 0, "eccp": 0}
    total = 0
    for in_network, esca_on, eccp_url in clusters:
        channels = {
            "international_networks": in_network,
            "esca": esca_on is not None and esca_on <= day,
            "eccp": bool(eccp_url),
        }
        for channel, present in channels.items():
            by_channel[channel] += int(present)
        total += any(channels.values())
    by_network = (
        networks.filter(cluster__programmes=programme)
        .values("network")
        .annotate(n=Count("cluster", distinct=True))
        .order_by("network")
    )
    return Result(
        Decimal(total),
        {"by_channel": by_channel, "by_network": {r["network"]: r["n"] for r in by_network}},
    )


JOINT_SCOPES = [ProjectScope.INTER_CLUSTER, ProjectScope.INTERREGIONAL, ProjectScope.TRANSNATIONAL]


def joint_projects(programme, year):
    """Inter-cluster, interregional and transnational projects of the programme's
    clusters that start in the year, not cancelled."""
    of_programme = ClusterProject.objects.filter(clusters__programmes=programme).values("pk")
    return (
        ClusterProject.objects.filter(pk__in=of_programme, start_date__year=year)
        .filter(scope__in=JOINT_SCOPES)
        .exclude(status=ProjectStatus.CANCELLED)
    )


def _joint_projects_by_scope(programme, year):
    projects = joint_projects(programme, year)
    rows = projects.values("scope").annotate(n=Count("pk"), budget=Sum("budget")).order_by()
    figures = dict.fromkeys(JOINT_SCOPES, (0, ZERO))
    for row in rows:
        figures[row["scope"]] = (row["n"], row["budget"] or ZERO)
    return figures


@computation("joint_projects_started")
def joint_projects_started(*, year, programme):
    figures = _joint_projects_by_scope(programme, year)
    return Result(
        Decimal(sum(n for n, _b in figures.values())),
        {"by_scope": {scope: n for scope, (n, _b) in figures.items()}},
    )


@computation("joint_projects_budget")
def joint_projects_budget(*, year, programme):
    figures = _joint_projects_by_scope(programme, year)
    total = sum((b for _n, b in figures.values()), ZERO)
    return Result(
        total.quantize(CENT),
        {"by_scope": {scope: amount(b) for scope, (_n, b) in figures.items()}},
    )


def activities_by_cluster(programme, year):
    """[(cluster slug, activities, attendees, international, inter-cluster)] of the
    activities the programme's clusters organised in the year, one query."""
    joint = Activity.partner_clusters.through.objects.values("activity_id")
    rows = (
        Activity.objects.filter(cluster__programmes=programme, date__year=year)
        .values("cluster__slug")
        .annotate(
            n=Count("pk"),
            attendees=Sum("attendees"),
            international=Count("pk", filter=Q(is_international=True)),
            inter_cluster=Count("pk", filter=Q(pk__in=joint)),
        )
        .order_by("cluster__slug")
    )
    return [
        (r["cluster__slug"], r["n"], r["attendees"] or 0, r["international"], r["inter_cluster"])
        for r in rows
    ]


@computation("activities")
def activities(*, year, programme):
    rows = activities_by_cluster(programme, year)
    return Result(
        Decimal(sum(r[1] for r in rows)),
        {
            "by_cluster": {r[0]: r[1] for r in rows},
            "features": {
                "international": sum(r[3] for r in rows),
                "inter_cluster": sum(r[4] for r in rows),
            },
        },
    )


@computation("activity_attendees")
def activity_attendees(*, year, programme):
    rows = activities_by_cluster(programme, year)
    return Result(Decimal(sum(r[2] for r in rows)), {"by_cluster": {r[0]: r[2] for r in rows}})


@computation("key_results_achieved")
def key_results_achieved(*, year, programme):
    rows = (
        ClusterResult.objects.filter(programme=programme, year=year, status=ResultStatus.ACHIEVED)
        .values("result")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_result = dict.fromkeys((r.value for r in KeyResult), 0)
    for row in rows:
        by_result[row["result"]] = row["n"]
    return Result(Decimal(sum(by_result.values())), {"by_result": by_result})


@computation("budget_execution")
def budget_execution(*, year, programme):
    table = budget_table(programme)
    figures = table.year_totals.get(year, BudgetFigures())
    return Result(
        figures.rate,
        {
            "by_category": {
                row.key: text(row.by_year.get(year, BudgetFigures()).rate) for row in table.rows
            },
            "by_year": {str(y): text(table.year_totals[y].rate) for y in table.years},
            "amounts": {
                "planned": amount(figures.planned),
                "current": amount(figures.current),
                "spent": amount(figures.spent),
            },
        },
    )
