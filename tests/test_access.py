"""Who may open which page: every named URL of the portal × every role.

Objects belong either to the cluster organisation that the test's cluster
manager manages ("own") or to another one ("other"). Adding a URL without an
entry here fails test_every_url_has_an_entry.
"""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role
from clusters.models import MemberImport
from programmes.models import (
    Action,
    Body,
    BodyKind,
    BudgetLine,
    ClusterResult,
    Expenditure,
    Measure,
    Meeting,
    Programme,
    ProgrammeStatus,
    Reallocation,
)
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

EVERY_ROLE = frozenset(Role)
# Evaluators and applicants see only their own calls and applications.
READERS = EVERY_ROLE - {Role.EVALUATOR, Role.APPLICANT}
OFFICE = {Role.OFFICE_STAFF}
OFFICE_AND_MANAGER = {Role.OFFICE_STAFF, Role.CLUSTER_MANAGER}
# A broker sees the action plan and governance, nothing of budgets or spending.
PROGRAMME_READERS = READERS - {Role.INNOVATION_BROKER}
PUBLIC = "public"  # no login needed
# The coordinator, office staff and officials read grant calls; the evaluator
# of the world's call is assigned to it.
GRANT_READERS = {
    Role.NETWORK_COORDINATOR,
    Role.OFFICE_STAFF,
    Role.GOVERNMENT_OFFICIAL,
    Role.EVALUATOR,
}
COORDINATOR = {Role.NETWORK_COORDINATOR}
APPLICANT = {Role.APPLICANT}
# Hidden applications answer 404: whoever may not see one may not know of it.
APPLICATION_READERS = (GRANT_READERS | APPLICANT, 404)

# The broker network: readers see every district; the test's broker works in
# Besaya and sees their district's records and the network's open needs.
NETWORK_READERS = {
    Role.NETWORK_COORDINATOR,
    Role.OFFICE_STAFF,
    Role.GOVERNMENT_OFFICIAL,
    Role.ADVISORY_COMMITTEE,
}
NETWORK = NETWORK_READERS | {Role.INNOVATION_BROKER}
# A district's broker (within 30 days of logging) and the coordinator correct a
# service record; another district's record answers 404 to the broker.
CORRECTORS = {Role.INNOVATION_BROKER, Role.NETWORK_COORDINATOR}
OTHER_DISTRICT = {Role.INNOVATION_BROKER: 404}
# Who compiles needs, adds offers and matches them: brokers (in their own
# district) and the coordinator.
MATCHERS = {Role.INNOVATION_BROKER, Role.NETWORK_COORDINATOR}

# Monitoring: office staff, cluster managers, the coordinator, officials and the
# advisory committee read it; office staff and the coordinator enter values,
# findings and corrective measures; brokers, evaluators and applicants get 403.
MONITORING_READERS = {
    Role.OFFICE_STAFF,
    Role.CLUSTER_MANAGER,
    Role.NETWORK_COORDINATOR,
    Role.GOVERNMENT_OFFICIAL,
    Role.ADVISORY_COMMITTEE,
}
EVALUATORS_OF_MEASURES = {Role.OFFICE_STAFF, Role.NETWORK_COORDINATOR}

# (url name, variant) -> (reverse kwargs from the world's objects, who may GET it)
ACCESS = {
    ("home", ""): (lambda w: {}, EVERY_ROLE),
    ("login", ""): (lambda w: {}, PUBLIC),
    ("password_change", ""): (lambda w: {}, EVERY_ROLE),
    ("password_reset", ""): (lambda w: {}, PUBLIC),
    ("password_reset_done", ""): (lambda w: {}, PUBLIC),
    ("password_reset_confirm", ""): (lambda w: {"uidb64": "MQ", "token": "bad-token"}, PUBLIC),
    ("password_reset_complete", ""): (lambda w: {}, PUBLIC),
    ("person_list", ""): (lambda w: {}, {Role.OFFICE_STAFF, Role.NETWORK_COORDINATOR}),
    ("healthz", ""): (lambda w: {}, PUBLIC),
    ("brokers:district_list", ""): (lambda w: {}, READERS),
    ("brokers:district_detail", ""): (lambda w: {"slug": "besaya"}, READERS),
    # The broker network as a whole (tests/brokers/network/test_network_*.py and
    # test_service_type_*.py, test_meeting_*.py): brokers have their home, not
    # the network page; a district's services are chosen by its own broker.
    ("brokers:network", ""): (lambda w: {}, NETWORK_READERS),
    ("brokers:service_type_list", ""): (lambda w: {}, NETWORK),
    ("brokers:service_type_create", ""): (lambda w: {}, COORDINATOR),
    ("brokers:service_type_edit", ""): (
        lambda w: {"pk": w["own_service"].service_type_id},
        COORDINATOR,
    ),
    ("brokers:district_services_edit", "own"): (
        lambda w: {"slug": "besaya"},
        {Role.NETWORK_COORDINATOR, Role.INNOVATION_BROKER},
    ),
    ("brokers:district_services_edit", "other"): (lambda w: {"slug": "liebana"}, COORDINATOR),
    ("brokers:meeting_list", ""): (lambda w: {}, NETWORK),
    ("brokers:meeting_create", ""): (lambda w: {}, COORDINATOR),
    ("brokers:meeting_detail", ""): (lambda w: {"pk": w["network_meeting"].pk}, NETWORK),
    ("brokers:meeting_edit", ""): (lambda w: {"pk": w["network_meeting"].pk}, COORDINATOR),
    ("clusters:cluster_list", ""): (lambda w: {}, READERS),
    ("clusters:cluster_create", ""): (lambda w: {}, OFFICE),
    ("clusters:cluster_detail", ""): (lambda w: {"slug": w["own"].slug}, READERS),
    ("clusters:cluster_edit", "own"): (lambda w: {"slug": w["own"].slug}, OFFICE_AND_MANAGER),
    ("clusters:cluster_edit", "other"): (lambda w: {"slug": w["other"].slug}, OFFICE),
    ("clusters:cluster_strategy", ""): (lambda w: {"slug": w["own"].slug}, READERS),
    ("clusters:member_directory", ""): (lambda w: {}, READERS),
    ("clusters:agreements_expiring", ""): (lambda w: {}, READERS),
    ("clusters:membership_add", "own"): (lambda w: {"slug": w["own"].slug}, OFFICE_AND_MANAGER),
    ("clusters:membership_add", "other"): (lambda w: {"slug": w["other"].slug}, OFFICE),
    ("clusters:membership_edit", "own"): (
        lambda w: {"pk": w["own_membership"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:membership_edit", "other"): (lambda w: {"pk": w["other_membership"].pk}, OFFICE),
    ("clusters:membership_end", "own"): (
        lambda w: {"pk": w["own_membership"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:membership_end", "other"): (lambda w: {"pk": w["other_membership"].pk}, OFFICE),
    ("clusters:membership_convert", "own"): (
        lambda w: {"pk": w["own_partner"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:membership_convert", "other"): (lambda w: {"pk": w["other_partner"].pk}, OFFICE),
    ("clusters:membership_agreement", "own"): (
        lambda w: {"pk": w["own_partner"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:membership_agreement", "other"): (lambda w: {"pk": w["other_partner"].pk}, OFFICE),
    ("clusters:member_import", "own"): (lambda w: {"slug": w["own"].slug}, OFFICE_AND_MANAGER),
    ("clusters:member_import", "other"): (lambda w: {"slug": w["other"].slug}, OFFICE),
    ("clusters:member_import_preview", "own"): (
        lambda w: {"pk": w["own_import"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:member_import_preview", "other"): (lambda w: {"pk": w["other_import"].pk}, OFFICE),
    ("clusters:organisation_create", ""): (lambda w: {}, OFFICE_AND_MANAGER),
    ("clusters:organisation_detail", ""): (
        lambda w: {"pk": w["own_membership"].organisation_id},
        READERS,
    ),
    ("clusters:organisation_edit", ""): (
        lambda w: {"pk": w["own_membership"].organisation_id},
        OFFICE,
    ),
    ("clusters:organisation_contacts", ""): (
        lambda w: {"pk": w["own_membership"].organisation_id},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:contact_erase", ""): (lambda w: {"pk": w["contact"].pk}, OFFICE),
    ("clusters:project_list", ""): (lambda w: {}, READERS),
    ("clusters:project_create", ""): (lambda w: {}, OFFICE_AND_MANAGER),
    ("clusters:project_detail", ""): (lambda w: {"pk": w["own_project"].pk}, READERS),
    ("clusters:project_edit", "own"): (lambda w: {"pk": w["own_project"].pk}, OFFICE_AND_MANAGER),
    ("clusters:project_edit", "other"): (lambda w: {"pk": w["other_project"].pk}, OFFICE),
    ("clusters:activity_list", ""): (lambda w: {}, READERS),
    ("clusters:activity_detail", ""): (lambda w: {"pk": w["own_activity"].pk}, READERS),
    ("clusters:activity_create", "own"): (lambda w: {"slug": w["own"].slug}, OFFICE_AND_MANAGER),
    ("clusters:activity_create", "other"): (lambda w: {"slug": w["other"].slug}, OFFICE),
    ("clusters:activity_edit", "own"): (
        lambda w: {"pk": w["own_activity"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:activity_edit", "other"): (lambda w: {"pk": w["other_activity"].pk}, OFFICE),
    ("programmes:programme_list", ""): (lambda w: {}, PROGRAMME_READERS),
    ("programmes:programme_create", ""): (lambda w: {}, OFFICE),
    ("programmes:programme_detail", ""): (lambda w: {"pk": w["programme"].pk}, PROGRAMME_READERS),
    ("programmes:programme_edit", ""): (lambda w: {"pk": w["draft"].pk}, OFFICE),
    ("programmes:programme_budget", ""): (lambda w: {"pk": w["draft"].pk}, OFFICE),
    ("programmes:budget_export", ""): (lambda w: {"pk": w["programme"].pk}, PROGRAMME_READERS),
    ("programmes:results_edit", ""): (lambda w: {"pk": w["programme"].pk}, OFFICE),
    ("programmes:programme_transition", "close"): (
        lambda w: {"pk": w["programme"].pk, "name": "close"},
        OFFICE,
    ),
    ("programmes:programme_transition", "approve"): (
        lambda w: {"pk": w["submitted"].pk, "name": "approve"},
        {Role.GOVERNMENT_OFFICIAL},
    ),
    ("programmes:reallocation_create", ""): (lambda w: {"pk": w["programme"].pk}, OFFICE),
    ("programmes:reallocation_decide", ""): (
        lambda w: {"pk": w["reallocation"].pk},
        {Role.GOVERNMENT_OFFICIAL},
    ),
    ("programmes:expenditure_list", ""): (lambda w: {}, PROGRAMME_READERS),
    ("programmes:expenditure_create", ""): (lambda w: {}, OFFICE),
    ("programmes:expenditure_detail", ""): (
        lambda w: {"pk": w["expenditure"].pk},
        PROGRAMME_READERS,
    ),
    ("programmes:expenditure_edit", ""): (lambda w: {"pk": w["expenditure"].pk}, OFFICE),
    ("programmes:expenditure_document", ""): (
        lambda w: {"pk": w["expenditure"].pk},
        PROGRAMME_READERS,
    ),
    ("programmes:action_list", ""): (lambda w: {}, READERS),
    ("programmes:action_timeline", ""): (lambda w: {}, READERS),
    ("programmes:action_create", ""): (lambda w: {}, OFFICE),
    ("programmes:action_detail", ""): (lambda w: {"pk": w["action"].pk}, READERS),
    ("programmes:action_edit", ""): (lambda w: {"pk": w["action"].pk}, OFFICE),
    ("programmes:body_list", ""): (lambda w: {}, READERS),
    ("programmes:body_create", ""): (lambda w: {}, OFFICE),
    ("programmes:body_detail", ""): (lambda w: {"pk": w["body"].pk}, READERS),
    ("programmes:body_edit", ""): (lambda w: {"pk": w["body"].pk}, OFFICE),
    ("programmes:meeting_list", ""): (lambda w: {}, READERS),
    ("programmes:meeting_create", ""): (lambda w: {}, OFFICE),
    ("programmes:meeting_detail", ""): (lambda w: {"pk": w["meeting"].pk}, READERS),
    ("programmes:meeting_edit", ""): (lambda w: {"pk": w["meeting"].pk}, OFFICE),
    # District service records (tests/brokers/network/test_service_*.py): another
    # district's record answers 404 to the broker, 403 to roles without access.
    ("brokers:service_list", ""): (lambda w: {}, NETWORK),
    ("brokers:service_create", ""): (lambda w: {}, {Role.INNOVATION_BROKER}),
    ("brokers:service_detail", "own"): (lambda w: {"pk": w["own_service"].pk}, NETWORK),
    ("brokers:service_detail", "other"): (
        lambda w: {"pk": w["other_service"].pk},
        NETWORK_READERS,
        OTHER_DISTRICT,
    ),
    ("brokers:service_edit", "own"): (lambda w: {"pk": w["own_service"].pk}, CORRECTORS),
    ("brokers:service_edit", "other"): (
        lambda w: {"pk": w["other_service"].pk},
        COORDINATOR,
        OTHER_DISTRICT,
    ),
    ("brokers:service_withdraw", "own"): (lambda w: {"pk": w["own_service"].pk}, CORRECTORS),
    ("brokers:service_withdraw", "other"): (
        lambda w: {"pk": w["other_service"].pk},
        COORDINATOR,
        OTHER_DISTRICT,
    ),
    ("brokers:call_list", ""): (lambda w: {}, GRANT_READERS),
    ("brokers:call_create", ""): (lambda w: {}, COORDINATOR),
    ("brokers:call_detail", ""): (lambda w: {"pk": w["call"].pk}, GRANT_READERS),
    ("brokers:call_edit", ""): (lambda w: {"pk": w["draft_call"].pk}, COORDINATOR),
    ("brokers:call_stage", ""): (
        lambda w: {"pk": w["draft_call"].pk, "name": "publish"},
        COORDINATOR,
    ),
    ("brokers:call_evaluators", ""): (lambda w: {"pk": w["call"].pk}, COORDINATOR),
    ("brokers:evaluation", ""): (lambda w: {"pk": w["call"].pk}, GRANT_READERS),
    # Everyone's totals and the money are not for evaluators.
    ("brokers:ranking", ""): (lambda w: {"pk": w["call"].pk}, GRANT_READERS - {Role.EVALUATOR}),
    ("brokers:agreements", ""): (
        lambda w: {"pk": w["call"].pk},
        GRANT_READERS - {Role.EVALUATOR},
    ),
    ("brokers:paper_application", ""): (lambda w: {"pk": w["call"].pk}, COORDINATOR),
    ("brokers:application_review", ""): (
        lambda w: {"pk": w["submitted_application"].pk},
        GRANT_READERS,
    ),
    ("calls:call_list", ""): (lambda w: {}, PUBLIC),
    ("calls:call_detail", ""): (lambda w: {"reference": w["call"].reference}, PUBLIC),
    ("calls:register", ""): (lambda w: {}, PUBLIC),
    ("calls:apply", ""): (lambda w: {"reference": w["call"].reference}, APPLICANT),
    ("calls:resolution", ""): (lambda w: {"reference": w["resolved_call"].reference}, PUBLIC),
    ("calls:my_applications", ""): (lambda w: {}, APPLICANT),
    ("calls:application_detail", ""): (
        lambda w: {"pk": w["submitted_application"].pk},
        *APPLICATION_READERS,
    ),
    ("calls:application_edit", ""): (lambda w: {"pk": w["application"].pk}, APPLICANT),
    ("calls:application_submit", ""): (lambda w: {"pk": w["application"].pk}, APPLICANT),
    ("calls:application_cv", ""): (
        lambda w: {"pk": w["submitted_application"].pk},
        *APPLICATION_READERS,
    ),
    ("calls:application_document", ""): (
        lambda w: {"pk": w["submitted_application"].pk, "document_pk": w["document"].pk},
        *APPLICATION_READERS,
    ),
    # Another district's open need is the network's to read, not to change; its
    # closed need answers 404 to the broker (tests/brokers/network/test_need_detail.py).
    ("brokers:need_list", ""): (lambda w: {}, NETWORK),
    ("brokers:need_create", ""): (lambda w: {}, MATCHERS),
    ("brokers:need_detail", "own"): (lambda w: {"pk": w["own_need"].pk}, NETWORK),
    ("brokers:need_detail", "other"): (lambda w: {"pk": w["other_need"].pk}, NETWORK),
    ("brokers:need_edit", "own"): (lambda w: {"pk": w["own_need"].pk}, MATCHERS),
    ("brokers:need_edit", "other"): (lambda w: {"pk": w["other_need"].pk}, COORDINATOR),
    ("brokers:match_result", ""): (lambda w: {"pk": w["match"].pk}, MATCHERS),
    ("brokers:offer_list", ""): (lambda w: {}, NETWORK),
    ("brokers:offer_create", ""): (lambda w: {}, MATCHERS),
    ("brokers:offer_detail", ""): (lambda w: {"pk": w["offer"].pk}, NETWORK),
    # The coordinator added the world's offer: the broker may not change it.
    ("brokers:offer_edit", ""): (lambda w: {"pk": w["offer"].pk}, COORDINATOR),
    # Indicators, targets, evaluations and the dashboard
    # (tests/monitoring/test_evaluation_*.py, test_targets*.py, test_dashboard*.py).
    ("monitoring:dashboard", ""): (lambda w: {}, MONITORING_READERS),
    ("monitoring:indicator_list", ""): (lambda w: {}, MONITORING_READERS),
    ("monitoring:indicator_create", ""): (lambda w: {}, OFFICE),
    ("monitoring:indicator_detail", ""): (
        lambda w: {"pk": w["manual_indicator"].pk},
        MONITORING_READERS,
    ),
    ("monitoring:indicator_edit", ""): (lambda w: {"pk": w["manual_indicator"].pk}, OFFICE),
    ("monitoring:targets", ""): (lambda w: {"pk": w["evaluated_programme"].pk}, OFFICE),
    ("monitoring:evaluation_list", ""): (lambda w: {}, MONITORING_READERS),
    ("monitoring:evaluation_create", ""): (lambda w: {}, OFFICE),
    ("monitoring:evaluation_detail", "draft"): (
        lambda w: {"pk": w["draft_evaluation"].pk},
        MONITORING_READERS,
    ),
    ("monitoring:evaluation_detail", "approved"): (
        lambda w: {"pk": w["approved_evaluation"].pk},
        MONITORING_READERS,
    ),
    ("monitoring:indicator_value_edit", ""): (
        lambda w: {"pk": w["manual_value"].pk},
        EVALUATORS_OF_MEASURES,
    ),
    ("monitoring:evaluation_findings", ""): (
        lambda w: {"pk": w["draft_evaluation"].pk},
        EVALUATORS_OF_MEASURES,
    ),
    ("monitoring:corrective_measure_create", ""): (
        lambda w: {"pk": w["draft_evaluation"].pk},
        EVALUATORS_OF_MEASURES,
    ),
    ("monitoring:corrective_measure_edit", ""): (
        lambda w: {"pk": w["draft_corrective_measure"].pk},
        EVALUATORS_OF_MEASURES,
    ),
    ("monitoring:corrective_follow_up", ""): (
        lambda w: {
            "pk": w["draft_evaluation"].pk,
            "measure_pk": w["approved_corrective_measure"].pk,
        },
        EVALUATORS_OF_MEASURES,
    ),
    ("monitoring:evaluation_transition", "submit"): (
        lambda w: {"pk": w["draft_evaluation"].pk, "name": "submit"},
        OFFICE,
    ),
    ("monitoring:evaluation_transition", "approve"): (
        lambda w: {"pk": w["submitted_evaluation"].pk, "name": "approve"},
        {Role.GOVERNMENT_OFFICIAL},
    ),
    ("monitoring:evaluation_transition", "return"): (
        lambda w: {"pk": w["submitted_evaluation"].pk, "name": "return"},
        {Role.GOVERNMENT_OFFICIAL},
    ),
    # Evaluation reports (tests/monitoring/test_report_*.py); requesting and
    # retrying one are POST-only.
    ("monitoring:report_list", ""): (lambda w: {}, MONITORING_READERS),
    ("monitoring:report_status", ""): (
        lambda w: {"pk": w["evaluation_report"].pk},
        MONITORING_READERS,
    ),
    ("monitoring:report_download", ""): (
        lambda w: {"pk": w["evaluation_report"].pk},
        MONITORING_READERS,
    ),
    # The region's and the Office's names and emblem on the reports' covers
    # (tests/monitoring/test_identity_views.py).
    ("monitoring:report_identity", ""): (lambda w: {}, OFFICE),
}
# POST-only endpoints, each tested in its own module.
POST_ONLY = {
    "logout",
    "set_language",
    "clusters:contact_export",
    "monitoring:evaluation_snapshot",
    "monitoring:report_request",
    "monitoring:report_retry",
    # The coordinator's actions on a call's agreements and an evaluator's steps
    # on an application (tests/brokers/call/test_agreement_actions.py and
    # test_review_steps.py).
    "brokers:agreement_sign",
    "brokers:broker_appoint",
    "brokers:payment_record",
    "brokers:interest_declare",
    "brokers:eligibility_check",
    "brokers:scores_submit",
    "brokers:service_follow_up_done",
    "brokers:need_match",
    "brokers:need_close",
    "brokers:need_reopen",
}


def _named_urls(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":  # Django's own, superusers only
                continue
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_an_entry():
    assert set(_named_urls()) == {name for name, _variant in ACCESS} | POST_ONLY


@pytest.fixture
def world(people):
    """Objects of the cluster the cluster manager manages, and of another one."""
    manager = people[Role.CLUSTER_MANAGER]
    objects = {}
    pdf = b"%PDF-1.7\n%access matrix\n"
    for side, cluster in (
        (
            "own",
            ClusterFactory(
                cluster_manager=manager, strategy_document=ContentFile(pdf, name="s.pdf")
            ),
        ),
        ("other", ClusterFactory()),
    ):
        project = ProjectFactory(clusters=[cluster])
        objects[side] = cluster
        objects[f"{side}_project"] = project
        objects[f"{side}_membership"] = MembershipFactory(cluster=cluster)
        objects[f"{side}_partner"] = MembershipFactory(
            cluster=cluster,
            kind="provisional",
            project=project,
            fee_status="exempt",
            agreement_document=ContentFile(pdf, name="agreement.pdf"),
        )
        objects[f"{side}_activity"] = ActivityFactory(cluster=cluster)
        objects[f"{side}_import"] = MemberImport.objects.create(
            cluster=cluster,
            uploaded_by=people[Role.OFFICE_STAFF],
            file=ContentFile(b"legal_name,type,start_date\n", name="members.csv"),
        )
    objects["contact"] = objects["own_membership"].organisation.contacts.create(
        name="Lucía Pérez", email="lucia@example.org"
    )
    programme_world = _programme_world(people, objects["own"], pdf)
    grant_world = _grant_world(people, pdf)
    network_world = _network_world(people)
    monitoring_world = _monitoring_world(people)
    # One name for one object: a collision would test one world's URL with
    # another world's object (and pass or fail by chance of matching ids).
    names = [
        set(objects),
        set(programme_world),
        set(grant_world),
        set(network_world),
        set(monitoring_world),
    ]
    assert sum(map(len, names)) == len(set().union(*names))
    return {**objects, **programme_world, **grant_world, **network_world, **monitoring_world}


def _monitoring_world(people):
    """An evaluated programme: 2024's evaluation approved with a corrective
    measure, 2025's a draft (with a manual value and a corrective measure) that
    follows it up, 2026's submitted; and an indicator entered by hand."""
    from django.utils import timezone

    from monitoring.models import (
        CorrectiveMeasure,
        Evaluation,
        EvaluationReport,
        EvaluationStatus,
        Indicator,
        IndicatorValue,
        ReportStatus,
    )

    office = people[Role.OFFICE_STAFF]
    programme = Programme.objects.create(
        title="Evaluado", start_year=2024, objectives="…", status=ProgrammeStatus.ACTIVE
    )
    indicator = Indicator.objects.create(
        code="access_manual",
        name="Satisfacción",
        definition="…",
        unit="%",
        measure=Measure.CLUSTER_OFFICE,
    )
    evaluations = {
        name: Evaluation.objects.create(
            programme=programme, year=year, status=status, created_by=office
        )
        for name, year, status in (
            ("approved_evaluation", 2024, EvaluationStatus.APPROVED),
            ("draft_evaluation", 2025, EvaluationStatus.DRAFT),
            ("submitted_evaluation", 2026, EvaluationStatus.SUBMITTED),
        )
    }
    measures = {}
    for name, evaluation in (
        ("approved_corrective_measure", evaluations["approved_evaluation"]),
        ("draft_corrective_measure", evaluations["draft_evaluation"]),
    ):
        IndicatorValue.objects.create(evaluation=evaluation, indicator=indicator, target=80)
        measures[name] = CorrectiveMeasure.objects.create(
            evaluation=evaluation,
            indicator=indicator,
            description="Encuesta",
            owner="Oficina",
            deadline=date(evaluation.year + 1, 6, 30),
        )
    evaluation_report = EvaluationReport.objects.create(
        evaluation=evaluations["approved_evaluation"],
        language="es",
        version=1,
        status=ReportStatus.DONE,
        snapshot_taken_at=timezone.now(),
        file=ContentFile(b"%PDF-1.7\n%access matrix\n", name="evaluation-2024-es-v1.pdf"),
        checksum="0" * 64,
        size=24,
        pages=1,
    )
    return {
        "evaluated_programme": programme,
        "manual_indicator": indicator,
        "evaluation_report": evaluation_report,
        "manual_value": IndicatorValue.objects.get(
            evaluation=evaluations["draft_evaluation"], indicator=indicator
        ),
        **evaluations,
        **measures,
    }


def _network_world(people):
    """District services, needs, an offer, a match and a meeting: "own_…" in
    the broker's district (Besaya), "other_…" in Liébana."""
    from brokers.network.models import (
        ContactChannel,
        DistrictService,
        IndustryNeed,
        NeedOfferMatch,
        NeedStatus,
        NetworkMeeting,
        ServiceType,
        TechnologyOffer,
    )
    from districts.models import District

    broker, coordinator = people[Role.INNOVATION_BROKER], people[Role.NETWORK_COORDINATOR]
    objects = {}
    for side, district in (("own", "besaya"), ("other", "liebana")):
        district = District.objects.get(slug=district)
        service = DistrictService.objects.create(
            broker=broker if side == "own" else coordinator,
            district=district,
            date=date.today(),
            service_type=ServiceType.objects.get(code="advice"),
            channel=ContactChannel.VISIT,
            hours=2,
            created_by=broker if side == "own" else coordinator,
        )
        service.organisations.add(OrganisationFactory(district=district))
        objects[f"{side}_service"] = service
        objects[f"{side}_need"] = IndustryNeed.objects.create(
            district=district,
            organisation=OrganisationFactory(district=district),
            title="Sensorización",
            description="…",
            technology_area="ict",
            compiled_by=broker if side == "own" else coordinator,
        )
    # Another district's closed need is not the network's to share.
    objects["other_closed_need"] = IndustryNeed.objects.create(
        district=objects["other_need"].district,
        organisation=objects["other_need"].organisation,
        title="Cerrada",
        description="…",
        technology_area="ict",
        status=NeedStatus.CLOSED,
        compiled_by=coordinator,
    )
    objects["offer"] = TechnologyOffer.objects.create(
        provider=OrganisationFactory(helix_type="university", size_class=""),
        title="Visión artificial",
        description="…",
        technology_area="ict",
        created_by=coordinator,
    )
    objects["match"] = NeedOfferMatch.objects.create(
        need=objects["own_need"], offer=objects["offer"], matched_by=coordinator
    )
    objects["network_meeting"] = NetworkMeeting.objects.create(
        date=date.today() - timedelta(days=10), agenda="…", created_by=coordinator
    )
    return objects


def _grant_world(people, pdf):
    """A draft call and an open call whose draft application belongs to the
    applicant's organisation; the demo evaluator is assigned to the open call."""
    from django.utils import timezone

    from brokers.call import services
    from brokers.call.models import Application, EligibilityCriterion, GrantCall, GrantCallStatus
    from districts.models import District

    coordinator = people[Role.NETWORK_COORDINATOR]
    now = timezone.now()
    calls = {}
    for name, reference in (("draft_call", "CINB-B"), ("call", "CINB-A")):
        call = services.create_call(
            call=GrantCall(
                reference=reference,
                title=reference,
                purpose="…",
                expected_services="…",
                opens_at=now - timedelta(days=1),
                closes_at=now + timedelta(days=30),
                total_budget=42000,
            ),
            by=coordinator,
        )
        call.districts.set(District.objects.filter(slug__in=["besaya", "liebana"]))
        EligibilityCriterion.objects.create(call=call, text="Sede en la comarca")
        calls[name] = call
    services.advance(call=calls["call"], stage=services.STAGES["publish"], by=coordinator)
    calls["call"].refresh_from_db()
    calls["call"].evaluators.add(people[Role.EVALUATOR])
    applicant = people[Role.APPLICANT]
    applicant.organisation = OrganisationFactory()
    applicant.save()
    applications = {}
    for name, district in (("application", "besaya"), ("submitted_application", "liebana")):
        applications[name] = services.save_application(
            application=Application(
                call=calls["call"],
                district=District.objects.get(slug=district),
                organisation=applicant.organisation,
                created_by=applicant,
                broker_name="Lucía",
                requested_monthly_amount=3500,
                work_plan="…",
                broker_cv=ContentFile(pdf, name="cv.pdf"),
            ),
            statements=dict.fromkeys(calls["call"].evaluation_criteria.all(), "…"),
        )
    # Evaluators see submitted applications only; the draft is the applicant's.
    services.submit_application(application=applications["submitted_application"])
    document = applications["submitted_application"].documents.create(
        title="Estatutos", file=ContentFile(pdf, name="e.pdf")
    )
    resolved = GrantCall.objects.create(
        reference="CINB-R",
        title="Resuelta",
        purpose="…",
        expected_services="…",
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=60),
        total_budget=42000,
        status=GrantCallStatus.RESOLVED,
        resolution_document=ContentFile(pdf, name="resolution.pdf"),
    )
    return {**calls, **applications, "document": document, "resolved_call": resolved}


def _programme_world(people, cluster, pdf):
    """A draft, a submitted and an active programme, with spending, a requested
    reallocation, an action, a body and a meeting."""
    office = people[Role.OFFICE_STAFF]
    draft, submitted, programme = (
        Programme.objects.create(title=title, start_year=2024, objectives="…", status=status)
        for title, status in (
            ("Borrador", ProgrammeStatus.DRAFT),
            ("Presentado", ProgrammeStatus.SUBMITTED),
            ("En marcha", ProgrammeStatus.ACTIVE),
        )
    )
    programme.clusters.set([cluster])
    lines = [
        BudgetLine.objects.create(programme=programme, year=2025, category=category, amount=1000)
        for category in ("travel", "training")
    ]
    ClusterResult.objects.create(programme=programme, cluster=cluster, year=2025, result="strategy")
    body = Body.objects.create(kind=BodyKind.MANAGING_BOARD, name="Managing Board")
    return {
        "draft": draft,
        "submitted": submitted,
        "programme": programme,
        "reallocation": Reallocation.objects.create(
            programme=programme,
            from_line=lines[0],
            to_line=lines[1],
            amount=100,
            reason="…",
            requested_by=office,
        ),
        "expenditure": Expenditure.objects.create(
            programme=programme,
            date=date(2025, 3, 1),
            category="travel",
            amount=50,
            supplier="Viajes S.L.",
            description="Billetes",
            recorded_by=office,
            document=ContentFile(pdf, name="invoice.pdf"),
        ),
        "action": Action.objects.create(
            measure=Measure.CLUSTER_OFFICE,
            title="Plan",
            planned_start=date(2025, 1, 1),
            planned_end=date(2025, 6, 1),
            owner="Office",
        ),
        "body": body,
        "meeting": Meeting.objects.create(
            body=body, date=date(2025, 2, 1), attendees="A", agenda="B"
        ),
    }


def _expected(key, role):
    _kwargs, allowed, *refused = ACCESS[key]
    if allowed == PUBLIC:
        # The login and registration pages send people who are logged in on.
        return 302 if (key[0] in ("login", "calls:register") and role) else 200
    if role is None:
        return 302  # to the login page
    if role in allowed:
        return 200
    refusal = refused[0] if refused else 403
    if isinstance(refusal, dict):  # a code per role; 403 for the roles it does not name
        return refusal.get(role, 403)
    return refusal


# One world per URL, every role against it: building the world is the slow part.
@pytest.mark.parametrize(
    "key",
    list(ACCESS),
    ids=[f"{name}{'-' + variant if variant else ''}" for name, variant in ACCESS],
)
def test_access(client, people, world, key):
    url = reverse(key[0], kwargs=ACCESS[key][0](world))
    wrong = []
    for role in [*Role, None]:
        client.cookies.clear()  # a fresh session, without logging out through the views
        if role is not None:
            client.force_login(people[role])
        response = client.get(url)
        expected = _expected(key, role)
        if response.status_code != expected:
            wrong.append(f"{role or 'anonymous'}: {response.status_code}, expected {expected}")
        elif role is None and ACCESS[key][1] != PUBLIC:
            assert response["Location"].startswith(reverse("login"))
    assert not wrong, f"{url}: " + "; ".join(wrong)


def test_admin_is_for_superusers_only(client, people):
    client.force_login(people[Role.OFFICE_STAFF])
    assert client.get("/admin/").status_code == 302
    people[Role.OFFICE_STAFF].is_staff = people[Role.OFFICE_STAFF].is_superuser = True
    people[Role.OFFICE_STAFF].save()
    assert client.get("/admin/").status_code == 200
