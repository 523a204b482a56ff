"""The demo programme created by seed_demo: the strategy's first cluster programme."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import User
from clusters.models import ClusterOrganisation, DevelopmentStage, Membership, MembershipKind
from demo.programmes.actions import as_of
from demo.programmes.approval import title
from demo.timeline import moved, on, year
from programmes.budget import budget_table
from programmes.models import (
    Action,
    ActionStatus,
    Body,
    BodyKind,
    BodyMember,
    BudgetLine,
    ClusterResult,
    CostCategory,
    Decision,
    Expenditure,
    KeyResult,
    Measure,
    Meeting,
    Programme,
    ProgrammeStatus,
    ProgrammeTransition,
    Reallocation,
    ReallocationStatus,
    ResultStatus,
)

pytestmark = pytest.mark.django_db

ACRONYMS = {"GIRA", "CINC", "Sea of Innovation", "MARCA", "CANEX", "CONSERVEX"}
# Section 4.1.2 of the strategy, line by line. The strategy calls the total "approximately
# EUR 740 000"; the seven lines add up to EUR 742,000.
STRATEGY_LINES = {
    CostCategory.HUMAN_RESOURCES: Decimal("242000"),
    CostCategory.TRAVEL: Decimal("60000"),
    CostCategory.TRADESHOWS: Decimal("100000"),
    CostCategory.CONSULTANCY: Decimal("120000"),
    CostCategory.TRAINING: Decimal("100000"),
    CostCategory.MARKETING: Decimal("60000"),
    CostCategory.OTHER: Decimal("60000"),
}
A_YEAR = sum(STRATEGY_LINES.values())
OFFICE, NETWORK = Measure.CLUSTER_OFFICE, Measure.BROKER_NETWORK
PROGRAMME_MODELS = [
    Programme,
    BudgetLine,
    Reallocation,
    Expenditure,
    ClusterResult,
    Action,
    Body,
    BodyMember,
    Meeting,
    Decision,
]


@pytest.fixture
def programme(seeded):
    return Programme.objects.get(title=title())


def _user(username):
    return User.objects.get(username=username)


def _state():
    """Every row and history row of the programme models, to compare two runs."""
    state = {}
    for model in PROGRAMME_MODELS:
        state[model.__name__] = sorted(map(str, model.objects.values_list()))
        state[f"{model.__name__} history"] = model.history.count()
    state["ProgrammeTransition"] = sorted(map(str, ProgrammeTransition.objects.values_list()))
    state["clusters"] = sorted(Programme.clusters.through.objects.values_list())
    return state


def test_the_first_programme_of_the_strategy(programme):
    assert programme.title == f"Programa plurianual de clústeres {year(2024)}-{year(2027)}"
    assert (programme.start_year, programme.years, programme.end_year) == (
        year(2024),
        4,
        year(2027),
    )
    assert programme.target_stage == DevelopmentStage.IMMATURE
    assert set(programme.clusters.values_list("acronym", flat=True)) == ACRONYMS
    assert programme.clusters.count() == ClusterOrganisation.objects.count() == 6
    assert programme.status == ProgrammeStatus.ACTIVE
    for words in ("inmaduros", "socios", "redes internacionales", "TIC", "biotecnología"):
        assert words in programme.objectives


def test_drafted_returned_approved_and_started(programme):
    transitions = list(programme.transitions.order_by("at"))
    assert [(t.from_status, t.to_status) for t in transitions] == [
        (ProgrammeStatus.DRAFT, ProgrammeStatus.SUBMITTED),
        (ProgrammeStatus.SUBMITTED, ProgrammeStatus.RETURNED),
        (ProgrammeStatus.RETURNED, ProgrammeStatus.SUBMITTED),
        (ProgrammeStatus.SUBMITTED, ProgrammeStatus.APPROVED),
        (ProgrammeStatus.APPROVED, ProgrammeStatus.ACTIVE),
    ]
    assert [t.by.username for t in transitions] == [
        "director",
        "official",
        "director",
        "official",
        "director",
    ]
    assert [timezone.localdate(t.at) for t in transitions] == [
        on(2023, 10, 16),
        on(2023, 11, 6),
        on(2023, 11, 20),
        on(2023, 12, 18),
        on(2024, 1, 8),
    ]
    returned = transitions[1]
    assert "formación" in returned.comment
    # The audit trail tells the same story: who changed the status, and when.
    history = list(programme.history.order_by("history_date"))
    assert [h.status for h in history] == [ProgrammeStatus.DRAFT] + [
        t.to_status for t in transitions
    ]
    assert [h.history_user.username for h in history[1:]] == [t.by.username for t in transitions]
    assert [h.history_date for h in history[1:]] == [t.at for t in transitions]


def test_the_budget_is_the_strategy_s_seven_lines_every_year(programme):
    assert len(STRATEGY_LINES) == 7 and sum(STRATEGY_LINES.values()) == Decimal("742000")
    lines = BudgetLine.objects.filter(programme=programme)
    assert lines.count() == 4 * 7 and not lines.exclude(cluster=None).exists()
    table = budget_table(programme)
    assert table.years == [year(2024), year(2025), year(2026), year(2027)]
    for each in table.years:
        assert table.figures(year=each).planned == A_YEAR
        for category, amount in STRATEGY_LINES.items():
            assert table.figures(year=each, category=category).planned == amount
    assert table.total.planned == 4 * A_YEAR
    # The first draft had less for training; the history of its lines keeps it.
    training = lines.get(year=year(2024), category=CostCategory.TRAINING)
    assert list(training.history.order_by("history_date").values_list("amount", flat=True)) == [
        Decimal("90000"),
        Decimal("100000"),
    ]


def test_realistic_spending_for_the_past_years(programme):
    today = timezone.localdate()
    table = budget_table(programme)
    spending = Expenditure.objects.filter(programme=programme)
    assert 150 <= spending.count() <= 250
    assert not spending.filter(date__gt=today).exists()
    assert not spending.filter(date__lt=on(2024, 1, 1)).exists()
    for past in (year(2024), year(2025)):
        assert spending.filter(date__year=past).count() >= 60
        rates = [table.figures(year=past, category=c).rate for c in CostCategory]
        assert len(set(rates)) == 7, rates
        assert sum(1 for rate in rates if rate < 90) >= 3, rates
        assert all(rate >= 35 for rate in rates), rates
        assert 80 <= table.figures(year=past).rate < 100
        # Payroll every month, social security too.
        payroll = spending.filter(date__year=past, category=CostCategory.HUMAN_RESOURCES)
        assert {e.date.month for e in payroll} == set(range(1, 13))
    # The year in progress: spent up to today only.
    assert table.figures(year=year(2026)).spent > 0 or today < on(2026, 2, 1)
    assert table.figures(year=year(2026)).rate < 95
    assert table.figures(year=year(2027)).spent == 0
    assert all(e.amount == e.amount.quantize(Decimal("0.01")) > 0 for e in spending)
    assert not spending.exclude(recorded_by__username="director").exists()
    tied = spending.exclude(cluster=None)
    assert 0 < tied.count() < spending.count() / 2
    assert set(tied.values_list("cluster__acronym", flat=True)) == ACRONYMS
    assert spending.values("supplier").distinct().count() >= 20
    record = spending.first()
    assert record.history.get().history_user.username == "director"
    assert timezone.localdate(record.history.get().history_date) == record.date


def test_one_justified_overspend(programme):
    table = budget_table(programme)
    overspent = [
        (overspent_in, row.key)
        for row in table.rows
        for overspent_in, figures in row.by_year.items()
        if figures.overspent
    ]
    assert overspent == [(year(2024), CostCategory.MARKETING)]
    assert table.figures(year=year(2024), category=CostCategory.MARKETING).rate > 100
    flagged = Expenditure.objects.filter(exceeds_budget=True)
    assert flagged.count() == 1
    record = flagged.get()
    assert (record.date.year, record.category) == (year(2024), CostCategory.MARKETING)
    assert record.overspend_justification.strip()
    assert (
        not Expenditure.objects.filter(exceeds_budget=False)
        .exclude(overspend_justification="")
        .exists()
    )


def test_an_approved_and_a_pending_reallocation(programme):
    approved = Reallocation.objects.get(status=ReallocationStatus.APPROVED)
    assert (approved.from_line.year, approved.from_line.category) == (
        year(2025),
        CostCategory.OTHER,
    )
    assert (approved.to_line.year, approved.to_line.category) == (
        year(2025),
        CostCategory.MARKETING,
    )
    assert approved.amount == Decimal("8000")
    assert approved.requested_by.username == "director"
    assert approved.decided_by.username == "official"
    assert approved.requested_at < approved.decided_at
    assert timezone.localdate(approved.decided_at) == on(2025, 10, 6)
    assert approved.reason and approved.decision_comment

    pending = Reallocation.objects.get(status=ReallocationStatus.REQUESTED)
    assert pending.from_line.year == pending.to_line.year == year(2026)
    assert pending.from_line.category == CostCategory.TRAVEL
    assert pending.to_line.category == CostCategory.TRAINING
    assert pending.requested_by.username == "director"
    assert pending.decided_by is None and pending.decided_at is None
    assert pending.requested_at <= timezone.now()
    assert Reallocation.objects.count() == 2

    table = budget_table(programme)
    assert table.total.planned == 4 * A_YEAR  # reallocations never change what was planned
    for each in table.years:
        assert table.figures(year=each).current == A_YEAR  # money moved within the year
    assert table.figures(year=year(2025), category=CostCategory.MARKETING).current == 68000
    assert table.figures(year=year(2025), category=CostCategory.OTHER).current == 52000
    assert table.figures(year=year(2025), category=CostCategory.MARKETING).planned == 60000
    assert table.figures(year=year(2026), category=CostCategory.TRAVEL).current == 60000


def test_key_results_of_every_cluster(programme):
    today = timezone.localdate()
    results = ClusterResult.objects.filter(programme=programme, year__lte=year(2026))
    assert results.count() == 6 * 5 * 3
    assert not results.filter(evidence="").exists()
    for so_far in (year(2024), year(2025), year(2026)):
        assert set(results.filter(year=so_far).values_list("result", flat=True)) == set(
            KeyResult.values
        )
    management = results.filter(result=KeyResult.DEDICATED_MANAGEMENT)
    achieved = set(management.filter(status=ResultStatus.ACHIEVED).values_list("cluster__acronym"))
    assert achieved == {("GIRA",)}
    assert (
        _user("manager").get_full_name() in management.filter(cluster__acronym="GIRA")[0].evidence
    )
    strategies_2025 = results.filter(year=year(2025), result=KeyResult.STRATEGY)
    assert strategies_2025.filter(status=ResultStatus.ACHIEVED).count() >= 4
    assert results.filter(result=KeyResult.POSITIONING, status=ResultStatus.IN_PROGRESS).exists()
    # Membership is achieved where the cluster grew over the year.
    full = Membership.objects.filter(kind=MembershipKind.FULL)
    for result in results.filter(result=KeyResult.MEMBERSHIP).select_related("cluster"):
        closes = min(date(result.year, 12, 31), today)
        before = full.filter(cluster=result.cluster).active_on(date(result.year - 1, 12, 31))
        after = full.filter(cluster=result.cluster).active_on(closes)
        grew = after.count() > before.count()
        assert (result.status == ResultStatus.ACHIEVED) == grew, result
        assert f"{after.count()} a {closes:%d/%m/%Y}" in result.evidence
    # The programme's last year is still to come.
    assert set(
        ClusterResult.objects.filter(programme=programme, year=year(2027)).values_list(
            "status", flat=True
        )
    ) == {ResultStatus.NOT_STARTED}


# measure, title, planned start, planned end, owner: Table 5 of the strategy, the network's
# actions dated as the grant call CINB-2024 ran
TABLE_5 = [
    (OFFICE, "Elaboración del plan estratégico", date(2019, 7, 1), date(2019, 7, 1),
     "Gobierno de Cantabria (SODERCAN o DGIDTEI)"),
    (OFFICE, "Definición de la estructura de gobernanza y puesta en marcha de la Oficina",
     date(2019, 10, 1), date(2019, 10, 1), "Gobierno de Cantabria (SODERCAN o DGIDTEI)"),
    (OFFICE, "Elaboración de un programa de clústeres", date(2020, 1, 1), date(2020, 1, 1),
     "Equipo de la Oficina de Promoción de Clústeres (por encargo del Gobierno regional)"),
    (OFFICE, "Ejecución de las actividades de la Oficina de Promoción de Clústeres",
     date(2020, 1, 1), date(2027, 12, 1), "Equipo de la Oficina de Promoción de Clústeres"),
    (NETWORK, "Diseño y publicación de la convocatoria de ayudas para seleccionar a los "
     "agentes de innovación", date(2024, 9, 1), date(2024, 9, 1), "DGIDTEI"),
    (NETWORK, "Selección de los agentes de innovación", date(2024, 12, 1), date(2024, 12, 1),
     "DGIDTEI"),
    (NETWORK, "Definición de los servicios", date(2024, 12, 1), date(2024, 12, 1),
     "Todos los agentes implicados, bajo la dirección de la DGIDTEI"),
    (NETWORK, "Plan de comunicación para la difusión de la Red",
     date(2025, 1, 1), date(2025, 1, 1), "DGIDTEI en colaboración con los agentes implicados"),
    (NETWORK, "Prestación de los servicios", date(2025, 1, 1), date(2027, 12, 1),
     "Red de Agentes de Innovación"),
]  # fmt: skip


def test_table_5_actions_with_their_timing_and_owner(seeded):
    for measure, name, start, end, owner in moved(TABLE_5):
        action = Action.objects.get(measure=measure, title=name)
        assert (action.planned_start, action.planned_end, action.owner) == (start, end, owner)
        # the strategy's English beside the Spanish, for the English report
        assert action.title_en and action.owner_en and action.title_en != action.title
        if end.year > year(2026):  # "onwards"
            assert action.status == ActionStatus.IN_PROGRESS
            assert 0 < action.progress < 100
        else:
            assert (action.status, action.progress) == (ActionStatus.DONE, 100)
            assert action.deliverable
    selection = Action.objects.get(title="Selección de los agentes de innovación")
    assert moved("CINB-2024") in selection.deliverable


def test_monitoring_every_year_for_both_measures(seeded):
    owners = {
        OFFICE: "Equipo de la Oficina de Promoción de Clústeres (por encargo del Gobierno "
        "regional)",
        NETWORK: "DGIDTEI y Red de Agentes de Innovación",
    }
    # The network works from 2025: the strategy's earlier rounds were cancelled, its yearly
    # rounds start with the evaluation of 2025.
    table_5_status = {OFFICE: ActionStatus.DONE, NETWORK: ActionStatus.CANCELLED}
    rounds = {
        OFFICE: [(2024, ActionStatus.DONE, 100), (2025, ActionStatus.DONE, 100)],
        NETWORK: [],
    }
    for measure, owner in owners.items():
        table_5 = Action.objects.filter(
            measure=measure, title="Seguimiento, evaluación y medidas correctoras"
        )
        assert sorted(table_5.values_list("planned_start", "planned_end", "owner", "status")) == [
            (on(y, 6, 1), on(y, 6, 1), owner, table_5_status[measure]) for y in (2020, 2021, 2022)
        ]
        yearly = Action.objects.filter(
            measure=measure, title__startswith="Seguimiento, evaluación y medidas correctoras del"
        )
        # From February, when the evaluation of the year before starts, to its approval in June.
        assert sorted(yearly.values_list("planned_start", "planned_end", "status", "progress")) == [
            (on(y, 2, 1), on(y, 6, 1), status, progress)
            for y, status, progress in [
                *rounds[measure],
                (2026, ActionStatus.DONE, 100),  # the evaluation of 2025 is approved
                (2027, ActionStatus.PLANNED, 0),
            ]
        ]
        evaluated = yearly.get(planned_start=on(2026, 2, 1))
        assert evaluated.title == moved(
            "Seguimiento, evaluación y medidas correctoras del año 2025"
        )
        assert evaluated.title_en == moved(
            "Yearly monitoring, evaluation and corrective measures (2025)."
        )
        assert str(year(2025)) in evaluated.progress_notes and evaluated.deliverable


def test_late_and_current_actions(seeded):
    late = Action.objects.late()
    titles = set(late.values_list("title", flat=True))
    assert "Promoción de una nueva organización clúster TIC" in titles
    assert (
        "Perfiles de MARCA y de los consorcios de exportación en la European Cluster "
        "Collaboration Platform" in titles
    )
    assert not late.filter(title__icontains="seguimiento").exists()
    ict = Action.objects.get(title="Promoción de una nueva organización clúster TIC")
    assert (ict.planned_start, ict.planned_end) == (on(2026, 1, 1), on(2026, 9, 1))
    assert (ict.status, ict.progress) == (ActionStatus.LATE, 40)
    biotech = Action.objects.get(
        title="Promoción de una nueva organización clúster de biotecnología"
    )
    assert biotech.status == ActionStatus.PLANNED and biotech.planned_start.year == year(2027)
    for name, measure, start, end in [
        ("Renovación de la etiqueta de bronce de GIRA", OFFICE, on(2026, 9, 1), on(2026, 12, 1)),
        ("Segunda convocatoria de ayudas para agentes de innovación", NETWORK, on(2026, 10, 1),
         on(2026, 12, 1)),
    ]:  # fmt: skip
        action = Action.objects.get(title=name)
        assert (action.measure, action.planned_start, action.planned_end) == (measure, start, end)
        assert action.status == ActionStatus.IN_PROGRESS
    # Broker network actions are the coordinator's, the Office's the director's.
    for action in Action.objects.all():
        expected = "director" if action.measure == OFFICE else "coordinator"
        assert action.history.get().history_user.username == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 1), (ActionStatus.PLANNED, 0, "")),
        (date(2026, 9, 15), (ActionStatus.IN_PROGRESS, 11, "")),
        (date(2026, 11, 20), (ActionStatus.IN_PROGRESS, 50, "notes")),
        (date(2027, 1, 1), (ActionStatus.LATE, 50, "notes")),
    ],
)
def test_an_action_stands_as_the_day_of_seeding_against_its_planned_months(today, expected):
    # Planned from September to December; late, half done, in the story.
    start, end = date(2026, 9, 1), date(2026, 12, 1)
    assert as_of(today, start, end, ActionStatus.LATE, 50, "notes") == expected


def test_governance_bodies_and_members(seeded):
    bodies = {body.kind: body for body in Body.objects.all()}
    assert set(bodies) == set(BodyKind.values) and len(bodies) == 4
    for body in bodies.values():
        assert body.members.exists() and body.description
    names = {
        kind: set(body.members.values_list("name", flat=True)) for kind, body in bodies.items()
    }
    director, official = _user("director").get_full_name(), _user("official").get_full_name()
    assert "DGIDTEI" in bodies[BodyKind.GOVERNMENT_DEPARTMENT].name
    assert official in names[BodyKind.GOVERNMENT_DEPARTMENT]
    assert bodies[BodyKind.GOVERNMENT_DEPARTMENT].members.filter(role="Director General").exists()
    executive = bodies[BodyKind.EXECUTIVE_DIRECTOR].members.get()
    assert (executive.name, executive.term_start) == (director, date(2019, 10, 1))
    today = timezone.localdate()
    board = bodies[BodyKind.MANAGING_BOARD].members.filter(term_end=None)
    assert board.count() == 7  # the Executive Director and one manager per cluster
    assert {director, _user("manager").get_full_name()} <= set(board.values_list("name", flat=True))
    assert all(m.term_start <= today for m in board)
    advisory = bodies[BodyKind.ADVISORY_COMMITTEE].members.all()
    assert _user("advisor").get_full_name() in names[BodyKind.ADVISORY_COMMITTEE]
    organisations = " ".join(advisory.values_list("organisation", flat=True))
    for organisation in ("Universidad de Cantabria", "Centro Tecnológico", "SODERCAN", "S.A."):
        assert organisation in organisations


def test_meetings_and_decisions(programme):
    today = timezone.localdate()
    meetings = Meeting.objects.select_related("body")
    assert not meetings.filter(date__gt=today).exists()
    per_kind = {kind: meetings.filter(body__kind=kind).count() for kind in BodyKind.values}
    assert per_kind[BodyKind.MANAGING_BOARD] >= 6
    assert per_kind[BodyKind.ADVISORY_COMMITTEE] == 2
    assert per_kind[BodyKind.GOVERNMENT_DEPARTMENT] == 2
    for meeting in meetings:
        assert meeting.agenda and meeting.minutes and meeting.attendees
        assert meeting.decisions.exists()
    board_meeting = meetings.filter(body__kind=BodyKind.MANAGING_BOARD).earliest("date")
    assert _user("director").get_full_name() in board_meeting.attendees.splitlines()[0]

    approval = programme.transitions.get(to_status=ProgrammeStatus.APPROVED)
    decision = Decision.objects.get(transition=approval)
    assert decision.meeting.body.kind == BodyKind.GOVERNMENT_DEPARTMENT
    assert decision.meeting.date == timezone.localdate(approval.at) == date(2023, 12, 18)

    reallocation = Reallocation.objects.get(status=ReallocationStatus.APPROVED)
    decision = Decision.objects.get(reallocation=reallocation)
    assert decision.meeting.body.kind == BodyKind.GOVERNMENT_DEPARTMENT
    assert decision.meeting.date == timezone.localdate(reallocation.decided_at)
    assert Decision.objects.exclude(transition=None).count() == 1
    assert Decision.objects.exclude(reallocation=None).count() == 1


def test_prints_a_summary(seeded):
    line = next(line for line in seeded.splitlines() if "programmes:" in line)
    assert title() in line
    for words in ("4 years", "6 clusters", "EUR 742,000 a year", "expenditures", "1 awaiting"):
        assert words in line


def test_running_twice_changes_nothing_even_on_a_later_day(seed, monkeypatch):
    seed()
    first = _state()
    out = seed()
    assert "programmes: already seeded" in out
    assert _state() == first
    later = timezone.localdate() + timedelta(days=45)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    seed()
    assert _state() == first
