"""The three demo calls: the resolved one with its agreements and payments, the
open one and the draft."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from brokers.call.models import Application, GrantAgreement, GrantCall, Payment
from brokers.call.services import record_payment, save_application, sign_agreement
from demo.common import acting, at, first_of_next_month, workday
from demo.grant_calls.applicants import create_user, statements_of, work_plan_of
from demo.grant_calls.data import (
    AGREEMENTS_START,
    APPLICANT_ORGANISATION,
    APPLICATIONS,
    DRAFT_PURPOSE,
    DRAFT_REFERENCE,
    DURATION_MONTHS,
    EXPECTED_SERVICES,
    MONTHLY,
    OPEN_DISTRICTS,
    OPEN_PURPOSE,
    OPEN_REFERENCE,
    ORGANISATIONS,
    PURPOSE,
    REFERENCE,
    SELECTED,
)
from demo.grant_calls.steps import (
    advance_call,
    apply_to,
    assess_eligibility,
    new_call,
    review_applications,
    select_hosts,
)
from demo.timeline import moved, on
from districts.models import District


def reference(written=REFERENCE):
    """The reference of a demo call (the resolved one unless told), moved to the year
    of seeding."""
    return moved(written)


def sign_agreements(call, selections, coordinator, besaya_broker, password):
    taken = set(User.objects.values_list("username", flat=True))
    start = moved(AGREEMENTS_START)
    agreements = []
    for n, (slug, selection) in enumerate(sorted(selections.items())):
        signed_at = at(workday(on(2024, 12, 15) + timedelta(days=n // 2)), 11 + n % 2 * 2)
        if slug == "besaya":
            broker = besaya_broker
        else:
            username = f"broker_{slug.replace('-', '_')}"
            if username in taken:
                raise AssertionError(f"{username} already exists")
            first, last = next(r[2] for r in APPLICATIONS if (r[0], r[1]) == (slug, SELECTED[slug]))
            with acting(coordinator, signed_at, dated=(User,)):
                broker = create_user(
                    username,
                    first,
                    last,
                    Role.INNOVATION_BROKER,
                    password,
                    signed_at,
                    district=selection.district,
                )
        with acting(coordinator, signed_at, dated=(GrantAgreement,)):
            agreement = sign_agreement(
                selection=selection, start_date=start, by=coordinator, broker=broker
            )
        GrantAgreement.objects.filter(pk=agreement.pk).update(signed_at=signed_at)
        GrantAgreement.history.filter(id=agreement.pk).update(signed_at=signed_at)
        agreements.append(agreement)
    return agreements


def pay_agreements(agreements, coordinator, today):
    """Paid around the 10th of the following month for every month before this one;
    this month's pending."""
    count = 0
    month = agreements[0].start_date
    this_month = today.replace(day=1)
    while month <= this_month and month <= agreements[0].end_date:
        paid_on = min(workday(first_of_next_month(month).replace(day=10)), today)
        when = at(paid_on, 12) if month < this_month else timezone.now()
        with acting(coordinator, when, dated=(Payment,)):
            for agreement in agreements:
                record_payment(
                    agreement=agreement,
                    month=month,
                    paid_on=paid_on if month < this_month else None,
                )
                count += 1
        month = first_of_next_month(month)
    return count


def resolved_call(rng, people, organisations, evaluators, now):
    coordinator = people["coordinator"]
    kinds = {key: kind for key, _name, kind, _rep in ORGANISATIONS}
    # Run while open (the services refuse applications otherwise), then dated in 2024.
    # The steps of the office fall on working days, which move with the year.
    call = new_call(
        coordinator,
        at(on(2024, 9, 1), 11),
        District.objects.all(),
        reference=reference(),
        title=moved("Convocatoria de agentes de innovación 2025-2026"),
        purpose=moved(PURPOSE),
        expected_services=EXPECTED_SERVICES,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
        total_budget=Decimal("840000"),
        max_monthly_grant=MONTHLY,
        duration_months=DURATION_MONTHS,
    )
    call.evaluators.set(evaluators)
    advance_call(
        call,
        "publish",
        coordinator,
        at(workday(on(2024, 9, 12)), 12),
        moved(
            "Extracto publicado en el Boletín Oficial de Cantabria: plazo del 15 de septiembre "
            "al 31 de octubre de 2024."
        ),
    )
    applications = apply_to(
        call, rng, organisations, kinds, people["representatives"], people["broker"]
    )
    opens_at, closes_at = at(on(2024, 9, 15), 9), at(on(2024, 10, 31), 14)
    GrantCall.objects.filter(pk=call.pk).update(opens_at=opens_at, closes_at=closes_at)
    GrantCall.history.filter(id=call.pk).update(opens_at=opens_at, closes_at=closes_at)
    call.refresh_from_db()
    advance_call(call, "close", None, closes_at)
    evaluated_on = workday(on(2024, 11, 4))
    advance_call(
        call,
        "evaluate",
        coordinator,
        at(evaluated_on, 9, 30),
        f"{len(applications)} solicitudes presentadas en plazo.",
    )
    checked_on = assess_eligibility(call, applications, people["evaluator"], rng, evaluated_on)
    conflicts = review_applications(call, applications, evaluators, kinds, rng, checked_on)
    selections = select_hosts(call, applications, coordinator)
    advance_call(
        call,
        "resolve",
        coordinator,
        at(workday(on(2024, 12, 12)), 13),
        moved(
            "Resolución publicada en el Boletín Oficial de Cantabria: diez entidades de acogida, "
            "una por comarca, 840.000 EUR para 2025 y 2026."
        ),
    )
    return call, applications, selections, conflicts


# --- the open call and the draft ------------------------------------------------------


def open_call(people, evaluators, today, rng):
    coordinator, applicant = people["coordinator"], people["applicant"]
    districts = District.objects.filter(slug__in=OPEN_DISTRICTS)
    call = new_call(
        coordinator,
        at(today - timedelta(days=14), 12),
        districts,
        reference=reference(OPEN_REFERENCE),
        title=moved("Convocatoria de agentes de innovación — vacantes 2027-2028"),
        purpose=moved(OPEN_PURPOSE),
        expected_services=EXPECTED_SERVICES,
        opens_at=at(today - timedelta(days=7), 9),
        closes_at=at(today + timedelta(days=42), 14),
        total_budget=Decimal("252000"),
        max_monthly_grant=MONTHLY,
        duration_months=DURATION_MONTHS,
    )
    call.evaluators.set([evaluators[0], evaluators[2]])
    advance_call(
        call,
        "publish",
        coordinator,
        at(today - timedelta(days=8), 12),
        "Extracto publicado en el Boletín Oficial de Cantabria.",
    )
    district = districts.get(slug="campoo-los-valles")
    # The association that lost in 2024 tries again with the same broker, two years on.
    _slug, _key, person, degree, years, quality, _amount, _submitted = next(
        row for row in APPLICATIONS if row[1] == APPLICANT_ORGANISATION
    )
    broker = " ".join(person)
    statements = statements_of(
        list(call.evaluation_criteria.all()),
        district,
        "association",
        applicant.organisation,
        broker,
        degree,
        years + 2,
        quality,
    )
    drafted = dict(list(statements.items())[:4])  # two requirements still to write
    with acting(applicant, at(today - timedelta(days=2), 17, 20), dated=(Application,)):
        save_application(
            application=Application(
                call=call,
                district=district,
                organisation=applicant.organisation,
                created_by=applicant,
                broker_name=broker,
                requested_monthly_amount=MONTHLY,
                work_plan=work_plan_of(district, rng),
            ),
            statements=drafted,
        )
    return call


def draft_call(coordinator, today):
    return new_call(
        coordinator,
        at(today - timedelta(days=5), 11),
        District.objects.all(),
        reference=reference(DRAFT_REFERENCE),
        title=moved("Convocatoria de agentes de innovación 2029-2030"),
        purpose=moved(DRAFT_PURPOSE),
        expected_services=EXPECTED_SERVICES,
        opens_at=at(on(2028, 9, 15), 9),
        closes_at=at(on(2028, 10, 31), 14),
        total_budget=Decimal("840000"),
        max_monthly_grant=MONTHLY,
        duration_months=DURATION_MONTHS,
    )
