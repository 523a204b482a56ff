"""The ranking of a call's applications: per district, by the weighted mean of
the evaluators' scores, with how far the evaluators were apart."""

from dataclasses import dataclass
from decimal import Decimal

from brokers.call.models import Application, ApplicationStatus, Eligibility, Score


@dataclass
class RankedApplication:
    application: Application
    total: Decimal | None  # Σ (mean score ÷ max × weight), None before any review
    spread: Decimal  # highest minus lowest evaluator's weighted total
    reviews: int


def ranking(call):
    """Eligible, submitted applications per district, best first, in two queries."""
    criteria = {c.pk: c for c in call.evaluation_criteria.all()}
    applications = list(
        call.applications.filter(
            status=ApplicationStatus.SUBMITTED, eligibility=Eligibility.ELIGIBLE
        ).select_related("organisation", "district")
    )
    per_review = {}  # (application, review) -> weighted total of that evaluator
    sums = {}  # (application, criterion) -> [total, count]
    for score in Score.objects.filter(
        review__application__call=call, review__submitted_at__isnull=False
    ).values("review__application_id", "review_id", "criterion_id", "score"):
        criterion = criteria[score["criterion_id"]]
        share = Decimal(score["score"]) / criterion.max_score * criterion.weight
        key = (score["review__application_id"], score["review_id"])
        per_review[key] = per_review.get(key, Decimal(0)) + share
        total = sums.setdefault((score["review__application_id"], criterion.pk), [0, 0])
        total[0] += score["score"]
        total[1] += 1
    by_district = {}
    for application in applications:
        reviewer_totals = [v for (a, _r), v in per_review.items() if a == application.pk]
        if reviewer_totals:
            total = sum(
                Decimal(s) / n / criteria[c].max_score * criteria[c].weight
                for (a, c), (s, n) in sums.items()
                if a == application.pk
            ).quantize(Decimal("0.01"))
            spread = (max(reviewer_totals) - min(reviewer_totals)).quantize(Decimal("0.01"))
        else:
            total, spread = None, Decimal(0)
        by_district.setdefault(application.district, []).append(
            RankedApplication(application, total, spread, len(reviewer_totals))
        )
    for ranked in by_district.values():
        ranked.sort(key=lambda r: (r.total is None, -(r.total or 0)))
    return dict(sorted(by_district.items(), key=lambda item: item[0].name))
