"""A small hand-built region for the indicator and snapshot tests, with the
figures each computation must give for YEAR worked out by hand below.

Programme 2024–2027 supports clusters A and B; C is outside it.

Memberships (committed = full and current on 31 December):
  A: micro company   full 2023-01-01, open                 2024 ✓ 2025 ✓
     small company   full 2025-03-01, open                 2025 ✓
     large company   full 2022-01-01 – 2025-12-31          2024 ✓ 2025 ✓ (ends on the day)
     leaver (medium) full 2022-01-01 – 2025-12-30          2024 ✓ (gone before year end)
     university      full 2024-06-01, open                 2024 ✓ 2025 ✓
     partner (medium) provisional 2025-02-01, open         never (provisional)
     centre          provisional 2024-05-01 – 2025-03-31 (converted), full from 2025-04-01  2025 ✓
  B: university      full 2025-01-01, open                 2025 ✓ (a member of two clusters)
     micro company   full 2026-01-01                       after the year
     leaver          provisional 2025-01-01 – 2025-06-30 (project ended)
  C: small company   full 2020 (outside the programme)
  2025 year end: A 5 + B 1 = 6 (company 3, university 2, research centre 1); 2024: A 4.
  Growth 2; rate 50.0 %; SMEs 2 of 3 companies = 66.7 %; 1 conversion.

Network (2025): services besaya 2 (advice, contacts; 3.5 h), liebana 1 (advice,
3 h; a withdrawn one excluded), campoo 1 (contacts, 4 h; one of 2024 excluded);
organisations besaya {o1,o2}, liebana {o1,o3}, campoo {o4,o5}: 5 distinct, 4 rural.
Grants 2025: besaya 3,000 × Apr–Dec = 27,000 (paid Apr–Jun 9,000), liebana
3,500 × Jan–Oct = 35,000 (paid Jan–Aug 28,000; Nov 2024 paid but another year):
committed 62,000, paid 37,000 = 59.7 %.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from brokers.call.models import (
    Application,
    ApplicationStatus,
    Eligibility,
    GrantAgreement,
    GrantCall,
    GrantCallStatus,
    Payment,
    PaymentStatus,
    Selection,
)
from brokers.network.models import (
    DistrictService,
    IndustryNeed,
    MatchResult,
    NeedOfferMatch,
    ServiceType,
    TechnologyOffer,
)
from clusters.models import (
    ClusterKind,
    ClusterLabel,
    EndReason,
    LabelLevel,
    NetworkParticipation,
    ProjectScope,
    ProjectStatus,
)
from districts.models import District
from programmes.models import (
    Action,
    ActionStatus,
    BudgetLine,
    ClusterResult,
    Expenditure,
    KeyResult,
    Measure,
    Programme,
    ProgrammeStatus,
    Reallocation,
    ReallocationStatus,
    ResultStatus,
)
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
)

YEAR = 2025


def at(day, hour=12):
    """An aware datetime at noon of the day, in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def d(text):
    return date.fromisoformat(text)


class World:
    """The records of the region, by name."""


def build_world():
    w = World()
    w.user = UserFactory()
    w.districts = {x.slug: x for x in District.objects.all()}
    w.types = {t.code: t for t in ServiceType.objects.all()}

    # Clusters: A (2016) and B (founded in the year) in the programme; C, an
    # export consortium founded in the year, outside it; D founded the year before.
    w.a = ClusterFactory(founded_on=d("2016-02-18"), eccp_profile_url="https://eccp.example.org/a")
    w.b = ClusterFactory(founded_on=d("2025-05-01"), esca_benchmarked_on=d("2025-10-01"))
    w.c = ClusterFactory(founded_on=d("2025-02-01"), kind=ClusterKind.EXPORT_CONSORTIUM)
    w.d = ClusterFactory(founded_on=d("2024-07-01"), esca_benchmarked_on=d("2026-02-01"))
    w.programme = Programme.objects.create(
        title="Programa de prueba",
        start_year=2024,
        years=4,
        objectives="Apoyar a los clústeres.",
        status=ProgrammeStatus.ACTIVE,
    )
    w.programme.clusters.set([w.a, w.b])

    # Organisations
    w.micro = OrganisationFactory(size_class="micro")
    w.small = OrganisationFactory(size_class="small")
    w.large = OrganisationFactory(size_class="large")
    w.leaver = OrganisationFactory(size_class="medium")
    w.partner = OrganisationFactory(size_class="medium")
    w.university = OrganisationFactory(helix_type="university", size_class="")
    w.centre = OrganisationFactory(helix_type="research_centre", size_class="")

    # Projects
    w.p_joint = ProjectFactory(
        scope=ProjectScope.INTER_CLUSTER,
        start_date=d("2025-03-01"),
        end_date=d("2026-12-31"),
        budget=Decimal("100000"),
        clusters=[w.a, w.b],
    )
    w.p_transnational = ProjectFactory(
        scope=ProjectScope.TRANSNATIONAL,
        start_date=d("2025-09-01"),
        end_date=d("2027-08-31"),
        budget=Decimal("250000"),
        clusters=[w.a],
    )
    ProjectFactory(  # regional: not a joint project
        scope=ProjectScope.REGIONAL, start_date=d("2025-04-01"), clusters=[w.a]
    )
    ProjectFactory(  # the year before
        scope=ProjectScope.INTERREGIONAL, start_date=d("2024-05-01"), clusters=[w.b]
    )
    ProjectFactory(  # cancelled
        scope=ProjectScope.INTERREGIONAL,
        start_date=d("2025-02-01"),
        status=ProjectStatus.CANCELLED,
        clusters=[w.b],
    )
    ProjectFactory(  # outside the programme
        scope=ProjectScope.TRANSNATIONAL, start_date=d("2025-02-01"), clusters=[w.c]
    )

    # Memberships
    full = {"kind": "full"}
    MembershipFactory(organisation=w.micro, cluster=w.a, start_date=d("2023-01-01"), **full)
    MembershipFactory(organisation=w.small, cluster=w.a, start_date=d("2025-03-01"), **full)
    MembershipFactory(
        organisation=w.large,
        cluster=w.a,
        start_date=d("2022-01-01"),
        end_date=d("2025-12-31"),
        end_reason=EndReason.LEFT,
    )
    MembershipFactory(
        organisation=w.leaver,
        cluster=w.a,
        start_date=d("2022-01-01"),
        end_date=d("2025-12-30"),
        end_reason=EndReason.LEFT,
    )
    MembershipFactory(organisation=w.university, cluster=w.a, start_date=d("2024-06-01"))
    MembershipFactory(
        organisation=w.partner,
        cluster=w.a,
        kind="provisional",
        project=w.p_joint,
        start_date=d("2025-02-01"),
        fee_status="exempt",
    )
    provisional = MembershipFactory(
        organisation=w.centre,
        cluster=w.a,
        kind="provisional",
        project=w.p_joint,
        start_date=d("2024-05-01"),
        end_date=d("2025-03-31"),
        end_reason=EndReason.CONVERTED,
        fee_status="exempt",
    )
    MembershipFactory(
        organisation=w.centre, cluster=w.a, start_date=d("2025-04-01"), converted_from=provisional
    )
    MembershipFactory(organisation=w.university, cluster=w.b, start_date=d("2025-01-01"))
    MembershipFactory(organisation=w.micro, cluster=w.b, start_date=d("2026-01-01"))
    MembershipFactory(
        organisation=w.leaver,
        cluster=w.b,
        kind="provisional",
        project=w.p_joint,
        start_date=d("2025-01-01"),
        end_date=d("2025-06-30"),
        end_reason=EndReason.PROJECT_ENDED,
        fee_status="exempt",
    )
    MembershipFactory(organisation=w.small, cluster=w.c, start_date=d("2020-01-01"))

    # Labels: A holds bronze and silver at year end (counts once, as silver);
    # B's gold expired the day before; C's is outside the programme.
    for cluster, level, awarded, expires in [
        (w.a, LabelLevel.BRONZE, "2024-01-01", "2026-01-01"),
        (w.a, LabelLevel.SILVER, "2025-06-01", "2027-06-01"),
        (w.b, LabelLevel.GOLD, "2023-01-01", "2025-12-30"),
        (w.c, LabelLevel.GOLD, "2025-01-01", "2027-01-01"),
    ]:
        ClusterLabel.objects.create(
            cluster=cluster, level=level, awarded_on=d(awarded), expires_on=d(expires)
        )

    # Networks: A in one at year end; B left in June (but ESCA-benchmarked in October).
    for cluster, network, joined, left in [
        (w.a, "ECCP Partnership for Batteries", "2024-01-01", None),
        (w.b, "European Maritime Cluster Network", "2023-01-01", "2025-06-30"),
        (w.c, "European Food Network", "2024-01-01", None),
    ]:
        NetworkParticipation.objects.create(
            cluster=cluster,
            network=network,
            joined_on=d(joined),
            left_on=d(left) if left else None,
        )

    # Activities: A two (one international, one with B), B one; outside the year
    # or the programme, none.
    ActivityFactory(cluster=w.a, date=d("2025-02-01"), attendees=40, is_international=True)
    joint = ActivityFactory(cluster=w.a, date=d("2025-11-30"), attendees=25)
    joint.partner_clusters.set([w.b])
    ActivityFactory(cluster=w.b, date=d("2025-06-01"), attendees=10)
    ActivityFactory(cluster=w.a, date=d("2024-12-31"), attendees=99)
    ActivityFactory(cluster=w.c, date=d("2025-05-01"), attendees=99)

    # Key results
    for cluster, year, result, status in [
        (w.a, 2025, KeyResult.STRATEGY, ResultStatus.ACHIEVED),
        (w.a, 2025, KeyResult.MEMBERSHIP, ResultStatus.IN_PROGRESS),
        (w.b, 2025, KeyResult.KEY_SERVICES, ResultStatus.ACHIEVED),
        (w.b, 2024, KeyResult.STRATEGY, ResultStatus.ACHIEVED),
    ]:
        ClusterResult.objects.create(
            programme=w.programme, cluster=cluster, year=year, result=result, status=status
        )

    # Budget: 2025 human resources 1,000 + 100 reallocated from travel (500 − 100);
    # spent 900 and 100: 1,000 of 1,500 = 66.7 %; 2024: 400 of 800 = 50.0 %.
    hr25 = BudgetLine.objects.create(
        programme=w.programme, year=2025, category="human_resources", amount=1000
    )
    travel25 = BudgetLine.objects.create(
        programme=w.programme, year=2025, category="travel", amount=500
    )
    BudgetLine.objects.create(
        programme=w.programme, year=2024, category="human_resources", amount=800
    )
    Reallocation.objects.create(
        programme=w.programme,
        from_line=travel25,
        to_line=hr25,
        amount=100,
        reason="Más horas de gestión.",
        status=ReallocationStatus.APPROVED,
        requested_by=w.user,
    )
    Reallocation.objects.create(  # not approved: no effect
        programme=w.programme,
        from_line=hr25,
        to_line=travel25,
        amount=300,
        reason="Viajes.",
        status=ReallocationStatus.REQUESTED,
        requested_by=w.user,
    )
    for day, category, spent in [
        ("2025-05-10", "human_resources", 900),
        ("2025-06-10", "travel", 100),
        ("2024-05-10", "human_resources", 400),
    ]:
        Expenditure.objects.create(
            programme=w.programme,
            date=d(day),
            category=category,
            amount=spent,
            supplier="Proveedor",
            description="Gasto",
            recorded_by=w.user,
        )

    # District services
    w.o = [OrganisationFactory() for _ in range(5)]
    o1, o2, o3, o4, o5 = w.o
    for district, kind, day, orgs, hours, withdrawn in [
        ("besaya", "advice", "2025-02-03", [o1, o2], "2", False),
        ("besaya", "contacts", "2025-03-03", [o1], "1.5", False),
        ("liebana", "advice", "2025-04-03", [o1, o3], "3", False),
        ("liebana", "matching", "2025-05-03", [o3], "1", True),
        ("campoo-los-valles", "advice", "2024-12-31", [o4], "2", False),
        ("campoo-los-valles", "contacts", "2025-12-31", [o4, o5], "4", False),
    ]:
        service(w, district, kind, d(day), orgs, hours, withdrawn=withdrawn)

    # Needs and matches
    needs = [
        IndustryNeed.objects.create(
            district=w.districts[slug],
            organisation=org,
            title=f"Necesidad {n}",
            description="…",
            technology_area="ict",
            compiled_by=w.user,
        )
        for n, (slug, org) in enumerate(
            [("besaya", o1), ("liebana", o3), ("campoo-los-valles", o4)]
        )
    ]
    offers = [
        TechnologyOffer.objects.create(
            provider=w.university,
            title=f"Oferta {n}",
            description="…",
            technology_area="ict",
            created_by=w.user,
        )
        for n in range(2)
    ]
    n1, n2, n3 = needs
    f1, f2 = offers
    for need, offer, matched, result, recorded in [
        (n1, f1, "2025-03-01", MatchResult.CONTACT_MADE, "2025-04-01"),
        (n1, f2, "2025-05-01", MatchResult.PENDING, None),
        (n2, f1, "2025-06-01", MatchResult.PROJECT, "2026-01-15"),
        (n3, f1, "2024-11-01", MatchResult.PROJECT, "2025-02-01"),
        (n3, f2, "2025-07-01", MatchResult.NO_FIT, "2025-08-01"),
    ]:
        match(w, need, offer, d(matched), result, d(recorded) if recorded else None)

    # The grant call of 2024 whose agreements run in 2025, and a call resolved in 2023
    # without agreements.
    w.call = GrantCall.objects.create(
        reference="CINB-2024",
        title="Convocatoria 2024",
        purpose="…",
        expected_services="…",
        opens_at=at(d("2024-09-01")),
        closes_at=at(d("2024-10-01")),
        total_budget=Decimal("420000"),
        status=GrantCallStatus.RESOLVED,
    )
    w.old_call = GrantCall.objects.create(
        reference="CINB-2023",
        title="Convocatoria 2023",
        purpose="…",
        expected_services="…",
        opens_at=at(d("2023-03-01")),
        closes_at=at(d("2023-04-01")),
        total_budget=Decimal("420000"),
        status=GrantCallStatus.RESOLVED,
    )
    besaya = agreement(w, "besaya", "3000", "2025-04-01", "2026-03-31")
    liebana = agreement(w, "liebana", "3500", "2024-11-01", "2025-10-31")
    selection(w, "campoo-los-valles", "2000")  # selected, not signed yet
    application(w, "santander", "3500", eligibility=Eligibility.INELIGIBLE)
    application(w, "trasmiera", "3500", status=ApplicationStatus.DRAFT)
    for month in ["2025-04-01", "2025-05-01", "2025-06-01"]:
        payment(besaya, month, paid=True)
    payment(besaya, "2025-07-01", paid=False)
    for month in range(1, 9):
        payment(liebana, f"2025-{month:02d}-01", paid=True)
    payment(liebana, "2024-11-01", paid=True)

    # Action plan
    for measure, title, start, end, status in [
        (Measure.CLUSTER_OFFICE, "Plan estratégico", "2025-01-01", "2025-06-30", "in_progress"),
        (Measure.BROKER_NETWORK, "Evaluación final", "2030-01-01", "2030-06-30", "planned"),
        (Measure.CLUSTER_OFFICE, "Selección", "2024-01-01", "2024-03-31", ActionStatus.DONE),
    ]:
        Action.objects.create(
            measure=measure,
            title=title,
            planned_start=d(start),
            planned_end=d(end),
            owner="Gobierno regional",
            status=status,
        )
    return w


def service(w, district, kind, day, organisations, hours, withdrawn=False):
    record = DistrictService.objects.create(
        broker=w.user,
        district=w.districts[district],
        date=day,
        service_type=w.types[kind],
        channel="visit",
        hours=Decimal(hours),
        created_by=w.user,
        withdrawn_at=at(day) if withdrawn else None,
        withdrawal_reason="Duplicado" if withdrawn else "",
    )
    record.organisations.set(organisations)
    return record


def match(w, need, offer, matched, result, recorded):
    record = NeedOfferMatch.objects.create(need=need, offer=offer, matched_by=w.user, result=result)
    NeedOfferMatch.objects.filter(pk=record.pk).update(
        matched_at=at(matched), result_recorded_at=at(recorded) if recorded else None
    )
    return record


def application(w, district, monthly, *, status=ApplicationStatus.SUBMITTED, eligibility=None):
    if eligibility is None:
        eligibility = Eligibility.ELIGIBLE if status == ApplicationStatus.SUBMITTED else "pending"
    return Application.objects.create(
        call=w.call,
        district=w.districts[district],
        organisation=OrganisationFactory(),
        created_by=w.user,
        broker_name="Agente",
        requested_monthly_amount=Decimal(monthly),
        work_plan="…",
        status=status,
        eligibility=eligibility,
    )


def selection(w, district, monthly):
    chosen = application(w, district, monthly)
    return Selection.objects.create(
        call=w.call, district=w.districts[district], application=chosen, selected_by=w.user
    )


def agreement(w, district, monthly, start, end):
    chosen = selection(w, district, monthly)
    return GrantAgreement.objects.create(
        selection=chosen,
        call=w.call,
        organisation=chosen.application.organisation,
        district=w.districts[district],
        monthly_amount=Decimal(monthly),
        start_date=d(start),
        end_date=d(end),
    )


def payment(agreement, month, paid):
    return Payment.objects.create(
        agreement=agreement,
        month=d(month),
        amount=agreement.monthly_amount,
        status=PaymentStatus.PAID if paid else PaymentStatus.PENDING,
        paid_on=d(month).replace(day=10) if paid else None,
    )


def grow(w, n=3):
    """More records of every kind the computations read, none of them in a way
    that needs more queries: for the query-count tests."""
    for i in range(n):
        org = OrganisationFactory(size_class="micro")
        cluster = ClusterFactory(founded_on=d("2025-01-15"))
        w.programme.clusters.add(cluster)
        MembershipFactory(organisation=org, cluster=cluster, start_date=d("2024-01-01"))
        MembershipFactory(organisation=org, cluster=w.b, start_date=d("2025-02-01"))
        ClusterLabel.objects.create(
            cluster=cluster, level="gold", awarded_on=d("2025-01-01"), expires_on=d("2027-01-01")
        )
        NetworkParticipation.objects.create(
            cluster=cluster, network=f"Red {i}", joined_on=d("2025-01-01")
        )
        project = ProjectFactory(
            scope=ProjectScope.INTERREGIONAL, start_date=d("2025-06-01"), clusters=[cluster, w.a]
        )
        activity = ActivityFactory(cluster=cluster, date=d("2025-03-01"), attendees=5)
        activity.partner_clusters.set([w.a])
        ClusterResult.objects.create(
            programme=w.programme,
            cluster=cluster,
            year=2025,
            result=KeyResult.STRATEGY,
            status=ResultStatus.ACHIEVED,
        )
        Expenditure.objects.create(
            programme=w.programme,
            date=d("2025-07-01"),
            category="marketing",
            amount=10,
            supplier="Proveedor",
            description="Gasto",
            recorded_by=w.user,
            cluster=cluster,
        )
        service(w, "santander", "calls", d("2025-08-01"), [org, w.o[0]], "1")
        service(w, "liebana", "training", d("2025-09-01"), [org], "2")
        need = IndustryNeed.objects.create(
            district=w.districts["santander"],
            organisation=org,
            title="Otra necesidad",
            description="…",
            technology_area="ict",
            compiled_by=w.user,
        )
        offer = TechnologyOffer.objects.create(
            provider=w.centre,
            title="Otra oferta",
            description="…",
            technology_area="ict",
            created_by=w.user,
        )
        match(w, need, offer, d("2025-09-01"), MatchResult.CONTACT_MADE, d("2025-09-15"))
        slug = ["saja-nansa", "trasmiera", "valles-pasiegos", "costa-oriental"][i % 4]
        extra = agreement(w, slug, "1000", "2025-01-01", "2025-12-31")
        payment(extra, "2025-01-01", paid=True)
        Action.objects.create(
            measure=Measure.BROKER_NETWORK,
            title=f"Acción {i}",
            planned_start=d("2025-01-01"),
            planned_end=d("2025-02-28"),
            owner="DGIDTEI",
        )
        project.partners.add(org)
