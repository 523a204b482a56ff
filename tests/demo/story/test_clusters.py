"""The demo clusters created by seed_demo."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.utils import timezone
from stdnum.es import nif

from clusters.eligibility import european_eligibility
from clusters.models import (
    MIN_COMMITTED_MEMBERS,
    Activity,
    BoardMember,
    ClusterKind,
    ClusterLabel,
    ClusterOrganisation,
    ClusterProject,
    ClusterService,
    ClusterStatus,
    ContactPerson,
    DevelopmentStage,
    EndReason,
    FeeStatus,
    HelixType,
    Membership,
    MembershipKind,
    NetworkParticipation,
    Organisation,
    ProjectScope,
    ProjectStatus,
    SizeClass,
)
from demo.clusters.data import CLUSTERS, DISTRICT_OF
from demo.network.data import QUICK_ADD_REASON
from demo.timeline import on, year
from districts.models import District

pytestmark = pytest.mark.django_db

CLUSTER_MODELS = [
    Organisation,
    ContactPerson,
    ClusterOrganisation,
    ClusterLabel,
    BoardMember,
    NetworkParticipation,
    ClusterService,
    ClusterProject,
    Membership,
    Activity,
]


def _full_members_on(day, cluster=None):
    members = Membership.objects.filter(kind=MembershipKind.FULL).active_on(day)
    return members.filter(cluster=cluster).count() if cluster else members.count()


def _state():
    """Every row and history row of the cluster models, to compare two runs."""
    state = {}
    for model in CLUSTER_MODELS:
        state[model.__name__] = sorted(map(str, model.objects.values_list()))
        state[f"{model.__name__} history"] = model.history.count()
    for model in (ClusterProject, Activity):
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            state[through.__name__] = sorted(through.objects.values_list(flat=False))
    return state


def test_the_six_cluster_organisations_of_the_strategy(seeded):
    clusters = ClusterOrganisation.objects.all()
    assert Counter(clusters.values_list("kind", flat=True)) == {
        ClusterKind.CLUSTER: 4,
        ClusterKind.EXPORT_CONSORTIUM: 2,
    }
    names = " ".join(clusters.values_list("name", flat=True))
    for name in ("GIRA", "CINC", "Sea of Innovation", "MARCA"):
        assert name in names
    today = timezone.localdate()
    for cluster in clusters:
        assert cluster.development_stage == DevelopmentStage.IMMATURE
        assert cluster.status == ClusterStatus.ACTIVE
        assert cluster.founded_on < on(2019, 1, 1)
        assert cluster.sector and cluster.ris3_priority and cluster.website and cluster.strategy
        assert 3 <= cluster.services.count() <= 5
        assert 2 <= cluster.board_members.count() <= 4
    labels = list(ClusterLabel.objects.select_related("cluster"))
    expiring = [label for label in labels if label.expires_on <= today + timedelta(days=365)]
    assert len(labels) == 2 and len(expiring) == 1
    assert all(label.awarded_on <= today <= label.expires_on for label in labels)
    assert clusters.exclude(esca_benchmarked_on=None).exists()
    assert clusters.exclude(eccp_profile_url="").exists()
    assert 2 <= NetworkParticipation.objects.values("cluster").distinct().count() <= 3


def test_about_150_organisations_across_the_region(seeded):
    # Those of the cluster demo: not the local companies brokers quick-add in the
    # broker network demo (demo.network).
    quick_added = Organisation.history.filter(history_change_reason=QUICK_ADD_REASON)
    organisations = Organisation.objects.exclude(pk__in=quick_added.values("id"))
    organisations = organisations.select_related("district")
    assert 140 <= organisations.count() <= 160
    assert set(organisations.values_list("district", flat=True)) == set(
        District.objects.values_list("pk", flat=True)
    )
    assert set(organisations.values_list("helix_type", flat=True)) == set(HelixType.values)
    per_district = Counter(o.district.slug for o in organisations)
    assert {slug for slug, _n in per_district.most_common(2)} == {"santander", "besaya"}
    for org in organisations:
        assert DISTRICT_OF[org.municipality] == org.district.slug
    companies = organisations.filter(helix_type=HelixType.COMPANY)
    assert not companies.filter(size_class="").exists()
    sizes = Counter(companies.values_list("size_class", flat=True))
    assert sizes[SizeClass.MICRO] + sizes[SizeClass.SMALL] > companies.count() * 0.7
    assert set(sizes) == set(SizeClass.values)
    tax_ids = list(organisations.values_list("tax_id", flat=True))
    assert all(nif.is_valid(tax_id) for tax_id in tax_ids)
    assert len(set(tax_ids)) == len(tax_ids)


def test_membership_history_grows_every_year_with_leavers(seeded):
    today = timezone.localdate()
    full = Membership.objects.filter(kind=MembershipKind.FULL)
    assert full.order_by("start_date").first().start_date.year == year(2016)
    assert len({m.start_date.year for m in full}) >= 8
    assert not full.filter(start_date__gt=today).exists()
    year_ends = [date(y, 12, 31) for y in range(year(2016), today.year)] + [today]
    counts = [_full_members_on(day) for day in year_ends]
    assert counts == sorted(set(counts)), counts  # strictly growing
    leavers = full.filter(end_reason=EndReason.LEFT)
    assert leavers.count() == sum(row[-1] for row in CLUSTERS)
    assert not leavers.filter(end_date__gt=today).exists()
    # an organisation can belong to several clusters
    current = full.active_on(today)
    assert max(Counter(current.values_list("organisation", flat=True)).values()) >= 4
    fees = Counter(current.values_list("fee_status", flat=True))
    assert fees[FeeStatus.PAID] > fees[FeeStatus.PENDING] > 0 and fees[FeeStatus.OVERDUE] > 0
    assert Membership.history.count() >= Membership.objects.count()
    assert Organisation.history.count() == Organisation.objects.count()


def test_no_membership_periods_overlap(seeded):
    for membership in Membership.objects.all():
        assert not membership.overlapping().exists(), membership


def test_provisional_partners(seeded):
    today = timezone.localdate()
    provisional = Membership.objects.filter(kind=MembershipKind.PROVISIONAL)
    assert 4 <= provisional.count() <= 6
    for membership in provisional.select_related("project"):
        assert membership.fee_status == FeeStatus.EXEMPT
        assert membership.agreement_signed_on
        assert membership.cluster in membership.project.clusters.all()
        assert membership.organisation in membership.project.partners.all()
    expiring = list(Membership.objects.agreements_expiring())
    assert len(expiring) == 1
    assert 0 < expiring[0].days_left <= 30
    converted = provisional.get(end_reason=EndReason.CONVERTED)
    assert converted.converted_to.kind == MembershipKind.FULL
    assert converted.converted_to.is_active_on(timezone.localdate())
    ended = provisional.get(end_reason=EndReason.PROJECT_ENDED)
    assert ended.end_date == ended.project.end_date < today
    running = provisional.filter(end_date__isnull=True)
    assert all(m.project.status == ProjectStatus.RUNNING for m in running)


def test_projects_of_every_scope(seeded):
    today = timezone.localdate()
    projects = ClusterProject.objects.prefetch_related("clusters", "partners")
    assert set(projects.values_list("scope", flat=True)) == set(ProjectScope.values)
    assert len(set(projects.values_list("funding_programme", flat=True))) >= 4
    for project in projects:
        assert project.partners.exists()
        assert project.budget > 0
        if project.scope == ProjectScope.INTER_CLUSTER:
            assert project.clusters.count() >= 2
        if project.status == ProjectStatus.RUNNING:
            assert project.start_date <= today <= project.end_date
        elif project.status == ProjectStatus.COMPLETED:
            assert project.end_date < today
        elif project.status == ProjectStatus.PLANNED:
            assert project.start_date > today


def test_a_year_of_activities(seeded):
    today = timezone.localdate()
    activities = Activity.objects.select_related("service", "cluster")
    assert 25 <= activities.count() <= 35
    per_cluster = Counter(activities.values_list("cluster__acronym", flat=True))
    assert len(per_cluster) == 6 and all(3 <= n <= 6 for n in per_cluster.values())
    for activity in activities:
        assert today - timedelta(days=365) <= activity.date <= today
        assert activity.service.cluster_id == activity.cluster_id
        assert 10 <= activity.attendees <= 120
        members = Membership.objects.filter(cluster=activity.cluster).active_on(activity.date)
        participants = set(activity.participants.values_list("pk", flat=True))
        assert participants and participants <= set(members.values_list("organisation", flat=True))
    assert activities.filter(partner_clusters__isnull=False).distinct().count() >= 3
    assert activities.filter(is_international=True).count() >= 3


def test_the_demo_manager_runs_gira_which_is_eligible(seeded):
    gira = ClusterOrganisation.objects.get(acronym="GIRA")
    assert gira.cluster_manager.username == "manager"
    assert ClusterOrganisation.objects.exclude(cluster_manager=None).count() == 1
    eligible = [
        cluster.acronym
        for cluster in ClusterOrganisation.objects.all()
        if european_eligibility(cluster, list(cluster.labels.all())).eligible
    ]
    assert eligible == ["GIRA"]
    assert european_eligibility(gira, list(gira.labels.all())).expiring_labels
    today = timezone.localdate()
    for cluster in ClusterOrganisation.objects.exclude(pk=gira.pk):
        assert _full_members_on(today, cluster) < MIN_COMMITTED_MEMBERS


def test_prints_a_summary(seeded):
    assert "6 cluster organisations" in seeded
    assert "activities" in seeded


def test_running_twice_changes_nothing_even_on_a_later_day(seed, monkeypatch):
    seed()
    first = _state()
    out = seed()
    assert _state() == first
    assert "already seeded" in out
    later = timezone.localdate() + timedelta(days=45)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    seed()
    assert _state() == first
