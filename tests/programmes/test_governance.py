"""Governance: the bodies and their members, meetings and their decisions."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.roles import Role
from programmes.models import (
    Body,
    BodyKind,
    BodyMember,
    BudgetLine,
    CostCategory,
    Decision,
    Meeting,
    Programme,
    ProgrammeStatus,
    ProgrammeTransition,
    Reallocation,
    ReallocationStatus,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
BODIES_URL = reverse("programmes:body_list")
MEETINGS_URL = reverse("programmes:meeting_list")
MEETING_CREATE_URL = reverse("programmes:meeting_create")
READERS = [Role.GOVERNMENT_OFFICIAL, Role.INNOVATION_BROKER, Role.ADVISORY_COMMITTEE]


def make_body(kind=BodyKind.MANAGING_BOARD, name="Consejo de Dirección", **values):
    return Body.objects.create(kind=kind, name=name, **values)


def make_member(body, name, term_start=date(2024, 1, 1), term_end=None, role="Vocal"):
    return BodyMember.objects.create(
        body=body, name=name, role=role, term_start=term_start, term_end=term_end
    )


def make_meeting(body, day=date(2025, 3, 14), **values):
    fields = {
        "attendees": "Ana Pérez\nLuis Gómez\n\n  Marta Ruiz  ",
        "agenda": "1. Aprobación del programa\n2. Ruegos y preguntas",
        "minutes": "Se aprueba el programa.\nSin ruegos.",
        **values,
    }
    return Meeting.objects.create(body=body, date=day, **fields)


def make_programme(title="Programa de clústeres incipientes"):
    return Programme.objects.create(title=title, start_year=2025, objectives="Consolidar")


def make_transition(programme, by, at, to_status=ProgrammeStatus.APPROVED):
    return ProgrammeTransition.objects.create(
        programme=programme,
        from_status=ProgrammeStatus.SUBMITTED,
        to_status=to_status,
        by=by,
        at=at,
    )


def make_reallocation(programme, by):
    lines = [
        BudgetLine.objects.create(programme=programme, year=2025, category=category, amount=1000)
        for category in (CostCategory.TRAVEL, CostCategory.TRAINING)
    ]
    return Reallocation.objects.create(
        programme=programme,
        from_line=lines[0],
        to_line=lines[1],
        amount=Decimal("250.00"),
        reason="Más formación",
        requested_by=by,
        # Decisions record what was decided: only a decided reallocation is offered.
        status=ReallocationStatus.APPROVED,
        decided_by=by,
        decided_at=timezone.now(),
    )


def meeting_data(body, decisions=(), **values):
    data = {
        "body": body.pk,
        "date": "2025-05-20",
        "attendees": "Ana Pérez\nLuis Gómez",
        "agenda": "Seguimiento del plan de acción",
        "minutes": "",
        "decisions-TOTAL_FORMS": str(len(decisions) or 1),
        "decisions-INITIAL_FORMS": "0",
        **values,
    }
    for index, decision in enumerate(decisions):
        for field, value in decision.items():
            data[f"decisions-{index}-{field}"] = value
    return data


@pytest.fixture
def office(client_for, people):
    return client_for(people[Role.OFFICE_STAFF])


@pytest.fixture
def board():
    return make_body()


# Who may do what


@pytest.mark.parametrize("role", READERS)
def test_readers_see_governance_but_do_not_change_it(client_for, people, role, board):
    meeting = make_meeting(board)
    client = client_for(people[role])
    for url in (BODIES_URL, board.get_absolute_url(), MEETINGS_URL, meeting.get_absolute_url()):
        assert client.get(url).status_code == 200
    assert client.get(board.get_absolute_url()).context["can_edit"] is False
    assert client.get(meeting.get_absolute_url()).context["can_edit"] is False
    body_edit = reverse("programmes:body_edit", args=[board.pk])
    meeting_edit = reverse("programmes:meeting_edit", args=[meeting.pk])
    for url in (body_edit, MEETING_CREATE_URL, meeting_edit):
        assert client.get(url).status_code == 403
    assert client.post(MEETING_CREATE_URL, meeting_data(board)).status_code == 403
    assert client.post(meeting_edit, meeting_data(board, agenda="Changed")).status_code == 403
    meeting.refresh_from_db()
    assert meeting.agenda.startswith("1. Aprobación")
    assert Meeting.objects.count() == 1


def test_evaluators_see_nothing_of_governance(client_for, people, board):
    meeting = make_meeting(board)
    client = client_for(people[Role.EVALUATOR])
    for url in (BODIES_URL, board.get_absolute_url(), MEETINGS_URL, meeting.get_absolute_url()):
        assert client.get(url).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, board):
    meeting = make_meeting(board)
    for url in (BODIES_URL, MEETINGS_URL, meeting.get_absolute_url(), MEETING_CREATE_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_office_staff_may_edit_and_see_the_history(office, board):
    meeting = make_meeting(board)
    body_page = office.get(board.get_absolute_url())
    assert body_page.context["can_edit"] is True
    assert body_page.context["audit_trail"]
    assert office.get(meeting.get_absolute_url()).context["audit_trail"]
    assert office.get(reverse("programmes:body_edit", args=[board.pk])).status_code == 200
    assert office.get(reverse("programmes:meeting_edit", args=[meeting.pk])).status_code == 200
    assert office.get(MEETING_CREATE_URL, {"body": board.pk}).status_code == 200


# Bodies


def test_body_list_shows_the_four_kinds_with_current_members_and_last_meeting(office, board):
    department = make_body(BodyKind.GOVERNMENT_DEPARTMENT, "Consejería de Industria")
    make_member(board, "Current, open-ended")
    make_member(board, "Current until today", term_end=TODAY)
    make_member(board, "Left", term_end=TODAY - timedelta(days=1))
    make_meeting(board, date(2025, 1, 10))
    make_meeting(board, date(2025, 6, 2))
    kinds = office.get(BODIES_URL).context["kinds"]
    assert [kind for kind, _label, _bodies in kinds] == list(BodyKind.values)
    by_kind = {kind: bodies for kind, _label, bodies in kinds}
    assert by_kind[BodyKind.GOVERNMENT_DEPARTMENT] == [department]
    assert by_kind[BodyKind.EXECUTIVE_DIRECTOR] == []
    [listed_board] = by_kind[BodyKind.MANAGING_BOARD]
    assert {m.name for m in listed_board.current_members} == {
        "Current, open-ended",
        "Current until today",
    }
    assert listed_board.last_meeting == date(2025, 6, 2)
    assert by_kind[BodyKind.GOVERNMENT_DEPARTMENT][0].last_meeting is None


def test_body_list_queries_do_not_grow_with_bodies_members_and_meetings(office, board):
    make_member(board, "First member")
    make_meeting(board)
    with CaptureQueriesContext(connection) as few:
        office.get(BODIES_URL)
    for kind in BodyKind:
        body = make_body(kind, f"Body {kind}")
        for number in range(4):
            make_member(body, f"Member {number}")
        for day in range(1, 4):
            make_meeting(body, date(2025, 2, day))
    # session, user, the user's own and group permissions, bodies with their
    # last meeting, their current members
    with CaptureQueriesContext(connection) as many:
        office.get(BODIES_URL)
    assert len(many) == len(few) == 6


def test_body_page_separates_current_and_former_members(office, board):
    make_member(board, "Current")
    make_member(board, "Former", term_end=TODAY - timedelta(days=30))
    make_meeting(board)
    response = office.get(board.get_absolute_url())
    assert [m.name for m in response.context["current_members"]] == ["Current"]
    assert [m.name for m in response.context["former_members"]] == ["Former"]
    assert response.context["meeting_count"] == 1


def _body_data(body, members=(), **values):
    data = {
        "kind": body.kind,
        "name": body.name,
        "description": body.description,
        "members-TOTAL_FORMS": str(len(members) or 1),
        "members-INITIAL_FORMS": "0",
        **values,
    }
    for index, member in enumerate(members):
        for field, value in member.items():
            data[f"members-{index}-{field}"] = value
    return data


def test_office_staff_edit_a_body_and_add_members(office, board):
    member = {"name": "Eva Sainz", "role": "Presidenta", "term_start": "2025-01-01"}
    response = office.post(
        reverse("programmes:body_edit", args=[board.pk]),
        _body_data(board, [member], description="Órgano de dirección"),
    )
    assert response.status_code == 302
    assert response.url == board.get_absolute_url()
    board.refresh_from_db()
    assert board.description == "Órgano de dirección"
    added = board.members.get()
    assert (added.name, added.term_start, added.term_end) == (
        "Eva Sainz",
        date(2025, 1, 1),
        None,
    )


def test_a_term_cannot_end_before_it_starts(office, board):
    member = {
        "name": "Eva Sainz",
        "role": "Presidenta",
        "term_start": "2025-01-01",
        "term_end": "2024-12-31",
    }
    response = office.post(
        reverse("programmes:body_edit", args=[board.pk]), _body_data(board, [member])
    )
    assert response.status_code == 200
    assert "term_end" in response.context["members"].forms[0].errors
    assert not board.members.exists()


# Meetings


def test_meeting_list_filters_by_body_and_year(office, board):
    committee = make_body(BodyKind.ADVISORY_COMMITTEE, "Comité Asesor")
    make_meeting(board, date(2024, 11, 5))
    make_meeting(board, date(2025, 3, 14))
    make_meeting(committee, date(2025, 4, 1))

    def meetings(**params):
        page = office.get(MEETINGS_URL, params).context["page"]
        return [(m.body.name, m.date) for m in page.object_list]

    assert meetings(body=board.pk) == [
        ("Consejo de Dirección", date(2025, 3, 14)),
        ("Consejo de Dirección", date(2024, 11, 5)),
    ]
    assert meetings(year=2025) == [
        ("Comité Asesor", date(2025, 4, 1)),
        ("Consejo de Dirección", date(2025, 3, 14)),
    ]
    assert meetings(body=board.pk, year=2024) == [("Consejo de Dirección", date(2024, 11, 5))]


def test_meeting_csv_export_has_the_filtered_meetings(office, board):
    committee = make_body(BodyKind.ADVISORY_COMMITTEE, "Comité Asesor")
    meeting = make_meeting(board, date(2025, 3, 14))
    Decision.objects.create(meeting=meeting, text="Se aprueba el programa")
    make_meeting(board, date(2024, 3, 14))
    make_meeting(committee, date(2025, 4, 1))
    response = office.get(MEETINGS_URL, {"body": board.pk, "year": 2025, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][:3] == [
        "2025-03-14",
        "Consejo de Dirección",
        "Ana Pérez; Luis Gómez; Marta Ruiz",
    ]
    assert rows[1][-1] == "1"


def test_meeting_list_queries_do_not_grow_with_rows(office, board):
    make_meeting(board)
    with CaptureQueriesContext(connection) as few:
        office.get(MEETINGS_URL)
    for day in range(1, 21):
        meeting = make_meeting(make_body(name=f"Body {day}"), date(2025, 1, day))
        Decision.objects.create(meeting=meeting, text="Acuerdo")
    # session, user, the user's own and group permissions, count, page of
    # meetings with their bodies and decision counts, the bodies to filter by
    with CaptureQueriesContext(connection) as many:
        office.get(MEETINGS_URL)
    assert len(many) == len(few) == 7


def test_office_staff_record_a_meeting_with_decisions(office, people, board):
    programme = make_programme()
    transition = make_transition(programme, people[Role.GOVERNMENT_OFFICIAL], timezone.now())
    reallocation = make_reallocation(programme, people[Role.OFFICE_STAFF])
    decisions = [
        {"text": "Se aprueba el programa", "transition": transition.pk},
        {"text": "Se aprueba la reasignación", "reallocation": reallocation.pk},
    ]
    response = office.post(MEETING_CREATE_URL, meeting_data(board, decisions))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    assert meeting.body == board
    assert meeting.date == date(2025, 5, 20)
    assert [(d.text, d.transition, d.reallocation) for d in meeting.decisions.all()] == [
        ("Se aprueba el programa", transition, None),
        ("Se aprueba la reasignación", None, reallocation),
    ]


def test_a_decision_approves_one_thing_at_most(office, people, board):
    programme = make_programme()
    transition = make_transition(programme, people[Role.GOVERNMENT_OFFICIAL], timezone.now())
    reallocation = make_reallocation(programme, people[Role.OFFICE_STAFF])
    decision = {"text": "Todo", "transition": transition.pk, "reallocation": reallocation.pk}
    response = office.post(MEETING_CREATE_URL, meeting_data(board, [decision]))
    assert response.status_code == 200
    assert "reallocation" in response.context["decisions"].forms[0].errors
    assert not Meeting.objects.exists()


def test_a_meeting_needs_a_body_date_attendees_and_agenda(office, board):
    data = {**meeting_data(board), "body": "", "date": "", "attendees": "", "agenda": ""}
    response = office.post(MEETING_CREATE_URL, data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"body", "date", "attendees", "agenda"}


def test_decision_choices_are_the_newest_first_and_readable(office, people, board):
    official = people[Role.GOVERNMENT_OFFICIAL]
    older = make_transition(
        make_programme("Programa antiguo"), official, timezone.now() - timedelta(days=400)
    )
    newer = make_transition(make_programme("Programa nuevo"), official, timezone.now())
    reallocation = make_reallocation(older.programme, people[Role.OFFICE_STAFF])
    meeting = make_meeting(board)
    response = office.get(reverse("programmes:meeting_edit", args=[meeting.pk]))
    form = response.context["decisions"].forms[0]
    transitions = list(form.fields["transition"].choices)
    assert [value for value, _label in transitions] == ["", newer.pk, older.pk]
    assert transitions[1][1].startswith("Programa nuevo → ")
    assert str(ProgrammeStatus.APPROVED.label) in transitions[1][1]
    reallocations = list(form.fields["reallocation"].choices)
    assert [value for value, _label in reallocations] == ["", reallocation.pk]
    assert "Programa antiguo" in reallocations[1][1]


def test_office_staff_edit_a_meeting_and_its_decisions(office, board):
    meeting = make_meeting(board)
    decision = Decision.objects.create(meeting=meeting, text="Borrador")
    data = meeting_data(
        board,
        [{"id": decision.pk, "text": "Acuerdo definitivo"}, {"text": "Nuevo acuerdo"}],
        minutes="Acta aprobada",
    )
    data["decisions-INITIAL_FORMS"] = "1"
    response = office.post(reverse("programmes:meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Acta aprobada"
    assert [d.text for d in meeting.decisions.all()] == ["Acuerdo definitivo", "Nuevo acuerdo"]


def test_meeting_page_lists_attendees_and_decisions(client_for, people, board):
    meeting = make_meeting(board)
    Decision.objects.create(meeting=meeting, text="Se aprueba el programa")
    response = client_for(people[Role.INNOVATION_BROKER]).get(meeting.get_absolute_url())
    assert response.context["attendees"] == ["Ana Pérez", "Luis Gómez", "Marta Ruiz"]
    assert [d.text for d in response.context["decisions"]] == ["Se aprueba el programa"]
    content = response.content.decode()
    assert "<li>Luis Gómez</li>" in content
    assert "Se aprueba el programa.<br>Sin ruegos." in content


def test_meeting_page_links_a_decision_to_the_programme_it_approves(office, people, board):
    programme = make_programme()
    try:
        programme_url = programme.get_absolute_url()
    except NoReverseMatch:
        pytest.skip("the programme pages are not there yet")
    transition = make_transition(programme, people[Role.GOVERNMENT_OFFICIAL], timezone.now())
    meeting = make_meeting(board)
    Decision.objects.create(meeting=meeting, text="Se aprueba", transition=transition)
    content = office.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{programme_url}"' in content
    assert f"{programme.title} → {transition.get_to_status_display()}" in content


def test_only_decided_approvals_can_be_linked_to_a_decision(people):
    from programmes.forms import DecisionForm

    programme = make_programme("Programa")
    submitted = make_transition(
        programme, people[Role.OFFICE_STAFF], timezone.now(), to_status=ProgrammeStatus.SUBMITTED
    )
    pending = make_reallocation(programme, people[Role.OFFICE_STAFF])
    pending.status = ReallocationStatus.REQUESTED
    pending.save()
    form = DecisionForm()
    assert submitted not in form.fields["transition"].queryset
    assert pending not in form.fields["reallocation"].queryset


def test_a_broker_sees_no_budget_figures_on_a_meeting_page(client_for, people):
    programme = make_programme("Programa")
    reallocation = make_reallocation(programme, people[Role.OFFICE_STAFF])
    body = Body.objects.create(kind=BodyKind.GOVERNMENT_DEPARTMENT, name="DGIDTEI")
    meeting = Meeting.objects.create(body=body, date=date(2025, 10, 6), attendees="A", agenda="B")
    meeting.decisions.create(text="Se aprueba la reasignación", reallocation=reallocation)
    content = (
        client_for(people[Role.INNOVATION_BROKER]).get(meeting.get_absolute_url()).content.decode()
    )
    assert "250" not in content
    assert programme.get_absolute_url() not in content
    official = client_for(people[Role.GOVERNMENT_OFFICIAL]).get(meeting.get_absolute_url())
    assert "250" in official.content.decode()


def test_office_staff_add_a_governance_body(client_for, people):
    client = client_for(people[Role.OFFICE_STAFF])
    data = {
        "kind": BodyKind.ADVISORY_COMMITTEE,
        "name": "Comité asesor ampliado",
        "description": "",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-0-name": "Carmen Martín",
        "members-0-role": "Vocal",
        "members-0-organisation": "Universidad de Cantabria",
        "members-0-term_start": "2026-01-01",
    }
    assert client.post("/programmes/governance/bodies/new/", data).status_code == 302
    body = Body.objects.get(name="Comité asesor ampliado")
    assert [m.name for m in body.members.all()] == ["Carmen Martín"]
    advisor = client_for(people[Role.ADVISORY_COMMITTEE])
    assert advisor.get("/programmes/governance/bodies/new/").status_code == 403
