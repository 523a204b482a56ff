"""The steps of a call as people take them in the portal: created, advanced,
applied to, checked, reviewed and resolved."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import F, OuterRef, Subquery

from brokers.call.models import (
    Application,
    Eligibility,
    EligibilityCheck,
    EligibilityCriterion,
    GrantCall,
    GrantCallTransition,
    Review,
    Selection,
)
from brokers.call.services import (
    STAGES,
    advance,
    check_eligibility,
    create_call,
    declare_interest,
    ranking,
    save_application,
    select,
    submit_application,
    submit_scores,
)
from demo.common import acting, at, workday
from demo.grant_calls.applicants import statements_of, work_plan_of
from demo.grant_calls.data import (
    APPLICATIONS,
    CONFLICT,
    ELIGIBILITY_CRITERIA,
    EVALUATORS,
    INELIGIBLE,
    INELIGIBLE_NOTE,
    LOW_SCORE_COMMENTS,
    PROFILES,
    SELECTED,
    STRENGTHS,
    TRASMIERA_REASON,
)
from demo.timeline import moved, on
from districts.models import District

# --- who did it, and when -------------------------------------------------------------


def _copy_to_history(model, history, field):
    """Give the history rows the value a field has now in their record (set by .update())."""
    live = model.objects.filter(pk=OuterRef("id")).values(field)[:1]
    history.update(**{field: Subquery(live)})


# --- the resolved call ----------------------------------------------------------------


def new_call(coordinator, when, districts, **fields):
    with acting(coordinator, when, dated=(GrantCall,)):
        call = create_call(call=GrantCall(**fields), by=coordinator)
        call.districts.set(districts)
        EligibilityCriterion.objects.bulk_create(
            EligibilityCriterion(call=call, text=text, position=position)
            for position, text in enumerate(ELIGIBILITY_CRITERIA)
        )
    return call


def advance_call(call, stage, by, when, comment=""):
    with acting(by, when, dated=(GrantCall,)):
        record = advance(call=call, stage=STAGES[stage], by=by, comment=comment)
    GrantCallTransition.objects.filter(pk=record.pk).update(at=when)
    call.refresh_from_db()
    return record


def apply_to(call, rng, organisations, kinds, representatives, broker_user):
    """Save and submit every application while the call is open; return them by
    (district slug, organisation key)."""
    districts = {d.slug: d for d in District.objects.all()}
    criteria = list(call.evaluation_criteria.all())
    applications = {}
    for row in sorted(APPLICATIONS, key=lambda row: row[-1]):
        district_slug, key, person, degree, years, quality, amount, submitted = row
        district = districts[district_slug]
        broker = broker_user.get_full_name() if person is None else " ".join(person)
        submitted_at = at(on(*submitted[:3]), *submitted[3:])
        saved_on = on(*submitted[:3]) - timedelta(days=rng.randint(2, 9))
        while saved_on.weekday() >= 5:  # drafted on a working day before submitting
            saved_on -= timedelta(days=1)
        saved_at = at(saved_on, rng.randint(9, 18), rng.choice([0, 10, 25, 40, 55]))
        rep = representatives[key]
        with acting(rep, saved_at, dated=(Application,)):
            application = save_application(
                application=Application(
                    call=call,
                    district=district,
                    organisation=organisations[key],
                    created_by=rep,
                    broker_name=broker,
                    requested_monthly_amount=Decimal(amount),
                    work_plan=work_plan_of(district, rng),
                ),
                statements=statements_of(
                    criteria,
                    district,
                    kinds[key],
                    organisations[key],
                    broker,
                    degree,
                    years,
                    quality,
                ),
            )
        with acting(rep, submitted_at, dated=(Application,)):
            submit_application(application=application)
        Application.objects.filter(pk=application.pk).update(submitted_at=submitted_at)
        Application.history.filter(id=application.pk).exclude(submitted_at=None).update(
            submitted_at=submitted_at
        )
        application.refresh_from_db()
        applications[district_slug, key] = application
    return applications


def assess_eligibility(call, applications, evaluator, rng, evaluated_on):
    """Checked from the working day after the evaluation started; returns the last day."""
    criteria = list(call.eligibility_criteria.all())
    day = evaluated_on + timedelta(days=1)
    for (district_slug, key), application in sorted(applications.items()):
        row = next(r for r in APPLICATIONS if (r[0], r[1]) == (district_slug, key))
        degree, years = row[3], row[4]
        organisation = application.organisation
        seat = f"Sede en {organisation.municipality}"
        if organisation.district_id != application.district_id:
            seat += f"; delegación en {PROFILES[district_slug][0].split(',')[0]}"
        notes = [
            f"{seat}.",
            "Certificados de la AEAT y de la TGSS vigentes.",
            f"Titulación en {degree}; {years} años de experiencia según la vida laboral.",
            "Declaración responsable aportada.",
        ]
        results = {criterion: (True, note) for criterion, note in zip(criteria, notes, strict=True)}
        if (district_slug, key) == INELIGIBLE:
            results[criteria[3]] = (False, INELIGIBLE_NOTE)
        day = workday(day)
        checked_at = at(day, rng.randint(9, 13), rng.choice([0, 15, 30, 45]))
        with acting(evaluator, checked_at, dated=(Application,)):
            check_eligibility(application=application, results=results, by=evaluator)
        EligibilityCheck.objects.filter(application=application).update(checked_at=checked_at)
        application.refresh_from_db()
        day += timedelta(days=rng.choice([0, 1]))
    checks = EligibilityCheck.history.filter(
        application_id__in=[a.pk for a in applications.values()]
    )
    _copy_to_history(EligibilityCheck, checks, "checked_at")
    checks.update(history_date=F("checked_at"))
    return checked_at.date()


def review_applications(call, applications, evaluators, kinds, rng, checked_on):
    """Each evaluator declares and scores every eligible application once all are
    checked (the weekdays move with the year); evaluator2 has a conflict with one.
    Returns the number of conflicts."""
    criteria = list(call.evaluation_criteria.all())
    biases = [0.0] + [bias for *_names, bias in EVALUATORS]
    quality = {(row[0], row[1]): row[5] for row in APPLICATIONS}
    conflicts = 0
    for evaluator, bias, first_day in zip(
        evaluators,
        biases,
        [on(2024, 11, 17), on(2024, 11, 18), on(2024, 11, 19)],
        strict=True,
    ):
        day = max(first_day, checked_on + timedelta(days=1))
        for (district_slug, key), application in sorted(applications.items()):
            if application.eligibility != Eligibility.ELIGIBLE:
                continue
            declared_at = at(workday(day), rng.randint(9, 16), rng.choice([0, 20, 40]))
            conflict = evaluator.username == "evaluator2" and (district_slug, key) == CONFLICT
            with acting(evaluator):
                review = declare_interest(
                    application=application, evaluator=evaluator, has_conflict=conflict
                )
            if conflict:
                Review.objects.filter(pk=review.pk).update(declared_at=declared_at)
                conflicts += 1
                continue
            scores = {}
            for criterion, strength in zip(criteria, STRENGTHS[kinds[key]], strict=True):
                value = quality[district_slug, key] + strength + bias + rng.gauss(0, 0.6)
                score = max(0, min(criterion.max_score, round(value)))
                comment = LOW_SCORE_COMMENTS[criterion.position] if score * 2 < 10 else ""
                scores[criterion] = (score, comment)
            submitted_at = declared_at + timedelta(minutes=rng.randint(25, 70))
            with acting(evaluator):
                submit_scores(review=review, scores=scores)
            Review.objects.filter(pk=review.pk).update(
                declared_at=declared_at, submitted_at=submitted_at
            )
            day += timedelta(days=rng.choice([0, 0, 1]))
    # The declaration's history row is dated when declared, the scores' when submitted.
    history = Review.history.filter(application__call=call)
    _copy_to_history(Review, history, "declared_at")
    _copy_to_history(Review, history.exclude(submitted_at=None), "submitted_at")
    history.filter(submitted_at=None).update(history_date=F("declared_at"))
    history.exclude(submitted_at=None).update(history_date=F("submitted_at"))
    return conflicts


def select_hosts(call, applications, coordinator):
    ranked = ranking(call)
    selections = {}
    for district, rows in ranked.items():
        chosen = applications[district.slug, SELECTED[district.slug]]
        top = rows[0].application
        reason = ""
        if top != chosen:
            if district.slug != "trasmiera":
                raise AssertionError(f"the demo scores put another application first in {district}")
            reason = moved(TRASMIERA_REASON)
        elif district.slug == "trasmiera":
            raise AssertionError("the demo scores should put the local action group first")
        selected_at = at(workday(on(2024, 12, 10)), 10, len(selections) * 3)
        with acting(coordinator, selected_at, dated=(Selection,)):
            selection = select(application=chosen, by=coordinator, reason=reason)
        Selection.objects.filter(pk=selection.pk).update(selected_at=selected_at)
        Selection.history.filter(id=selection.pk).update(selected_at=selected_at)
        selections[district.slug] = selection
    return selections
