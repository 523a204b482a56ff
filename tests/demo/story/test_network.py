"""The demo broker network created by seed_demo (demo.network): the district
services of the last complete year and of this one so far, the local organisations,
needs, offers, matches and meetings.

seed_demo runs once for the module (it takes a few seconds) and is rolled back at its
end; every test runs in its own savepoint on top of it.
"""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone
from stdnum.es import cif

from accounts.models import User
from brokers.call.models import GrantAgreement
from brokers.network.models import (
    DistrictService,
    DistrictServiceOffer,
    IndustryNeed,
    MatchResult,
    NeedOfferMatch,
    NeedStatus,
    NetworkMeeting,
    TechnologyOffer,
)
from clusters.models import HelixType, Organisation
from clusters.validators import validate_tax_id
from demo.clusters.data import DISTRICT_OF
from demo.grant_calls import reference
from demo.network.calendar import is_working_day, year_done, year_fraction, yearly_services
from demo.network.data import LEAVE, NEEDS, QUICK_ADD_REASON, SHARES, WITHDRAWN, YEAR_SERVICES
from demo.timeline import on
from districts.models import District

pytestmark = pytest.mark.django_db

URBAN = {"santander", "besaya"}
PROVIDERS = (HelixType.UNIVERSITY, HelixType.RESEARCH_CENTRE)
LIVE = (MatchResult.PENDING, MatchResult.CONTACT_MADE, MatchResult.PROJECT)
NETWORK_MODELS = [
    DistrictService,
    DistrictServiceOffer,
    IndustryNeed,
    TechnologyOffer,
    NeedOfferMatch,
    NetworkMeeting,
]


@pytest.fixture
def agreements(seeded):
    return {
        a.district.slug: a
        for a in GrantAgreement.objects.filter(call__reference=reference()).select_related(
            "district", "broker"
        )
    }


def _window_end(agreement):
    """The last day the broker can have logged a service for: yesterday, or the end of
    their agreement if the demo is seeded after it."""
    return min(timezone.localdate() - timedelta(days=1), agreement.end_date)


def _last_year():
    return timezone.localdate().year - 1


def _state():
    state = {}
    for model in NETWORK_MODELS:
        state[model.__name__] = sorted(map(str, model.objects.values_list()))
        state[f"{model.__name__} history"] = model.history.count()
    state["served"] = sorted(DistrictService.organisations.through.objects.values_list())
    state["attendees"] = sorted(NetworkMeeting.attendees.through.objects.values_list())
    state["organisations"] = sorted(Organisation.objects.values_list("legal_name", "tax_id"))
    return state


def test_1500_records_in_the_last_complete_year_by_the_ten_brokers(agreements):
    today = timezone.localdate()
    services = DistrictService.objects.select_related("district", "broker")
    per_year = Counter(services.values_list("date__year", "district__slug"))
    assert sum(SHARES.values()) == YEAR_SERVICES == 1_500
    assert {slug: per_year[_last_year(), slug] for slug in SHARES} == SHARES
    start = min(a.start_date for a in agreements.values())
    assert start == on(2025, 1, 1)  # the network works the whole of last year
    expected = yearly_services(start, today)
    assert list(expected) == [_last_year(), today.year]
    assert per_year == Counter(
        {(year, slug): n for year, counts in expected.items() for slug, n in counts.items()}
    )
    # This year so far: the shares in proportion to the working days elapsed, counted on
    # the story's calendar (close to this year's own).
    days = [date(today.year, 1, 1) + timedelta(days=n) for n in range(366)]
    days = [d for d in days if d.year == today.year]
    elapsed = sum(map(is_working_day, days[: today.timetuple().tm_yday - 1]))
    assert abs(year_fraction(today) - elapsed / sum(map(is_working_day, days))) < 0.01
    for slug, share in SHARES.items():
        fraction = year_fraction(today - timedelta(days=LEAVE.get(slug, 0)))
        assert per_year[today.year, slug] == round(share * fraction), slug
    assert per_year[today.year, "costa-occidental"] < SHARES["costa-occidental"] * 0.85
    assert len(agreements) == 10
    for service in services:
        agreement = agreements[service.district.slug]
        assert service.broker == agreement.broker
        assert service.broker.district_id == service.district_id
        assert service.created_by == service.broker


def test_more_in_santander_and_besaya_and_every_rural_district_present(agreements):
    delivered = DistrictService.objects.delivered()
    last_year = delivered.filter(date__year=_last_year())
    per_district = Counter(last_year.values_list("district__slug", flat=True))
    assert {slug for slug, _n in per_district.most_common(2)} == URBAN
    rural = District.objects.filter(is_rural=True).values_list("slug", flat=True)
    assert len(rural) == 8
    assert all(per_district[slug] >= 100 for slug in rural)
    assert sum(per_district[slug] for slug in rural) > sum(per_district[s] for s in URBAN)
    for slug, agreement in agreements.items():
        end = _window_end(agreement)
        recent = delivered.filter(district__slug=slug, date__gt=end - timedelta(days=90))
        assert recent.count() >= 10, slug
    # While the network runs, one rural broker has been on leave for five weeks: the
    # coordinator's page has a district without activity in the last 30 days.
    end = _window_end(agreements["costa-occidental"])
    if end == timezone.localdate() - timedelta(days=1):
        active = set(
            delivered.filter(date__gt=end - timedelta(days=30)).values_list(
                "district__slug", flat=True
            )
        )
        assert active == set(SHARES) - {"costa-occidental"}


def test_working_days_within_the_agreements_logged_that_day_or_the_next(agreements):
    today = timezone.localdate()
    services = DistrictService.objects.select_related("district")
    history = {
        row.id: row
        for row in DistrictService.history.filter(history_type="+").select_related("history_user")
    }
    for service in services:
        agreement = agreements[service.district.slug]
        assert agreement.start_date <= service.date <= _window_end(agreement)
        assert is_working_day(service.date), service.date
        logged = timezone.localdate(service.created_at)
        next_working_day = service.date + timedelta(days=1)
        while not is_working_day(next_working_day):
            next_working_day += timedelta(days=1)
        assert service.date <= logged <= min(next_working_day, today)
        created = history[service.pk]
        assert created.history_user == service.broker
        assert created.history_date == service.created_at
    months = {
        (d.year, d.month)
        for d in services.filter(date__year__gte=_last_year()).values_list("date", flat=True)
    }
    assert months >= {(_last_year(), m) for m in range(1, 13)}
    assert months >= {(today.year, m) for m in range(1, today.month)}


def test_service_types_weighted_and_tailored_per_district(seeded):
    per_type = Counter(DistrictService.objects.values_list("service_type__code", flat=True))
    assert {code for code, _n in per_type.most_common(3)} == {"advice", "contacts", "calls"}
    assert len(per_type) == 9
    offered = {}
    for district_id, type_id in DistrictServiceOffer.objects.values_list(
        "district_id", "service_type_id"
    ):
        offered.setdefault(district_id, set()).add(type_id)
    assert len(offered) == 10
    assert all(7 <= len(types) <= 9 for types in offered.values())
    for district_id, type_id in DistrictService.objects.values_list(
        "district_id", "service_type_id"
    ).distinct():
        assert type_id in offered[district_id]
    with_notes = DistrictServiceOffer.objects.exclude(notes="")
    assert set(with_notes.values_list("district__slug", flat=True)) == set(SHARES)
    assert with_notes.count() < DistrictServiceOffer.objects.count() / 3


def test_organisations_served_are_of_the_district(seeded):
    counts = Counter(
        DistrictService.objects.annotate(n=Count("organisations")).values_list("n", flat=True)
    )
    assert set(counts) == {1, 2, 3}
    assert counts[1] > counts[2] > 0
    served = DistrictService.organisations.through.objects.values_list(
        "districtservice__district_id", "organisation__district_id", "organisation__helix_type"
    )
    for service_district, organisation_district, helix_type in served:
        assert organisation_district == service_district
        assert helix_type not in PROVIDERS


def test_local_companies_quick_added_by_the_brokers(seeded):
    added = Organisation.history.filter(history_change_reason=QUICK_ADD_REASON).select_related(
        "history_user"
    )
    assert 100 <= added.count() <= 140
    for row in added:
        organisation = Organisation.objects.select_related("district").get(pk=row.id)
        validate_tax_id(organisation.tax_id)
        assert cif.is_valid(organisation.tax_id)
        assert organisation.helix_type == HelixType.COMPANY and organisation.size_class
        slug = organisation.district.slug
        assert DISTRICT_OF[organisation.municipality] == slug
        broker = row.history_user
        assert broker.district_id == organisation.district_id
        assert row.history_date == organisation.created_at
        first = organisation.district_services.order_by("created_at").first()
        assert first is not None and first.broker == broker
        assert organisation.created_at <= first.created_at
    assert len({o.tax_id for o in Organisation.objects.exclude(tax_id="")}) == (
        Organisation.objects.exclude(tax_id="").count()
    )


def test_hours_outcomes_follow_ups_referrals_and_links(seeded):
    today, now = timezone.localdate(), timezone.now()
    services = DistrictService.objects.all()
    assert not services.filter(hours__lt=Decimal("0.5")).exists()
    assert not services.filter(hours__gt=Decimal("6")).exists()
    assert not services.filter(outcome="").exists()
    follow_ups = services.delivered().exclude(follow_up_on=None)
    assert 300 <= follow_ups.filter(date__year=_last_year()).count() <= 600
    done = follow_ups.exclude(follow_up_done_at=None)
    overdue = services.follow_ups_due(today).filter(follow_up_on__lt=today)
    upcoming = follow_ups.filter(follow_up_on__gt=today)
    assert done.count() >= 200 and overdue.count() >= 10 and upcoming.count() >= 10
    for service in follow_ups:
        assert service.follow_up_on > service.date
        if service.follow_up_done_at:
            assert service.created_at < service.follow_up_done_at <= now
    referred = services.exclude(knowledge_provider=None)
    assert 200 <= referred.filter(date__year=_last_year()).count() <= 600
    assert set(referred.values_list("knowledge_provider__helix_type", flat=True)) <= set(PROVIDERS)
    assert {"UC", "CTC", "CIFA"} <= set(
        referred.values_list("knowledge_provider__short_name", flat=True)
    )
    programmes = set(
        services.exclude(funding_programme="").values_list("funding_programme", flat=True)
    )
    assert 5 <= len(programmes) <= 15
    memberships = services.exclude(membership=None).select_related("membership")
    projects = services.exclude(cluster_project=None).select_related("cluster_project")
    assert memberships.count() >= 2 and projects.count() >= 2
    for service in memberships:
        assert service.organisations.filter(pk=service.membership.organisation_id).exists()
        assert service.date <= service.membership.start_date
    for service in projects:
        partners = service.cluster_project.partners.all()
        assert set(service.organisations.all()) <= set(partners)


def test_some_records_withdrawn_with_a_reason(seeded):
    withdrawn = DistrictService.objects.exclude(withdrawn_at=None).select_related("withdrawn_by")
    assert withdrawn.filter(date__year=_last_year()).count() == len(WITHDRAWN) == 15
    this_year = withdrawn.filter(date__year=timezone.localdate().year).count()
    others = [kind for _slug, kind in WITHDRAWN if kind != "trial"]  # trials: the first days
    assert this_year == round(len(others) * year_fraction(timezone.localdate()))
    last_year = DistrictService.objects.filter(date__year=_last_year())
    assert last_year.delivered().count() == YEAR_SERVICES - len(WITHDRAWN)
    assert DistrictService.objects.delivered().count() == (
        DistrictService.objects.count() - withdrawn.count()
    )
    coordinator = User.objects.get(username="coordinator")
    for service in withdrawn:
        assert service.withdrawal_reason.strip()
        assert service.withdrawn_by in (service.broker, coordinator)
        assert service.created_at < service.withdrawn_at <= timezone.now()
        assert service.follow_up_on is None
        if service.withdrawn_by == service.broker:
            assert service.withdrawn_at.date() <= service.correctable_until
    assert withdrawn.filter(withdrawn_by=coordinator).exists()


def test_the_audit_trail_keeps_to_the_correction_window(seeded):
    """A broker changes their record within the 30 days (closing a follow-up aside);
    later changes are the coordinator's."""
    coordinator = User.objects.get(username="coordinator")
    changes = DistrictService.history.filter(history_type="~").select_related("history_user")
    assert changes.count() > 300
    corrected = {"broker": 0, "coordinator": 0}
    for row in changes:
        change = row.diff_against(row.prev_record)
        fields = set(change.changed_fields)
        assert fields
        if fields == {"follow_up_done_at"}:
            continue
        if row.history_user == coordinator:
            corrected["coordinator"] += 1
        else:
            assert row.history_user.district_id == row.district_id
            assert row.history_date.date() <= (row.created_at + timedelta(days=30)).date()
            corrected["broker"] += 1
    assert corrected["broker"] >= 30 and corrected["coordinator"] >= 3
    # dated when it happened, not on the day of seeding
    today = timezone.localdate()
    assert not DistrictService.history.filter(
        history_type="+", history_date__date=today, date__lt=today - timedelta(days=4)
    ).exists()
    assert DistrictService.history.filter(history_date__date=today).count() < 50


@pytest.mark.parametrize("model", NETWORK_MODELS, ids=lambda m: m.__name__)
def test_every_history_starts_with_the_creation_and_ends_in_the_record_as_it_is(seeded, model):
    historical = model.history.model
    names = {f.attname for f in historical._meta.fields}
    fields = [f.attname for f in model._meta.concrete_fields if f.attname in names]
    live = {row[0]: row for row in model.objects.values_list(*fields)}
    rows = model.history.order_by("history_date", "history_id")
    latest, first = {}, {}
    now = timezone.now()
    for values, kind, when, user in zip(
        rows.values_list(*fields),
        rows.values_list("history_type", flat=True),
        rows.values_list("history_date", flat=True),
        rows.values_list("history_user", flat=True),
        strict=True,
    ):
        first.setdefault(values[0], kind)
        latest[values[0]] = values
        assert when <= now and user is not None
    assert fields[0] == "id" and live
    assert latest == live
    assert set(first.values()) == {"+"}


def test_needs_offers_and_matches_are_consistent(seeded):
    today = timezone.localdate()
    needs = IndustryNeed.objects.select_related("organisation", "district", "compiled_by")
    # Half of each district's needs compiled last year, the other half this year so far.
    rows = Counter(row[0] for row in NEEDS)
    visits = Counter(
        DistrictService.objects.filter(
            service_type__code="needs", outcome__contains="necesidad «"
        ).values_list("date__year", "district__slug")
    )
    for slug, n in rows.items():
        assert visits[_last_year(), slug] == (n + 1) // 2, slug
        share = year_done(today.year, today, LEAVE.get(slug, 0))
        assert visits[today.year, slug] == round(n // 2 * share), slug
    assert needs.count() == visits.total() <= len(NEEDS) == 60
    offers = TechnologyOffer.objects.select_related("provider")
    assert 18 <= offers.count() <= 24
    assert set(offers.values_list("provider__helix_type", flat=True)) <= set(PROVIDERS)
    matches = NeedOfferMatch.objects.select_related("need", "offer")
    assert 20 <= matches.count() <= 40
    assert set(matches.values_list("result", flat=True)) == set(MatchResult.values)
    for need in needs:
        assert need.organisation.district_id == need.district_id
        assert need.compiled_by.district_id == need.district_id
        # compiled on a visit the broker recorded as a 'needs' service
        visit = DistrictService.objects.get(
            service_type__code="needs",
            organisations=need.organisation,
            outcome__contains=need.title,
        )
        assert visit.broker == need.compiled_by
        assert visit.created_at < need.created_at
        results = [m.result for m in need.matches.all()]
        live = [r for r in results if r in LIVE]
        if need.status == NeedStatus.MATCHED:
            assert live, need
        elif need.status == NeedStatus.OPEN:
            assert not live, need
    for match in matches:
        assert match.matched_at > match.need.created_at
        assert match.matched_at > match.offer.created_at
        if match.result == MatchResult.PENDING:
            assert match.result_recorded_at is None and match.result_notes == ""
        else:
            assert match.result_recorded_at > match.matched_at
            assert match.result_recorded_by and match.result_notes
        if match.cluster_project_id:
            assert match.result == MatchResult.PROJECT
        assert DistrictService.objects.filter(
            service_type__code="matching",
            organisations=match.need.organisation,
            knowledge_provider=match.offer.provider,
        ).exists()
    assert not matches.filter(offer__is_active=False).exists()
    assert offers.filter(is_active=False).exists()
    # The recent needs are more often open: the older ones have been matched or
    # closed. (Shares, not counts: how many needs fall in the last 120 days moves
    # with the date the demo is seeded on.)
    recent = Q(created_at__date__gte=today - timedelta(days=120))
    shares = needs.aggregate(
        recent_open=Count("pk", filter=recent & Q(status=NeedStatus.OPEN)),
        recent=Count("pk", filter=recent),
        older_open=Count("pk", filter=~recent & Q(status=NeedStatus.OPEN)),
        older=Count("pk", filter=~recent),
    )
    assert shares["recent"] and shares["older"]
    assert (
        shares["recent_open"] / shares["recent"] > 1.5 * shares["older_open"] / shares["older"]
    ), shares
    assert needs.filter(status=NeedStatus.CLOSED).exists()
    assert needs.filter(status=NeedStatus.MATCHED).exists()
    assert set(needs.values_list("district__slug", flat=True)) == set(SHARES)


def test_a_meeting_every_two_months_and_the_next_one_planned(agreements):
    today = timezone.localdate()
    start = min(a.start_date for a in agreements.values())
    held = list(NetworkMeeting.objects.held(today).order_by("date"))
    assert sum(m.date.year == _last_year() for m in held) == 6
    assert len({m.minutes for m in held}) == len(held)  # each meeting its own
    assert held[0].date - start < timedelta(days=31)
    for earlier, later in zip(held, held[1:], strict=False):
        assert 56 <= (later.date - earlier.date).days <= 63
    coordinator = User.objects.get(username="coordinator")
    brokers = {a.broker for a in agreements.values()}
    for n, meeting in enumerate(held):
        attendees = set(meeting.attendees.all())
        assert coordinator in attendees
        assert len(attendees & brokers) >= 8
        assert attendees <= brokers | {coordinator}
        assert meeting.agenda and meeting.location
        if meeting.date < today:
            assert meeting.minutes and meeting.needs_raised
            assert "{" not in meeting.minutes
            if n:
                assert meeting.success_stories
                assert "servicios" in meeting.minutes
        assert meeting.history.earliest().history_user == coordinator
    upcoming = list(NetworkMeeting.objects.upcoming(today))
    assert len(upcoming) == 1
    planned = upcoming[0]
    assert planned.date > today
    assert 56 <= (planned.date - held[-1].date).days <= 63
    assert planned.agenda and not planned.minutes and not planned.success_stories
    assert not planned.attendees.exists()


def test_prints_a_summary_line(seeded):
    line = next(line for line in seeded.splitlines() if "broker network:" in line)
    assert f"{YEAR_SERVICES:,} in {_last_year()}" in line
    for words in ("industry needs", "technology offers", "matches", "meetings held"):
        assert words in line


def test_running_twice_changes_nothing_even_on_a_later_day(seeded, monkeypatch):
    first = _state()
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    assert "broker network: already seeded" in out.getvalue()
    assert _state() == first
    later = timezone.localdate() + timedelta(days=45)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    call_command("seed_demo", force=True, stdout=StringIO())
    assert _state() == first
