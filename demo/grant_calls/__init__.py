"""Demo grant calls of the Network of Innovation Brokers (strategy, section 4.2).

Written, as the whole demo, as if seeded in 2026 and moved whole to the year of seeding
Y by demo.timeline: below, 2024 reads Y - 2, 2025 Y - 1 and 2026 Y.

One resolved call, CINB-2024, for the 10 districts: published in September 2024, closed
on 31 October, evaluated in November and resolved in December. 19 applications from
chambers of commerce, local action groups for rural development, business associations,
town councils and the directorate itself (DGIDTEI), each submitted by the
organisation's representative; eligibility checked (one application ineligible: its
broker is already publicly funded for the same work), a conflict of interest declared
by one evaluator, scores from three evaluators, one host organisation selected per
district (in Trasmiera the second-ranked, with the reason), 10 grant agreements at
EUR 3,500 a month for 24 months from 1 January 2025, the whole of Y - 1 and of Y
(EUR 840,000, the call's budget: EUR 420,000 a year), a broker account per district
(`broker` is Besaya's) and the monthly payments up to the day of seeding. Besides, an
open call for 2027 and 2028 in the three districts whose host organisations leave when
their agreements end, where the demo user `applicant` has a draft application, and the
draft of the next general call, for 2029 and 2030.

Every step goes through brokers.call.services, as a person would in the portal: the resolved
call is run while it is open and then dated when it happened, so its transitions,
dates and audit trail read as they would have. Everything derives from a fixed random
seed. Idempotent: once the resolved call exists, whatever the year it was seeded in,
the whole part is skipped.
"""

import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from brokers.call.models import Eligibility, GrantCall, Payment, PaymentStatus
from demo.grant_calls.applicants import (
    applicant_organisations,
    create_evaluators,
    create_representatives,
)
from demo.grant_calls.calls import (
    draft_call,
    open_call,
    pay_agreements,
    reference,
    resolved_call,
    sign_agreements,
)
from demo.grant_calls.data import DRAFT_REFERENCE, DURATION_MONTHS, OPEN_REFERENCE, SEED, SEEDED
from demo.people import DEMO_PASSWORD

# --- all together ---------------------------------------------------------------------


@transaction.atomic
def seed_grant_calls(stdout):
    """Create the demo grant calls and everything around them unless they already exist."""
    if GrantCall.objects.filter(reference__regex=SEEDED).exists():
        stdout.write("  grant calls: already seeded, left as they are")
        return
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=["coordinator", "evaluator", "broker", "applicant"]
        )
    }
    if len(people) < 4:
        stdout.write("  grant calls: skipped, the demo people are missing")
        return
    today, now = timezone.localdate(), timezone.now()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    password = make_password(DEMO_PASSWORD)  # hashed once: the same for every demo account
    coordinator = people["coordinator"]
    organisations = applicant_organisations(random.Random(SEED + 1))  # noqa: S311
    people["representatives"] = create_representatives(
        organisations, people["applicant"], coordinator
    )
    evaluators = [people["evaluator"], *create_evaluators(password, coordinator)]

    call, applications, selections, conflicts = resolved_call(
        rng, people, organisations, evaluators, now
    )
    agreements = sign_agreements(call, selections, coordinator, people["broker"], password)
    payments = pay_agreements(agreements, coordinator, today)
    open_call(people, evaluators, today, rng)
    draft_call(coordinator, today)

    ineligible = sum(1 for a in applications.values() if a.eligibility == Eligibility.INELIGIBLE)
    paid = Payment.objects.filter(agreement__call=call, status=PaymentStatus.PAID).count()
    committed = sum(a.total for a in agreements)
    stdout.write(
        f"  grant calls: 3 calls ({call.reference} resolved, {reference(OPEN_REFERENCE)} open, "
        f"{reference(DRAFT_REFERENCE)} draft); {len(applications)} applications to "
        f"{call.reference} ({len(applications) - ineligible} eligible, {ineligible} "
        f"ineligible), {conflicts} conflict of interest, {len(selections)} selections, "
        f"{len(agreements)} agreements from {agreements[0].start_date} to "
        f"{agreements[0].end_date} committing EUR {committed:,.0f} (EUR "
        f"{committed * 12 / DURATION_MONTHS:,.0f} a year), {payments} payments ({paid} paid); "
        f"broker accounts broker and broker_<district>, evaluators evaluator2 and evaluator3"
    )
