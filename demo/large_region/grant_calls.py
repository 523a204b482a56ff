"""The region's grant calls, applications, agreements and payments."""

from datetime import timedelta
from decimal import Decimal

from accounts.roles import Role
from brokers.call.models import (
    DEFAULT_EVALUATION_CRITERIA,
    Application,
    ApplicationStatus,
    Eligibility,
    EligibilityCriterion,
    EvaluationCriterion,
    GrantAgreement,
    GrantCall,
    GrantCallStatus,
    GrantCallTransition,
    Payment,
    PaymentStatus,
    Selection,
)
from demo.common import at
from demo.large_region.base import months_from, save_all
from demo.large_region.data import CALLS, LAST_DAY, PREFIX


class GrantCalls:
    """The LargeRegion's grant calls."""

    def grant_calls(self):
        total = self.n["applications"]
        shares = [round(total * share) for *_rest, share in CALLS]
        shares = [max(1, n) for n in shares]
        shares[-1] = max(1, total - sum(shares[:-1]))
        plans, transitions = [], []
        for (reference, opens, closes, resolved, starts, _share), count in zip(
            CALLS, shares, strict=True
        ):
            call = self.resolved_call(reference, opens, closes, starts)
            transitions += self.call_transitions(call, opens, closes, resolved)
            plans += self.applicants_to(call, count, opens, closes)
        save_all(GrantCallTransition, transitions)
        applications = save_all(Application, self.applications(plans, self.applicants(plans)))
        selections = save_all(Selection, self.selections(applications))
        agreements = save_all(GrantAgreement, self.agreements(selections))
        payments = save_all(Payment, self.payments(agreements))
        self.counts["applications"] = len(applications)
        self.say(
            f"{len(CALLS)} grant calls, {len(applications):,} applications, "
            f"{len(selections)} agreements, {len(payments):,} payments"
        )

    def resolved_call(self, reference, opens, closes, starts):
        """A call for every district, with the default criteria."""
        call = GrantCall(
            reference=reference,
            title=f"Convocatoria de agentes de innovación {starts.year}-{starts.year + 1}",
            purpose="Seleccionar una entidad de acogida del agente de innovación en cada una "
            "de las comarcas de la región.",
            expected_services="Visitas a empresas, puesta en relación con la oferta de "
            "conocimiento, asesoramiento sobre ayudas y difusión de convocatorias.",
            opens_at=at(opens, 9),
            closes_at=at(closes, 14),
            total_budget=Decimal(3500 * 24 * len(self.districts)),
            duration_months=24,
            status=GrantCallStatus.RESOLVED,
        )
        call.save()
        call.districts.set(self.districts)
        call.evaluators.set(self.evaluators)
        EvaluationCriterion.objects.bulk_create(
            EvaluationCriterion(call=call, name=str(name), weight=weight, position=position)
            for position, (name, weight) in enumerate(DEFAULT_EVALUATION_CRITERIA)
        )
        EligibilityCriterion.objects.bulk_create(
            EligibilityCriterion(call=call, text=text, position=position)
            for position, text in enumerate(
                [
                    "Entidad con sede o delegación en la comarca.",
                    "Al corriente de sus obligaciones tributarias y con la Seguridad Social.",
                    "Agente propuesto con titulación universitaria.",
                ]
            )
        )
        return call

    def call_transitions(self, call, opens, closes, resolved):
        """The call's way from draft to resolved, by the coordinator."""
        chain = [GrantCallStatus.DRAFT, GrantCallStatus.PUBLISHED, GrantCallStatus.CLOSED,
                 GrantCallStatus.UNDER_EVALUATION, GrantCallStatus.RESOLVED]  # fmt: skip
        days = [opens - timedelta(days=1), closes, closes + timedelta(days=7), resolved]
        return [
            GrantCallTransition(
                call=call, from_status=a, to_status=b, by=self.coordinator, at=at(day, 12)
            )
            for a, b, day in zip(chain[:-1], chain[1:], days, strict=True)
        ]

    def applicants_to(self, call, count, opens, closes):
        """Who applies to the call for which district: one in each district first, the
        others where they are; an organisation applies once for a district."""
        rng, plans, taken = self.rng, [], set()
        for k in range(count):
            d = k if k < len(self.districts) else rng.randrange(len(self.districts))
            pool = self.by_district[d] or self.org_pks
            for _ in range(20):
                org = rng.choice(pool)
                if (d, org) not in taken:
                    break
            else:
                continue
            taken.add((d, org))
            plans.append((call, d, org, opens, closes))
        return plans

    def applicants(self, plans):
        """The applicant account of each applying organisation (organisation pk: user)."""
        index_of = {pk: i for i, pk in enumerate(self.org_pks)}
        applicants, rows = {}, []
        for _call, _d, org, _opens, _closes in plans:
            if org not in applicants:
                applicants[org] = None
                first, last = self.person_name()
                rows.append(
                    (f"{PREFIX}applicant-{index_of[org] + 1:05d}", first, last,
                     {"organisation_id": org})
                )  # fmt: skip
        for user in self.create_users(rows, Role.APPLICANT):
            applicants[user.organisation_id] = user
        return applicants

    def applications(self, plans, applicants):
        rng, applications = self.rng, []
        for call, d, org, opens, closes in plans:
            submitted = opens + timedelta(days=rng.randint(1, (closes - opens).days))
            eligible = rng.random() < 0.92
            applications.append(
                Application(
                    call=call,
                    district=self.districts[d],
                    organisation_id=org,
                    created_by=applicants[org],
                    broker_name=" ".join(self.person_name()),
                    requested_monthly_amount=Decimal(rng.randrange(2800, 3501, 50)),
                    work_plan="Meses 1 a 3: presentación del agente y visitas a empresas.\n"
                    "Desde el mes 4: servicios a empresas y difusión de convocatorias.",
                    status=ApplicationStatus.SUBMITTED,
                    submitted_at=at(submitted, rng.randint(9, 13)),
                    eligibility=Eligibility.ELIGIBLE if eligible else Eligibility.INELIGIBLE,
                    ineligibility_reason="" if eligible else "Sin sede en la comarca.",
                )
            )
        return applications

    def selections(self, applications):
        """The first eligible application of each district of each call is selected."""
        selections, chosen = [], set()
        for application in applications:
            key = (application.call.pk, application.district.pk)
            if application.eligibility == Eligibility.ELIGIBLE and key not in chosen:
                chosen.add(key)
                resolved = next(c[3] for c in CALLS if c[0] == application.call.reference)
                selections.append(
                    Selection(
                        call=application.call,
                        district=application.district,
                        application=application,
                        selected_by=self.coordinator,
                        selected_at=at(resolved, 10),
                    )
                )
        return selections

    def agreements(self, selections):
        """An agreement of 24 months for each selection, the district's broker at work."""
        broker_of = {b.district_id: b for b in self.brokers}
        agreements = []
        for selection in selections:
            application = selection.application
            starts = next(c[4] for c in CALLS if c[0] == application.call.reference)
            agreements.append(
                GrantAgreement(
                    selection=selection,
                    call=selection.call,
                    organisation_id=application.organisation_id,
                    district=selection.district,
                    monthly_amount=application.requested_monthly_amount,
                    start_date=starts,
                    end_date=starts.replace(year=starts.year + 2) - timedelta(days=1),
                    broker=broker_of[selection.district.pk],
                    signed_at=at(starts - timedelta(days=10), 12),
                )
            )
        return agreements

    def payments(self, agreements):
        """A payment a month of each agreement, paid on the 28th once that has come."""
        payments = []
        for agreement in agreements:
            for month in months_from(agreement.start_date, 24):
                paid_on = month + timedelta(days=27)
                paid = paid_on <= LAST_DAY
                payments.append(
                    Payment(
                        agreement=agreement,
                        month=month,
                        amount=agreement.monthly_amount,
                        status=PaymentStatus.PAID if paid else PaymentStatus.PENDING,
                        paid_on=paid_on if paid else None,
                    )
                )
        return payments
