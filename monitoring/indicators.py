"""The computed indicators: one registered function per computation code.

Every function is called as ``function(*, year, programme)`` and returns a
``Result(actual, breakdown)``:

- ``actual`` is a Decimal, or None when the figure is undefined (a share of
  nothing: no company members, no committed grant, no budget);
- ``breakdown`` is ``{dimension: {key: value}}``: dimension names below, keys
  are codes (helix type, size class, label level, project scope, service type
  code, district slug, cluster slug, cost category, year as text), values are
  JSON-ready: counts as int, amounts as "1234.00" and percentages as "12.5"
  (strings), in display order.

Scope. The Office's indicators (measure cluster_office) count the cluster
organisations the programme supports (Programme.clusters), except
new_clusters, which counts every cluster organisation of the region founded in
the year (a new one is in no programme yet). The network's indicators (measure
broker_network) are region-wide: the network has no programme.

"Committed members" are those of clusters.eligibility: full members (not
provisional partners) whose membership is current on the day, here 31
December; a membership counts once per cluster (an organisation that belongs
to two clusters is two cluster members).

Each function reads with a fixed number of aggregate queries, whatever the
number of records (tests/monitoring/test_indicators.py checks it), on SQLite
and PostgreSQL alike.

Computations and their breakdowns (unit, direction: see the catalogue,
migration 0002_indicator_catalogue):

committed_members        committed members at year end; by_type, by_cluster
member_growth            committed members at year end minus at the previous
                         year end; totals (previous, current), by_cluster
member_growth_rate       the same in % of the previous year end; totals
sme_share                % of committed company members that are micro, small
                         or medium; by_size, totals (smes, companies)
provisional_converted    full memberships converted from a provisional
                         partnership that start in the year; by_cluster,
                         partnerships_ended (provisional partnerships ended in
                         the year, by end reason)
new_clusters             cluster organisations founded in the year; by_kind
labelled_clusters        clusters holding a valid excellence label on 31
                         December (counted once, at their highest level); by_level
clusters_in_networks     clusters that on 31 December take part in an
                         international network, have been ESCA-benchmarked or
                         have an ECCP profile; by_channel, by_network
joint_projects_started   inter-cluster, interregional and transnational
                         projects (not cancelled) that start in the year; by_scope
joint_projects_budget    their budget (EUR); by_scope
activities               activities the clusters organised in the year;
                         by_cluster, features (international, inter_cluster)
activity_attendees       attendees of those activities; by_cluster
key_results_achieved     the programme's key results of the year marked
                         achieved; by_result
budget_execution         spent / current budget (planned plus approved
                         reallocations) of the year, in %, as on the programme's
                         budget page; by_category (%), by_year (%), amounts
services_delivered       district services delivered (not withdrawn) in the
                         year; by_type, by_district, hours_by_district
organisations_reached    distinct organisations served by those services in
                         the whole network; by_district (distinct per district:
                         an organisation served in two districts counts in both)
organisations_reached_rural  the same in rural districts only; by_district, totals
rural_service_share      % of the year's services delivered in rural
                         districts; totals
needs_matched            distinct industry needs put in touch with an offer in
                         the year (a match made in the year); by_district,
                         by_result (of those matches)
matches_successful       matches whose result "contact made" or "project" was
                         recorded in the year; by_result
grants_paid_rate         broker grants paid for the months of the year against
                         those committed for them (agreements' monthly amount ×
                         their months in the year), in %; totals, committed_by_district,
                         paid_by_district
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core import checks
from django.db import DatabaseError
from django.db.models import Count, Exists, OuterRef, Q, Sum

from brokers.models import (
    DistrictService,
    GrantAgreement,
    MatchResult,
    NeedOfferMatch,
    Payment,
    PaymentStatus,
    ServiceType,
)
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
from districts.models import District
from monitoring.models import Indicator
from programmes.budget import BudgetFigures, budget_table
from programmes.models import ClusterResult, KeyResult, ResultStatus

ZERO = Decimal("0")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Result:
    actual: Decimal | None
    breakdown: dict = field(default_factory=dict)


class UnknownComputation(LookupError):
    """An indicator names a computation that is not registered."""


COMPUTATIONS = {}


def computation(code):
    """Register the decorated function as the computation `code`."""

    def register(function):
        if code in COMPUTATIONS:
            raise ValueError(f"The computation {code!r} is registered twice.")
        COMPUTATIONS[code] = function
        return function

    return register


def get_computation(code, indicator=None):
    try:
        return COMPUTATIONS[code]
    except KeyError:
        owner = f"The indicator {indicator.code!r} names" if indicator else "There is"
        raise UnknownComputation(
            f"{owner} the computation {code!r}, which monitoring.indicators does not "
            f"register; the registered ones are: {', '.join(sorted(COMPUTATIONS))}."
        ) from None


def compute(code, *, year, programme):
    return get_computation(code)(year=year, programme=programme)


def compute_all(*, year, programme, indicators=None):
    """{indicator code: Result} for every active computed indicator (or the
    given ones); a computation shared by two indicators runs once."""
    if indicators is None:
        indicators = Indicator.objects.active().exclude(computation="")
    indicators = [i for i in indicators if i.computation and i.is_active]
    functions = {i.code: get_computation(i.computation, i) for i in indicators}  # fail first
    done = {}
    results = {}
    for indicator in indicators:
        if indicator.computation not in done:
            done[indicator.computation] = functions[indicator.code](year=year, programme=programme)
        results[indicator.code] = done[indicator.computation]
    return results


def unregistered_computations():
    """Indicators of the catalogue whose computation is not registered."""
    return list(
        Indicator.objects.exclude(computation="")
        .exclude(computation__in=list(COMPUTATIONS))
        .order_by("code")
    )


@checks.register(checks.Tags.database)
def check_catalogue(app_configs=None, **kwargs):
    """`manage.py check --database default`: every computation is registered."""

    try:
        missing = unregistered_computations()
    except DatabaseError:  # not migrated yet
        return []
    return [
        checks.Error(
            f"The indicator {indicator.code!r} names the unregistered computation "
            f"{indicator.computation!r}.",
            hint="Register it in monitoring/indicators.py or correct the indicator.",
            obj=indicator,
            id="monitoring.E001",
        )
        for indicator in missing
    ]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def year_start(year):
    return date(year, 1, 1)


def year_end(year):
    return date(year, 12, 31)


def percent(part, whole):
    """part of whole in %, to one decimal; None when whole is nothing."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def amount(value):
    """An amount as JSON-ready text with cents: Decimal("742000") -> "742000.00"."""
    return str(Decimal(value or 0).quantize(CENT))


def text(value):
    """A Decimal (percentage) as text, None as None."""
    return None if value is None else str(value)


def months_in_year(start, end, year):
    """How many calendar months of `year` the period start–end touches."""
    first = max(start, year_start(year))
    last = min(end, year_end(year))
    if last < first:
        return 0
    return (last.year - first.year) * 12 + last.month - first.month + 1


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


def delivered_services(year):
    return DistrictService.objects.delivered().filter(date__year=year)


def districts():
    """[(slug, name, is_rural)] of every district, by name."""
    return list(District.objects.order_by("name").values_list("slug", "name", "is_rural"))


def services_by_district_and_type(year):
    """{(district slug, service type code): (services, hours)} delivered in the year."""
    rows = (
        delivered_services(year)
        .values("district__slug", "service_type__code")
        .annotate(services=Count("pk"), hours=Sum("hours"))
        .order_by()
    )
    return {
        (row["district__slug"], row["service_type__code"]): (row["services"], row["hours"] or ZERO)
        for row in rows
    }


def organisations_by_district(year):
    """{district slug: distinct organisations served in the year}."""
    rows = (
        delivered_services(year)
        .values("district__slug")
        .annotate(organisations=Count("organisations", distinct=True))
        .order_by()
    )
    return {row["district__slug"]: row["organisations"] for row in rows}


def organisations_in_network(year):
    """Distinct organisations served in the year: in all and in rural districts."""
    return delivered_services(year).aggregate(
        total=Count("organisations", distinct=True),
        rural=Count("organisations", distinct=True, filter=Q(district__is_rural=True)),
    )


def grants_by_district(year):
    """{district slug: [committed, paid]} for the months of the year: committed is
    each agreement's monthly amount times its months in the year, paid the paid
    payments of those months. Two queries."""
    figures = defaultdict(lambda: [ZERO, ZERO])
    agreements = GrantAgreement.objects.running_in(year).values_list(
        "district__slug", "monthly_amount", "start_date", "end_date"
    )
    for slug, monthly, start, end in agreements:
        figures[slug][0] += monthly * months_in_year(start, end, year)
    paid = (
        Payment.objects.filter(status=PaymentStatus.PAID, month__year=year)
        .values("agreement__district__slug")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in paid:
        figures[row["agreement__district__slug"]][1] += row["total"] or ZERO
    return figures


# ---------------------------------------------------------------------------
# Cluster Promotion Office
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Network of Innovation Brokers
# ---------------------------------------------------------------------------


@computation("services_delivered")
def services_delivered(*, year, programme):
    cells = services_by_district_and_type(year)
    types = ServiceType.objects.order_by("position", "name").values_list("code", "is_active")
    by_type = {code: 0 for code, active in types if active}
    by_district = {slug: 0 for slug, _name, _rural in districts()}
    hours = dict.fromkeys(by_district, ZERO)
    for (slug, code), (n, h) in cells.items():
        by_type[code] = by_type.get(code, 0) + n
        by_district[slug] = by_district.get(slug, 0) + n
        hours[slug] = hours.get(slug, ZERO) + h
    return Result(
        Decimal(sum(by_district.values())),
        {
            "by_type": by_type,
            "by_district": by_district,
            "hours_by_district": {slug: amount(h) for slug, h in hours.items()},
        },
    )


@computation("organisations_reached")
def organisations_reached(*, year, programme):
    per_district = organisations_by_district(year)
    reached = organisations_in_network(year)
    return Result(
        Decimal(reached["total"]),
        {"by_district": {slug: per_district.get(slug, 0) for slug, _n, _r in districts()}},
    )


@computation("organisations_reached_rural")
def organisations_reached_rural(*, year, programme):
    per_district = organisations_by_district(year)
    reached = organisations_in_network(year)
    return Result(
        Decimal(reached["rural"]),
        {
            "by_district": {
                slug: per_district.get(slug, 0) for slug, _n, rural in districts() if rural
            },
            "totals": {
                "network": reached["total"],
                "share_percent": text(percent(reached["rural"], reached["total"])),
            },
        },
    )


@computation("rural_service_share")
def rural_service_share(*, year, programme):
    totals = delivered_services(year).aggregate(
        services=Count("pk"), rural=Count("pk", filter=Q(district__is_rural=True))
    )
    return Result(
        percent(totals["rural"], totals["services"]),
        {"totals": {"rural": totals["rural"], "services": totals["services"]}},
    )


@computation("needs_matched")
def needs_matched(*, year, programme):
    matches = NeedOfferMatch.objects.filter(matched_at__year=year)
    per_district = (
        matches.values("need__district__slug")
        .annotate(needs=Count("need", distinct=True))
        .order_by()
    )
    by_result = dict.fromkeys((r.value for r in MatchResult), 0)
    for row in matches.values("result").annotate(n=Count("pk")).order_by():
        by_result[row["result"]] = row["n"]
    total = matches.aggregate(needs=Count("need", distinct=True))["needs"]
    by_district = sorted((r["need__district__slug"], r["needs"]) for r in per_district)
    return Result(
        Decimal(total),
        {
            "by_district": dict(by_district),
            "by_result": by_result,
        },
    )


@computation("matches_successful")
def matches_successful(*, year, programme):
    successful = [MatchResult.CONTACT_MADE, MatchResult.PROJECT]
    rows = (
        NeedOfferMatch.objects.filter(result__in=successful)
        .filter(
            Q(result_recorded_at__year=year)
            | Q(result_recorded_at__isnull=True, matched_at__year=year)
        )
        .values("result")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_result = dict.fromkeys((r.value for r in successful), 0)
    for row in rows:
        by_result[row["result"]] = row["n"]
    return Result(Decimal(sum(by_result.values())), {"by_result": by_result})


@computation("grants_paid_rate")
def grants_paid_rate(*, year, programme):
    figures = grants_by_district(year)
    committed = sum((c for c, _p in figures.values()), ZERO)
    paid = sum((p for _c, p in figures.values()), ZERO)
    slugs = sorted(figures)
    return Result(
        percent(paid, committed),
        {
            "totals": {"committed": amount(committed), "paid": amount(paid)},
            "committed_by_district": {slug: amount(figures[slug][0]) for slug in slugs},
            "paid_by_district": {slug: amount(figures[slug][1]) for slug in slugs},
        },
    )
