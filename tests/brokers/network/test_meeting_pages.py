"""The network's bimonthly meetings: the network reads them and sees the next
one; the coordinator records them with attendees, minutes, needs raised and
success stories."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from brokers.network import meetings
from brokers.network.models import NetworkMeeting
from tests.brokers.network.network_world import NETWORK, OUTSIDERS, READ_ONLY, broker_of, meeting
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LIST = "/brokers/meetings/"
NEW = "/brokers/meetings/new/"


def detail_url(meeting):
    return f"/brokers/meetings/{meeting.pk}/"


def edit_url(meeting):
    return f"/brokers/meetings/{meeting.pk}/edit/"


@pytest.fixture
def held(coordinator):
    return meeting(
        timezone.localdate() - timedelta(days=20),
        by=coordinator,
        location="Torrelavega",
        agenda="Balance del bimestre",
        minutes="Se revisan los servicios de cada comarca.",
        needs_raised="Falta de técnicos en Liébana.",
        success_stories="Proyecto de sensorización en Besaya.",
    )


def meeting_data(day, attendees=(), **values):
    return {
        "date": day.isoformat(),
        "location": "Santander",
        "agenda": "Necesidades abiertas",
        "attendees": [person.pk for person in attendees],
        "minutes": "",
        "needs_raised": "",
        "success_stories": "",
        **values,
    }


# The list


@pytest.mark.parametrize("role", NETWORK)
def test_the_network_reads_the_meetings(client_for, people, held, role):
    response = client_for(people[role]).get(LIST)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [held]
    assert "Torrelavega" in response.content.decode()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_are_refused(client_for, people, held, role):
    client = client_for(people[role])
    assert client.get(LIST).status_code == 403
    assert client.get(detail_url(held)).status_code == 403


def test_the_next_meeting_is_proposed_two_months_after_the_last(client_for, people, held):
    response = client_for(people[Role.INNOVATION_BROKER]).get(LIST)
    proposal = response.context["next_meeting"]
    assert proposal.proposed
    assert proposal.date == meetings.add_months(held.date, 2)


def test_a_planned_meeting_is_shown_as_the_next_and_not_as_held(
    client_for, people, held, coordinator
):
    planned = meeting(timezone.localdate() + timedelta(days=30), by=coordinator)
    response = client_for(people[Role.OFFICE_STAFF]).get(LIST)
    assert response.context["next_meeting"].meeting == planned
    assert list(response.context["page"].object_list) == [held]
    assert f'href="{detail_url(planned)}"' in response.content.decode()


def test_with_no_meeting_yet_the_list_says_so(client_for, people):
    response = client_for(people[Role.INNOVATION_BROKER]).get(LIST)
    assert response.context["next_meeting"] is None
    assert list(response.context["page"].object_list) == []


def test_only_the_coordinator_is_offered_to_record_a_meeting(client_for, people, coordinator):
    assert f'href="{NEW}"' in client_for(coordinator).get(LIST).content.decode()
    assert NEW not in client_for(people[Role.INNOVATION_BROKER]).get(LIST).content.decode()


def test_the_list_takes_a_fixed_number_of_queries(
    client_for, people, coordinator, django_assert_num_queries
):
    client = client_for(people[Role.INNOVATION_BROKER])
    brokers = UserFactory.create_batch(3, role=Role.INNOVATION_BROKER)
    today = timezone.localdate()
    for n in range(30):
        meeting(today - timedelta(days=60 * (n + 1)), by=coordinator).attendees.set(brokers)
    meeting(today + timedelta(days=10), by=coordinator)
    # session, user, the user's permissions (view check), the next meeting,
    # the planned meetings, the count and the page of held meetings with their
    # attendee counts, the group permissions (navigation)
    with django_assert_num_queries(8):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].object_list[0].attendee_count == 3


# The detail


@pytest.mark.parametrize("role", NETWORK)
def test_the_network_reads_a_meeting(client_for, people, held, role):
    held.attendees.set([people[Role.INNOVATION_BROKER], people[Role.NETWORK_COORDINATOR]])
    response = client_for(people[role]).get(detail_url(held))
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Balance del bimestre",
        "Se revisan los servicios de cada comarca.",
        "Falta de técnicos en Liébana.",
        "Proyecto de sensorización en Besaya.",
        f"{people[Role.INNOVATION_BROKER]} (Besaya)",
    ):
        assert text in content
    assert (edit_url(held) in content) is (role == Role.NETWORK_COORDINATOR)


def test_an_unknown_meeting_is_not_found(client_for, people):
    assert (
        client_for(people[Role.INNOVATION_BROKER]).get("/brokers/meetings/999/").status_code == 404
    )


def test_office_staff_see_the_audit_trail(client_for, people, held):
    assert client_for(people[Role.OFFICE_STAFF]).get(detail_url(held)).context["audit_trail"]
    assert (
        client_for(people[Role.INNOVATION_BROKER]).get(detail_url(held)).context["audit_trail"]
        is None
    )


# Recording and editing


def test_the_form_proposes_the_next_date(client_for, coordinator, held):
    form = client_for(coordinator).get(NEW).context["form"]
    assert form.initial["date"] == meetings.add_months(held.date, 2)


def test_the_attendees_are_the_active_brokers_and_coordinators(client_for, people, coordinator):
    liebana = broker_of("liebana")
    gone = UserFactory(role=Role.INNOVATION_BROKER, is_active=False)
    form = client_for(coordinator).get(NEW).context["form"]
    choices = set(form.fields["attendees"].queryset)
    assert choices == {people[Role.INNOVATION_BROKER], liebana, coordinator}
    assert gone not in choices


def test_the_coordinator_records_a_meeting(client_for, people, coordinator):
    broker = people[Role.INNOVATION_BROKER]
    day = timezone.localdate() + timedelta(days=14)
    response = client_for(coordinator).post(NEW, meeting_data(day, [broker, coordinator]))
    recorded = NetworkMeeting.objects.get(date=day)
    assert response.status_code == 302
    assert response["Location"] == detail_url(recorded)
    assert recorded.created_by == coordinator
    assert set(recorded.attendees.all()) == {broker, coordinator}
    assert recorded.location == "Santander"


def test_someone_outside_the_network_cannot_attend(client_for, people, coordinator):
    day = timezone.localdate()
    response = client_for(coordinator).post(NEW, meeting_data(day, [people[Role.EVALUATOR]]))
    assert response.status_code == 200
    assert "attendees" in response.context["form"].errors


def test_two_meetings_on_one_day_are_refused(client_for, coordinator, held):
    response = client_for(coordinator).post(NEW, meeting_data(held.date))
    assert response.status_code == 200
    assert "date" in response.context["form"].errors


def test_the_coordinator_adds_the_minutes_after_the_meeting(client_for, people, coordinator, held):
    broker = people[Role.INNOVATION_BROKER]
    held.attendees.set([broker])
    # The broker has left the network since: they stay among the attendees.
    broker.is_active = False
    broker.save()
    data = meeting_data(
        held.date,
        [broker, coordinator],
        minutes="Acta",
        needs_raised="Más formación",
        success_stories="Tres proyectos",
    )
    response = client_for(coordinator).post(edit_url(held), data)
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.minutes, held.needs_raised, held.success_stories) == (
        "Acta",
        "Más formación",
        "Tres proyectos",
    )
    assert set(held.attendees.all()) == {broker, coordinator}


@pytest.mark.parametrize("role", [Role.INNOVATION_BROKER, *READ_ONLY, *OUTSIDERS])
def test_only_the_coordinator_records_or_edits(client_for, people, held, role):
    client = client_for(people[role])
    day = timezone.localdate() + timedelta(days=3)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, meeting_data(day)).status_code == 403
    assert client.get(edit_url(held)).status_code == 403
    assert client.post(edit_url(held), meeting_data(held.date, minutes="x")).status_code == 403
    assert not NetworkMeeting.objects.filter(date=day).exists()
    held.refresh_from_db()
    assert held.minutes != "x"
