"""Demo monitoring: the programme's targets, the approved evaluation of the last complete
year with its report, and the evaluation of the year in progress, still a draft.

The story is written as seeded in 2026 and moved whole to the year of seeding Y by
demo.timeline (2025 below reads Y - 1, 2026 reads Y):
- A baseline and a target for every indicator in use and every year of the demo
  programme (2024-2027), set by the Office when the programme started. The baseline is
  the situation before the programme (2023; for the broker network, which did not exist
  yet, zero). The network's targets start in 2025: the grant call CINB-2024 was
  resolved in December 2024 and the brokers' agreements run from 1 January 2025.
- The evaluation of 2025 through monitoring.services, as people would in the portal:
  started by the Office on the yearly schedule's date (February 2026); the members'
  survey and the survey of the organisations the network served entered in March; the
  snapshot taken in May, findings for both measures written from the frozen values, a
  corrective measure for every off-track indicator, submitted by the Office and
  approved by the official in June, as the strategy plans its monitoring. Seeded before
  a step's date, the step happens in the minutes before seeding, in the same order, so
  the last complete year is always evaluated and approved. Every step is attributed to
  its author and dated, history included.
- Its report in Spanish, requested by the Office after the approval and rendered when
  seed_demo's transaction commits: in that process when the portal runs embedded
  (tasks run eagerly), by the workers when a broker is configured. The test suite's
  seed_demo calls, inside a transaction that is never committed, do not render it.
  English: from the evaluation's page, or generate_annual_report --language en.
- The evaluation of 2026, opened by the Office when the previous one was approved (or
  just before seeding, early in the year) and left a draft: the year's figures are
  provisional until it is over.

Idempotent: the targets are set if the programme has none; the evaluations and the
report are created if the programme has no evaluation of the last complete year.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from brokers.call.models import GrantCall
from demo.common import acting
from demo.findings import (
    network_findings,
    network_findings_en,
    office_findings,
    office_findings_en,
)
from demo.grant_calls import reference
from demo.programmes import demo_programme
from demo.timeline import moved, year
from monitoring import reports, services
from monitoring.models import (
    CorrectiveMeasure,
    CorrectiveStatus,
    Evaluation,
    EvaluationReport,
    EvaluationTransition,
    Finding,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Progress,
    ReportStatus,
)
from programmes.models import Measure

YEAR = 2025  # the last complete year of the story as written (moved: Y - 1)
LANGUAGES = ("es",)
OFFICE_STAFF, COORDINATOR, OFFICIAL = "director", "coordinator", "official"

GAP = timedelta(minutes=10)
# When it happened (Europe/Madrid), in the order it happened.
TARGETS_SET = (date(2024, 1, 15), time(10, 0))
STARTED = (date(2026, 2, 2), time(9, 30))  # the yearly schedule's date (1 February) was a Sunday
MEMBER_SURVEY = (date(2026, 3, 12), time(11, 0))
NETWORK_SURVEY = (date(2026, 3, 18), time(12, 30))
SNAPSHOT = (date(2026, 5, 18), time(9, 15))
OFFICE_FINDINGS = (date(2026, 5, 18), time(13, 0))
NETWORK_FINDINGS = (date(2026, 5, 18), time(17, 10))
MEASURES_AGREED = (date(2026, 5, 19), time(10, 0))
SUBMITTED = (date(2026, 5, 19), time(13, 30))
APPROVED = (date(2026, 6, 2), time(11, 0))
NEXT_STARTED = (date(2026, 6, 3), time(9, 0))  # the evaluation of the year in progress
TIMELINE = (
    TARGETS_SET,
    STARTED,
    MEMBER_SURVEY,
    NETWORK_SURVEY,
    SNAPSHOT,
    OFFICE_FINDINGS,
    NETWORK_FINDINGS,
    MEASURES_AGREED,
    SUBMITTED,
    APPROVED,
    NEXT_STARTED,
)

# code: (baseline, {year: target}); a year left out has no target.
TARGETS = {
    # The Cluster Promotion Office.
    "committed_members": (66, {2024: 72, 2025: 82, 2026: 92, 2027: 100}),
    "member_growth": (7, {2024: 6, 2025: 10, 2026: 10, 2027: 10}),
    "member_growth_rate": (Decimal("11.9"), {2024: 9, 2025: 12, 2026: 12, 2027: 11}),
    "sme_share": (Decimal("88.6"), {2024: 85, 2025: 85, 2026: 85, 2027: 85}),
    "provisional_converted": (0, {2024: 1, 2025: 2, 2026: 2, 2027: 3}),
    # The ICT cluster is promoted from 2026, the biotechnology one in 2027.
    "new_clusters": (0, {2024: 0, 2025: 0, 2026: 1, 2027: 1}),
    "labelled_clusters": (0, {2024: 1, 2025: 1, 2026: 2, 2027: 3}),
    "clusters_in_networks": (3, {2024: 3, 2025: 4, 2026: 4, 2027: 5}),
    "joint_projects_started": (2, {2024: 1, 2025: 2, 2026: 3, 2027: 3}),
    "joint_projects_budget": (
        2_770_000,
        {2024: 500_000, 2025: 1_000_000, 2026: 1_500_000, 2027: 1_500_000},
    ),
    # The clusters' own annual reports of 2023 (the portal records activities since).
    "activities": (10, {2024: 12, 2025: 16, 2026: 20, 2027: 24}),
    "activity_attendees": (420, {2024: 450, 2025: 600, 2026: 800, 2027: 1000}),
    "key_results_achieved": (0, {2024: 6, 2025: 14, 2026: 18, 2027: 18}),
    # The 2018 regional call to clusters and export consortia.
    "budget_execution": (80, {2024: 85, 2025: 90, 2026: 90, 2027: 95}),
    "member_satisfaction": (70, {2024: 70, 2025: 75, 2026: 78, 2027: 80}),
    # The Network of Innovation Brokers: services from 2025 on.
    "services_delivered": (0, {2024: 0, 2025: 1200, 2026: 1500, 2027: 1600}),
    "organisations_reached": (0, {2024: 0, 2025: 250, 2026: 300, 2027: 350}),
    "organisations_reached_rural": (0, {2024: 0, 2025: 120, 2026: 150, 2027: 170}),
    "rural_service_share": (None, {2025: 50, 2026: 50, 2027: 50}),
    "needs_matched": (0, {2024: 0, 2025: 15, 2026: 25, 2027: 40}),
    "matches_successful": (0, {2024: 0, 2025: 8, 2026: 15, 2027: 25}),
    "grants_paid_rate": (None, {2025: 95, 2026: 95, 2027: 95}),
    "service_user_satisfaction": (None, {2025: 75, 2026: 78, 2027: 80}),
}  # fmt: skip

# The values entered by hand: code -> (actual, evidence, who, when).
MANUAL = {
    "member_satisfaction": (
        Decimal("78.6"),
        "Encuesta anual de satisfacción de los socios 2025 (del 12 de enero al 20 de febrero "
        "de 2026), enviada a los 80 socios comprometidos de los seis clústeres: 56 respuestas, "
        "44 satisfechos o muy satisfechos (78,6 %). Informe de resultados de la Oficina, "
        "expediente SEG-2025-03.",
        OFFICE_STAFF,
        MEMBER_SURVEY,
    ),
    "service_user_satisfaction": (
        Decimal("83.3"),
        "Encuesta de satisfacción de las organizaciones atendidas por la red en 2025 (del 19 "
        "de enero al 27 de febrero de 2026), enviada por los agentes de las diez comarcas: 126 "
        "respuestas, 105 satisfechas o muy satisfechas (83,3 %). Informe de la coordinación "
        "de la red, expediente RAI-2025-02.",
        COORDINATOR,
        NETWORK_SURVEY,
    ),
}

# What the Office agrees for an off-track indicator: description, owner, deadline, status;
# the description and the owner as (Spanish, English), as the Office writes them for the
# report in either language.
BOARD = ("Consejo de Dirección de la Oficina", "Managing Board of the Office")
DIRECTOR = ("Dirección Ejecutiva de la Oficina", "Executive Director of the Office")
CORRECTIVE = {
    "provisional_converted": (
        (
            "Los gestores de clúster revisan con cada proyecto conjunto a sus socios "
            "provisionales y les presentan por escrito las condiciones de adhesión (cuota "
            "reducida el primer año); el comité ejecutivo de cada clúster decide sobre las "
            "adhesiones en su reunión trimestral.",
            "The cluster managers review each joint project's provisional members with it and "
            "put the terms of membership to them in writing (a reduced fee in the first "
            "year); each cluster's executive committee decides on the applications at its "
            "quarterly meeting.",
        ),
        (
            "Consejo de Dirección de la Oficina (gestores de clúster)",
            "Managing Board of the Office (cluster managers)",
        ),
        date(2027, 3, 31),
        CorrectiveStatus.IN_PROGRESS,
    ),
    "activities": (
        (
            "Registrar en el portal todas las actividades y servicios de los clústeres el mes "
            "en que se celebran, con sus asistentes, y aplicar el calendario común de "
            "actividades 2026 acordado con los seis clústeres; la Oficina revisa el registro "
            "cada trimestre.",
            "Record every activity and service of the clusters in the portal in the month it "
            "takes place, with its attendees, and follow the common calendar of activities "
            "2026 agreed with the six clusters; the Office reviews the records every quarter.",
        ),
        DIRECTOR,
        date(2026, 12, 31),
        CorrectiveStatus.IN_PROGRESS,
    ),
    "activity_attendees": (
        (
            "Difundir las actividades de los clústeres también a través de la red de agentes "
            "de innovación y del boletín de la Oficina, y registrar los asistentes de cada "
            "actividad en el portal (hojas de firma escaneadas como justificante).",
            "Publicise the clusters' activities through the network of innovation brokers and "
            "the Office's newsletter as well, and record the attendees of each activity in "
            "the portal (scanned signature sheets as evidence).",
        ),
        (
            "Dirección Ejecutiva de la Oficina y coordinación de la red",
            "Executive Director of the Office and the network's coordination",
        ),
        date(2027, 6, 30),
        CorrectiveStatus.PLANNED,
    ),
}
CORRECTIVE_DEFAULT = (
    (
        "Analizar con los clústeres afectados las causas de la desviación y proponer al "
        "Consejo de Dirección un plan de actuación con hitos trimestrales.",
        "Analyse the causes of the shortfall with the clusters concerned and propose an action "
        "plan with quarterly milestones to the Managing Board.",
    ),
    BOARD,
    date(2027, 3, 31),
    CorrectiveStatus.PLANNED,
)

APPROVAL_COMMENT = (
    "Aprobada. Se aceptan las medidas correctoras; la Oficina informará de su avance en la "
    "evaluación de {next}."
)


def _timeline(now):
    """{moment: when} for the moments of TIMELINE, moved to the year of seeding; a step
    whose day has not come yet happens before seeding, ten minutes before the next."""
    when, latest = {}, now
    for moment in reversed(TIMELINE):
        day, at = moment
        latest = min(timezone.make_aware(datetime.combine(moved(day), at)), latest - GAP)
        when[moment] = latest
    return when


def _cents(number):
    return None if number is None else Decimal(number).quantize(Decimal("0.01"))


# --- targets --------------------------------------------------------------------------


def _seed_targets(programme, director, when):
    indicators = {i.code: i for i in Indicator.objects.active()}
    targets = {}
    for code, (baseline, by_year) in TARGETS.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue  # taken out of use in this portal
        for written, target in by_year.items():
            if year(written) in programme.year_range:
                targets[indicator, year(written)] = (_cents(baseline), _cents(target))
    with acting(director, when[TARGETS_SET], dated=(IndicatorTarget,)):
        services.save_targets(programme=programme, targets=targets, by=director)
    return len(targets)


# --- the evaluation -------------------------------------------------------------------


def _date_values(evaluation, when, **filters):
    IndicatorValue.objects.filter(evaluation=evaluation, **filters).update(entered_at=when)


def _evaluate(programme, people, when):
    """The evaluation of YEAR as the Office made it: started, its manual values entered,
    its snapshot frozen, findings and corrective measures written, submitted and
    approved."""
    director, coordinator, official = (
        people[OFFICE_STAFF],
        people[COORDINATOR],
        people[OFFICIAL],
    )
    evaluated = year(YEAR)
    tracked = (Evaluation, IndicatorValue, Finding, CorrectiveMeasure)

    with acting(director, when[STARTED], dated=tracked):
        evaluation = services.start_evaluation(programme=programme, year=evaluated, by=director)
    Evaluation.objects.filter(pk=evaluation.pk).update(created_at=when[STARTED])
    _enter_manual_values(evaluation, people, when)
    evaluation = _freeze_snapshot(evaluation, director, when, tracked)

    values = {v.indicator.code: v for v in evaluation.values.select_related("indicator")}
    _write_findings(evaluation, values, director, coordinator, when, evaluated)
    off_track = [v for v in values.values() if v.status == Progress.OFF_TRACK]
    _agree_measures(evaluation, off_track, director, when)
    _submit_and_approve(evaluation, director, official, when, evaluated)
    evaluation.refresh_from_db()
    return evaluation, values, off_track


def _enter_manual_values(evaluation, people, when):
    """The values no computation gives, entered by whoever knows them."""
    for code, (actual, evidence, who, moment) in MANUAL.items():
        value = evaluation.values.filter(indicator__code=code).select_related("indicator").first()
        if value is None:
            continue
        with acting(people[who], when[moment], dated=(IndicatorValue,)):
            services.enter_value(
                value=value, actual=actual, evidence=moved(evidence), by=people[who]
            )
        _date_values(evaluation, when[moment], pk=value.pk)


def _freeze_snapshot(evaluation, director, when, tracked):
    """The snapshot of the data, taken when the story says."""
    with acting(director, when[SNAPSHOT], dated=tracked):
        evaluation = services.freeze_snapshot(evaluation=evaluation, by=director)
    taken_at = when[SNAPSHOT]
    sources = {**evaluation.snapshot_sources, "taken_at": taken_at.astimezone(UTC).isoformat()}
    Evaluation.objects.filter(pk=evaluation.pk).update(
        snapshot_taken_at=taken_at, snapshot_sources=sources
    )
    _date_values(evaluation, taken_at, indicator__computation__gt="")
    evaluation.refresh_from_db()
    return evaluation


def _write_findings(evaluation, values, director, coordinator, when, evaluated):
    """The Office's findings and the network coordinator's."""
    call = GrantCall.objects.get(reference=reference())
    with acting(director, when[OFFICE_FINDINGS], dated=(Finding,)):
        services.save_findings(
            evaluation=evaluation,
            texts={Measure.CLUSTER_OFFICE: office_findings(values, evaluated)},
            texts_en={Measure.CLUSTER_OFFICE: office_findings_en(values, evaluated)},
            by=director,
        )
    network = evaluation.snapshot["network"]
    with acting(coordinator, when[NETWORK_FINDINGS], dated=(Finding,)):
        services.save_findings(
            evaluation=evaluation,
            texts={Measure.BROKER_NETWORK: network_findings(call, values, network, evaluated)},
            texts_en={
                Measure.BROKER_NETWORK: network_findings_en(call, values, network, evaluated)
            },
            by=coordinator,
        )


def _agree_measures(evaluation, off_track, director, when):
    """A corrective measure for each indicator off track."""
    with acting(director, when[MEASURES_AGREED], dated=(CorrectiveMeasure,)):
        for value in sorted(off_track, key=lambda v: (v.indicator.measure, v.indicator.position)):
            (description, description_en), (owner, owner_en), deadline, status = moved(
                CORRECTIVE.get(value.indicator.code, CORRECTIVE_DEFAULT)
            )
            services.save_corrective_measure(
                measure=CorrectiveMeasure(
                    evaluation=evaluation,
                    indicator=value.indicator,
                    description=description,
                    description_en=description_en,
                    owner=owner,
                    owner_en=owner_en,
                    deadline=deadline,
                    status=status,
                ),
                by=director,
            )


def _submit_and_approve(evaluation, director, official, when, evaluated):
    for name, who, moment, comment in (
        ("submit", director, SUBMITTED, ""),
        ("approve", official, APPROVED, APPROVAL_COMMENT.format(next=evaluated + 1)),
    ):
        with acting(who, when[moment], dated=(Evaluation,)):
            record = services.change_status(
                evaluation=evaluation,
                transition=services.TRANSITIONS[name],
                by=who,
                comment=comment,
            )
        EvaluationTransition.objects.filter(pk=record.pk).update(at=when[moment])


def _start_next(programme, director, when):
    """The evaluation of the year in progress, a draft while the year runs."""
    with acting(director, when[NEXT_STARTED], dated=(Evaluation, IndicatorValue)):
        evaluation = services.start_evaluation(
            programme=programme, year=year(YEAR) + 1, by=director
        )
    Evaluation.objects.filter(pk=evaluation.pk).update(created_at=when[NEXT_STARTED])
    return evaluation


def _request_reports(evaluation, director, stdout):
    """The report, requested by the Office once the evaluation is approved. It is
    rendered when seed_demo's transaction commits: in this process when the portal runs
    embedded (no broker; a render thread would die with the command), else by the
    workers; a line then says how it went."""
    embedded = settings.CELERY_TASK_ALWAYS_EAGER
    jobs = [
        reports.request_report(
            evaluation=evaluation, language=language, by=director, enqueue=not embedded
        )
        for language in LANGUAGES
    ]
    for job in jobs if embedded else ():
        transaction.on_commit(partial(reports.run_report, job.pk))
    transaction.on_commit(partial(_report_outcome, [job.pk for job in jobs], stdout))
    return jobs


def _report_outcome(pks, stdout):
    for job in EvaluationReport.objects.filter(pk__in=pks).select_related("evaluation"):
        evaluated = job.evaluation.year
        if job.status == ReportStatus.DONE:
            stdout.write(
                f"  monitoring: report {evaluated} ({job.language}) generated, {job.pages} pages, "
                f"{job.size / 1024:.0f} KiB: {reports.stored_path(job)}"
            )
        elif job.status == ReportStatus.FAILED:
            stdout.write(
                f"  monitoring: report {evaluated} ({job.language}) failed ({job.error}); "
                "generate it again from the evaluation's page"
            )
        else:
            stdout.write(
                f"  monitoring: report {evaluated} ({job.language}) queued for the workers"
            )


def seed_monitoring(stdout):
    """Set the demo programme's targets, create its approved evaluation of the last
    complete year with its report and the draft evaluation of the year in progress,
    unless they are there."""
    programme = demo_programme()
    people = {
        u.username: u
        for u in User.objects.filter(username__in=[OFFICE_STAFF, COORDINATOR, OFFICIAL])
    }
    if (
        programme is None
        or len(people) < 3
        or not GrantCall.objects.filter(reference=reference()).exists()
    ):
        stdout.write("  monitoring: skipped, the demo programme, people or grant call are missing")
        return
    when = _timeline(timezone.now())
    evaluated = year(YEAR)
    if IndicatorTarget.objects.filter(programme=programme).exists():
        targets = None
    else:
        targets = _seed_targets(programme, people[OFFICE_STAFF], when)
    done = Evaluation.objects.filter(programme=programme).order_by("year").first()
    if done is not None:  # seeded before, maybe in an earlier year
        stdout.write(
            "  monitoring: "
            + ("" if targets is None else f"{targets} targets set; ")
            + f"the evaluation of {done.year} is already there, left as it is"
        )
        return
    evaluation, values, off_track = _evaluate(programme, people, when)
    statuses = {s: sum(1 for v in values.values() if v.status == s) for s in Progress}
    _request_reports(evaluation, people[OFFICE_STAFF], stdout)
    draft = _start_next(programme, people[OFFICE_STAFF], when)
    stdout.write(
        "  monitoring: "
        + ("" if targets is None else f"{targets} targets for {len(TARGETS)} indicators; ")
        + f"evaluation {evaluated} approved with {len(values)} indicators "
        f"({statuses[Progress.ON_TRACK]} on track, {statuses[Progress.AT_RISK]} at risk, "
        f"{statuses[Progress.OFF_TRACK]} off track, {statuses[Progress.NO_TARGET]} without "
        f"target), {len(off_track)} corrective measures; its report requested in "
        + ", ".join(LANGUAGES)
        + f"; evaluation {draft.year} started, a draft"
    )
