"""The action plan: list, timeline, detail, creating and editing actions."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.roles import Role
from programmes.models import Action, ActionStatus, Measure

pytestmark = pytest.mark.django_db

LIST_URL = reverse("programmes:action_list")
TIMELINE_URL = reverse("programmes:action_timeline")
CREATE_URL = reverse("programmes:action_create")
READERS = [Role.GOVERNMENT_OFFICIAL, Role.INNOVATION_BROKER, Role.ADVISORY_COMMITTEE]

THIS_MONTH = timezone.localdate().replace(day=1)


def months_from_now(months):
    """The first day of the month that many months from this one (negative: ago)."""
    index = THIS_MONTH.year * 12 + THIS_MONTH.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def make_action(**values):
    fields = {
        "measure": Measure.CLUSTER_OFFICE,
        "title": "Mapa de clústeres de Cantabria",
        "planned_start": months_from_now(-2),
        "planned_end": months_from_now(4),
        "owner": "Oficina de Promoción de Clústeres",
        "status": ActionStatus.IN_PROGRESS,
        "progress": 30,
        **values,
    }
    return Action.objects.create(**fields)


def action_data(**values):
    return {
        "measure": Measure.BROKER_NETWORK,
        "title": "Formación de agentes de innovación",
        "planned_start": "2025-03",
        "planned_end": "2025-09",
        "owner": "Red de Agentes de Innovación",
        "status": ActionStatus.PLANNED,
        "progress": "0",
        "deliverable": "Programa formativo",
        "progress_notes": "",
        **values,
    }


def titles(response):
    return [action.title for action in response.context["page"].object_list]


@pytest.fixture
def office(client_for, people):
    return client_for(people[Role.OFFICE_STAFF])


@pytest.fixture
def mixed_plan():
    """Late and on-time actions of both measures."""
    return {
        # Past its planned end and still in progress: late, though not marked so.
        "overdue": make_action(
            title="Overdue",
            planned_start=months_from_now(-12),
            planned_end=months_from_now(-3),
            status=ActionStatus.IN_PROGRESS,
            progress=60,
        ),
        # Marked late by the Office, though its planned end is still ahead.
        "marked": make_action(title="Marked", status=ActionStatus.LATE),
        # Past its end but done: not late.
        "done": make_action(
            title="Done",
            planned_start=months_from_now(-12),
            planned_end=months_from_now(-6),
            status=ActionStatus.DONE,
            progress=100,
        ),
        "on_time": make_action(
            title="On time",
            measure=Measure.BROKER_NETWORK,
            owner="Red de Agentes",
            planned_start=months_from_now(1),
            planned_end=months_from_now(8),
            status=ActionStatus.PLANNED,
            progress=0,
        ),
    }


# Who may do what


@pytest.mark.parametrize("role", READERS)
def test_readers_see_the_plan_but_do_not_change_it(client_for, people, role):
    action = make_action()
    client = client_for(people[role])
    assert client.get(LIST_URL).status_code == 200
    assert client.get(TIMELINE_URL).status_code == 200
    response = client.get(action.get_absolute_url())
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert response.context["audit_trail"] is None
    edit_url = reverse("programmes:action_edit", args=[action.pk])
    assert client.get(CREATE_URL).status_code == 403
    assert client.get(edit_url).status_code == 403
    assert client.post(CREATE_URL, action_data()).status_code == 403
    assert client.post(edit_url, action_data(title="Changed")).status_code == 403
    action.refresh_from_db()
    assert action.title == "Mapa de clústeres de Cantabria"
    assert Action.objects.count() == 1


def test_evaluators_see_nothing_of_the_plan(client_for, people):
    action = make_action()
    client = client_for(people[Role.EVALUATOR])
    for url in (LIST_URL, TIMELINE_URL, action.get_absolute_url(), CREATE_URL):
        assert client.get(url).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    action = make_action()
    for url in (LIST_URL, TIMELINE_URL, action.get_absolute_url(), CREATE_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_office_staff_see_the_history_and_the_edit_link(office):
    action = make_action()
    response = office.get(action.get_absolute_url())
    assert response.context["can_edit"] is True
    assert response.context["audit_trail"]
    assert office.get(LIST_URL).context["can_add"] is True


# Creating and editing


def test_office_staff_create_an_action_typed_by_month(office):
    response = office.post(CREATE_URL, action_data())
    action = Action.objects.get()
    assert response.status_code == 302
    assert response.url == action.get_absolute_url()
    assert action.planned_start == date(2025, 3, 1)
    assert action.planned_end == date(2025, 9, 1)
    assert action.measure == Measure.BROKER_NETWORK


def test_a_full_date_is_taken_as_its_month(office):
    office.post(CREATE_URL, action_data(planned_start="2025-03-17", planned_end="2025-09-30"))
    action = Action.objects.get()
    assert (action.planned_start, action.planned_end) == (date(2025, 3, 1), date(2025, 9, 1))


def test_a_month_that_is_not_one_is_refused(office):
    response = office.post(CREATE_URL, action_data(planned_start="2025-13"))
    assert response.status_code == 200
    assert "planned_start" in response.context["form"].errors
    assert not Action.objects.exists()


def test_an_action_cannot_end_before_it_starts(office):
    response = office.post(CREATE_URL, action_data(planned_start="2025-09", planned_end="2025-03"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["planned_end"]
    assert not Action.objects.exists()


def test_an_action_may_start_and_end_in_the_same_month(office):
    office.post(CREATE_URL, action_data(planned_start="2025-03", planned_end="2025-03-31"))
    action = Action.objects.get()
    assert action.planned_start == action.planned_end == date(2025, 3, 1)


@pytest.mark.parametrize("progress", ["101", "-1"])
def test_progress_is_a_percentage(office, progress):
    response = office.post(CREATE_URL, action_data(progress=progress))
    assert response.status_code == 200
    assert "progress" in response.context["form"].errors
    assert not Action.objects.exists()


def test_a_done_action_is_fully_progressed(office):
    office.post(CREATE_URL, action_data(status=ActionStatus.DONE, progress="40"))
    assert Action.objects.get().progress == 100


def test_the_edit_form_shows_months_and_saves_changes(office):
    action = make_action(planned_start=date(2025, 3, 1), planned_end=date(2025, 9, 1))
    url = reverse("programmes:action_edit", args=[action.pk])
    content = office.get(url).content.decode()
    assert 'type="month"' in content
    assert 'value="2025-03"' in content
    assert 'value="2025-09"' in content

    response = office.post(url, action_data(planned_end="2026-02", progress="55"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.planned_end == date(2026, 2, 1)
    assert action.progress == 55
    assert action.title == "Formación de agentes de innovación"


def test_the_action_is_typed_in_spanish_and_optionally_in_english(office):
    content = office.get(CREATE_URL).content.decode()
    assert 'name="title_en"' in content and 'name="owner_en"' in content
    office.post(
        CREATE_URL,
        action_data(title_en="Training of innovation brokers", owner_en="Network of brokers"),
    )
    action = Action.objects.get()
    assert action.title == "Formación de agentes de innovación"
    assert (action.title_en, action.owner_en) == (
        "Training of innovation brokers",
        "Network of brokers",
    )


def test_the_localised_title_and_owner_fall_back_to_the_spanish():
    action = make_action(title_en="Map of Cantabria's clusters", owner_en="")
    with translation.override("en"):
        assert action.localised_title == "Map of Cantabria's clusters"
        assert action.localised_owner == "Oficina de Promoción de Clústeres"
    with translation.override("es"):
        assert action.localised_title == "Mapa de clústeres de Cantabria"
        assert action.localised_owner == "Oficina de Promoción de Clústeres"


# List, filters and export


def test_the_late_filter_finds_overdue_and_marked_actions(client_for, people, mixed_plan):
    client = client_for(people[Role.INNOVATION_BROKER])
    assert set(titles(client.get(LIST_URL, {"late": "true"}))) == {"Overdue", "Marked"}
    assert set(titles(client.get(LIST_URL, {"late": "false"}))) == {"Done", "On time"}
    assert len(titles(client.get(LIST_URL))) == 4


def test_the_list_filters_by_measure_status_owner_and_year(office, mixed_plan):
    assert titles(office.get(LIST_URL, {"measure": Measure.BROKER_NETWORK})) == ["On time"]
    assert titles(office.get(LIST_URL, {"status": ActionStatus.DONE})) == ["Done"]
    assert titles(office.get(LIST_URL, {"owner": "agentes"})) == ["On time"]
    # The overdue action ran from twelve to three months ago; the one on time
    # starts next month and runs for eight months.
    last_year = months_from_now(-12).year
    in_last_year = set(titles(office.get(LIST_URL, {"year": last_year})))
    assert {"Overdue", "Done"} <= in_last_year
    next_year = months_from_now(12).year + 1
    assert titles(office.get(LIST_URL, {"year": next_year})) == []


def test_the_list_sorts_by_title_and_marks_late_actions(office, mixed_plan):
    response = office.get(LIST_URL, {"o": "title"})
    assert titles(response) == ["Done", "Marked", "On time", "Overdue"]
    assert [a.is_late() for a in response.context["page"].object_list] == [
        False,
        True,
        False,
        True,
    ]
    assert response.content.decode().count("badge text-bg-danger") == 2


def test_the_csv_export_has_the_filtered_actions(office, mixed_plan):
    response = office.get(LIST_URL, {"late": "true", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3  # the header and the two late actions
    assert {row[1] for row in rows[1:]} == {"Overdue", "Marked"}


def test_list_queries_do_not_grow_with_rows(office, mixed_plan):
    with CaptureQueriesContext(connection) as few:
        office.get(LIST_URL)
    for number in range(20):
        make_action(title=f"Action {number}")
    # session, user, the user's own and group permissions, count, page of actions
    with CaptureQueriesContext(connection) as many:
        office.get(LIST_URL)
    assert len(many) == len(few) == 6


# Timeline


def test_the_timeline_draws_the_filtered_actions(client_for, people, mixed_plan):
    response = client_for(people[Role.GOVERNMENT_OFFICIAL]).get(
        TIMELINE_URL, {"measure": Measure.CLUSTER_OFFICE}
    )
    chart = response.context["chart"]
    content = response.content.decode()
    assert "<svg" in content
    labels = [row[0] for row in chart.rows]
    assert sorted(labels) == ["Done", "Marked", "Overdue"]
    for label in labels:
        assert f'<th scope="row">{label}</th>' in content
    assert "On time" not in content
    overdue = next(row for row in chart.rows if row[0] == "Overdue")
    month = lambda day: date_format(day, "YEAR_MONTH_FORMAT")  # noqa: E731
    assert overdue[1:4] == [month(months_from_now(-12)), month(months_from_now(-3)), "60 %"]
    # The axis runs from the earliest planned start to the latest planned end.
    first, last = months_from_now(-12).year, months_from_now(4).year
    assert f">{first}</text>" in chart.svg
    assert f">{last}</text>" in chart.svg
    assert f">{last + 1}</text>" not in chart.svg


def test_the_timeline_table_says_which_actions_are_late(office, mixed_plan):
    chart = office.get(TIMELINE_URL).context["chart"]
    statuses = {row[0]: row[4] for row in chart.rows}
    assert statuses["Overdue"] != str(ActionStatus.IN_PROGRESS.label)
    assert str(ActionStatus.IN_PROGRESS.label) in statuses["Overdue"]
    assert statuses["Done"] == str(ActionStatus.DONE.label)


def test_the_timeline_without_actions_has_no_chart(office, mixed_plan):
    response = office.get(TIMELINE_URL, {"owner": "nobody at all"})
    assert response.status_code == 200
    assert response.context["chart"] is None
    assert "<svg" not in response.content.decode()


def test_timeline_queries_do_not_grow_with_rows(office, mixed_plan):
    with CaptureQueriesContext(connection) as few:
        office.get(TIMELINE_URL)
    for number in range(20):
        make_action(title=f"Action {number}")
    # session, user, the user's own and group permissions, the actions
    with CaptureQueriesContext(connection) as many:
        office.get(TIMELINE_URL)
    assert len(many) == len(few) == 5
