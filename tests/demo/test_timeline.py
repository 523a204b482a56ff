"""The demo tells the same story on any day it is seeded (README, "The demo's timeline").

seed_demo, the code `make demo` runs, is run whole at instants that break naive date
code, and the story's invariants are checked there, with Y the year of seeding: the
programme runs from Y - 2 to Y + 1 with the strategy's seven budget lines every year;
the resolved grant call's brokers have worked since 1 January of Y - 1 (EUR 420,000 of
grants a year); the evaluation of Y - 1 is approved, with its network chapter filled and a
corrective measure for every off-track indicator, and its report rendered; the
evaluation of Y is a draft; no monitoring action is shown late.
"""

from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.test import TestCase

from brokers.call.models import GrantAgreement, GrantCall, GrantCallStatus
from brokers.network.models import DistrictService
from clusters.models import BoardMember, ClusterProject, Membership, MembershipKind
from demo.clusters import seed_clusters
from demo.grant_calls import reference
from demo.programmes.approval import title
from demo.timeline import shift
from districts.models import District
from monitoring.indicators import grants_by_district
from monitoring.models import Evaluation, EvaluationReport, EvaluationStatus, Progress, ReportStatus
from programmes.models import Action, BudgetLine, Programme, ProgrammeStatus
from tests.demo.story.test_clusters import CLUSTER_MODELS

MADRID = ZoneInfo("Europe/Madrid")
A_YEAR = Decimal("742000")  # the strategy's seven lines
GRANTS_A_YEAR = Decimal("420000")  # 10 districts x 12 months x EUR 3,500

INSTANTS = [
    datetime(2027, 1, 1, 0, 30, tzinfo=MADRID),  # New Year's night: the year has no day yet
    datetime(2028, 2, 29, 12, 0, tzinfo=MADRID),  # a leap day; the story's years have none
    datetime(2027, 6, 30, 18, 0, tzinfo=MADRID),  # mid-year
    datetime(2026, 12, 31, 23, 30, tzinfo=MADRID),  # the year's last hour
    datetime(2028, 1, 1, 10, 0, tzinfo=MADRID),  # the day after the first programme ends
    datetime(2028, 11, 20, 10, 0, tzinfo=MADRID),  # two years after the suite's instant
    datetime(2029, 9, 15, 10, 0, tzinfo=MADRID),  # three years after it
]


@pytest.fixture(params=INSTANTS, ids=[i.strftime("%Y-%m-%d") for i in INSTANTS])
def seeded_at(request, db, settings, tmp_path):
    """seed_demo at that instant, its report rendered as the commit would render it."""
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(request.param, tick=True):
        out = StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", force=True, stdout=out)
        yield request.param.date(), out.getvalue()


def test_the_same_story_on_any_day(seeded_at):
    today, output = seeded_at
    y = today.year
    assert "Demo region ready." in output

    # The running four-year programme, the strategy's seven lines every year.
    programme = Programme.objects.get(title=title())
    assert (programme.status, programme.start_year, programme.end_year) == (
        ProgrammeStatus.ACTIVE,
        y - 2,
        y + 1,
    )
    planned = BudgetLine.objects.filter(programme=programme).values("year")
    by_year = {row["year"]: row["total"] for row in planned.annotate(total=Sum("amount"))}
    assert by_year == dict.fromkeys(range(y - 2, y + 2), A_YEAR)

    # The grant call whose brokers have worked since 1 January of Y - 1.
    call = GrantCall.objects.get(reference=reference())
    assert call.status == GrantCallStatus.RESOLVED
    agreements = GrantAgreement.objects.filter(call=call)
    assert agreements.count() == District.objects.count() == 10
    assert {(a.start_date, a.end_date) for a in agreements} == {
        (date(y - 1, 1, 1), date(y, 12, 31))
    }
    committed = sum(committed for committed, _paid in grants_by_district(y - 1).values())
    assert committed == GRANTS_A_YEAR
    last_year = DistrictService.objects.filter(date__year=y - 1, withdrawn_at__isnull=True)
    assert set(last_year.values_list("district__slug", flat=True)) == set(
        District.objects.values_list("slug", flat=True)
    )
    assert not DistrictService.objects.filter(date__gte=today).exists()

    # The approved evaluation of Y - 1: every chapter with figures, a measure for every
    # indicator off track, and its report.
    evaluation = Evaluation.objects.get(programme=programme, year=y - 1)
    assert evaluation.status == EvaluationStatus.APPROVED
    network = evaluation.snapshot["network"]
    assert all(district["services"] > 0 for district in network["districts"])
    assert Decimal(network["total"]["grant_committed"]) == GRANTS_A_YEAR
    values = list(evaluation.values.select_related("indicator"))
    off_track = {v.indicator_id for v in values if v.status == Progress.OFF_TRACK}
    assert {m.indicator_id for m in evaluation.corrective_measures.all()} == off_track
    assert any(v.status == Progress.AT_RISK for v in values)
    report = EvaluationReport.objects.get(evaluation=evaluation, language="es")
    assert report.status == ReportStatus.DONE, report.error

    # The evaluation of Y, a draft while the year runs.
    assert Evaluation.objects.get(programme=programme, year=y).status == EvaluationStatus.DRAFT

    # A monitoring round is not late once its evaluation is approved.
    late = Action.objects.late(today).values_list("title", flat=True)
    assert not [t for t in late if "monitor" in t.lower() or "seguimiento" in t.lower()]


def _story():
    """What the demo clusters tell, as of the story as written: the years of the full
    memberships (not the conversions, counted from today), who sits on the boards, the
    projects' stages."""
    n = shift()
    full = Membership.objects.filter(kind=MembershipKind.FULL, converted_from=None)
    return {
        "memberships": sorted(
            (
                m.organisation.legal_name,
                m.cluster.acronym,
                m.start_date.year - n,
                m.end_date and m.end_date.year - n,
            )
            for m in full.select_related("organisation", "cluster")
        ),
        "board": sorted(
            BoardMember.objects.values_list("name", "organisation__legal_name", "position")
        ),
        "projects": sorted(ClusterProject.objects.values_list("acronym", "status")),
        "counts": [model.objects.count() for model in CLUSTER_MODELS],
    }


def _story_seeded_on(day):
    with (
        time_machine.travel(datetime(*day, 10, tzinfo=ZoneInfo("Europe/Madrid"))),
        transaction.atomic(),
    ):
        seed_clusters(StringIO())
        story = _story()
        transaction.set_rollback(True)  # the next day seeds a fresh demo
    return story


def test_the_clusters_same_story_on_any_day_of_seeding(db):
    # New Year's Day and the day after (the year's joins and leaves on or before today),
    # a leap day, and years later: the membership plan's draws do not change with the day.
    story = _story_seeded_on((2026, 11, 20))
    for day in ((2027, 1, 1), (2027, 1, 2), (2028, 2, 29), (2030, 1, 1)):
        assert _story_seeded_on(day) == story, day
