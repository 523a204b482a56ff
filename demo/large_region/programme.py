"""The region's programme: its budget, spending, key results and targets."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from clusters.models import DevelopmentStage
from demo.common import at
from demo.large_region.base import save_all
from demo.large_region.data import (
    CATEGORY_AMOUNTS,
    LAST_DAY,
    PROGRAMME_TITLE,
    PROGRAMME_YEARS,
    SUPPLIERS,
    TARGETS,
)
from monitoring.models import Indicator, IndicatorTarget
from programmes.models import (
    BudgetLine,
    ClusterResult,
    Expenditure,
    KeyResult,
    Programme,
    ProgrammeStatus,
    ProgrammeTransition,
    ResultStatus,
)


class ProgrammePart:
    """The LargeRegion's programme."""

    def programme(self):
        programme = self.approved_programme()
        categories = list(CATEGORY_AMOUNTS)
        expenditures, spent = self.expenditures(programme, categories)
        save_all(Expenditure, expenditures)
        lines = save_all(BudgetLine, self.budget_lines(programme, categories, spent))
        results = save_all(ClusterResult, self.key_results(programme))
        targets = save_all(IndicatorTarget, self.indicator_targets(programme))
        self.programme_ = programme
        self.counts["expenditures"] = len(expenditures)
        self.say(
            f"programme {PROGRAMME_YEARS[0]}–{PROGRAMME_YEARS[-1]}: {len(lines)} budget lines, "
            f"{len(expenditures):,} expenditures, {len(results)} key results, "
            f"{len(targets)} indicator targets"
        )

    def approved_programme(self):
        """The region's programme, active since its approval."""
        programme = Programme.objects.create(
            title=PROGRAMME_TITLE,
            start_year=PROGRAMME_YEARS[0],
            years=len(PROGRAMME_YEARS),
            target_stage=DevelopmentStage.MATURE,
            objectives="Consolidar las 25 organizaciones clúster de la región y ampliar su base "
            "de socios.",
            status=ProgrammeStatus.ACTIVE,
        )
        programme.clusters.set(self.clusters_)
        steps = [
            (ProgrammeStatus.DRAFT, ProgrammeStatus.SUBMITTED, self.director, date(2021, 10, 4)),
            (
                ProgrammeStatus.SUBMITTED,
                ProgrammeStatus.APPROVED,
                self.official,
                date(2021, 11, 15),
            ),
            (ProgrammeStatus.APPROVED, ProgrammeStatus.ACTIVE, self.director, date(2022, 1, 10)),
        ]
        save_all(
            ProgrammeTransition,
            [
                ProgrammeTransition(
                    programme=programme, from_status=a, to_status=b, by=by, at=at(day, 11)
                )
                for a, b, by, day in steps
            ],
        )
        return programme

    def expenditures(self, programme, categories):
        """The spending of the programme's years so far, by date; and what was spent by
        (year, category, cluster pk), for the budget to cover it."""
        rng = self.rng
        weights = list(accumulate(CATEGORY_AMOUNTS[c][0] for c in categories))
        first = date(PROGRAMME_YEARS[0], 1, 1)
        spent = {}
        expenditures = []
        for n in range(self.n["expenditures"]):
            day = first + timedelta(days=rng.randint(0, (LAST_DAY - first).days))
            category = rng.choices(categories, cum_weights=weights)[0]
            _w, low, high = CATEGORY_AMOUNTS[category]
            cluster = self.random_cluster() if rng.random() < 0.75 else None
            amount = Decimal(rng.randint(low * 100, high * 100)) / 100
            key = (day.year, category, cluster.pk if cluster else None)
            spent[key] = spent.get(key, 0) + amount
            expenditures.append(
                Expenditure(
                    programme=programme,
                    date=day,
                    category=category,
                    cluster=cluster,
                    amount=amount,
                    supplier=rng.choice(SUPPLIERS),
                    description=f"{category.label} {cluster.acronym if cluster else 'OPC'}",
                    document_reference=f"LR-{day.year}-{n + 1:06d}",
                    recorded_by=self.director,
                )
            )
        expenditures.sort(key=lambda e: e.date)
        return expenditures, spent

    def budget_lines(self, programme, categories, spent):
        """A budget a little above what was spent, by year, category and cluster."""
        rng = self.rng
        lines = []
        for year in PROGRAMME_YEARS:
            for category in categories:
                for cluster in [None, *self.clusters_]:
                    used = spent.get((year, category, cluster.pk if cluster else None), 0)
                    margin = (
                        rng.uniform(1.1, 1.4) if year < LAST_DAY.year else rng.uniform(1.3, 1.6)
                    )
                    planned = max(1000, int(used * Decimal(margin) / 1000 + 1) * 1000)
                    lines.append(
                        BudgetLine(
                            programme=programme,
                            year=year,
                            category=category,
                            cluster=cluster,
                            amount=Decimal(planned),
                        )
                    )
        return lines

    def key_results(self, programme):
        """The key results of each cluster: mostly achieved in the years over."""
        rng = self.rng
        results = []
        for cluster in self.clusters_:
            for year in PROGRAMME_YEARS:
                for result in KeyResult:
                    if year < LAST_DAY.year:
                        status = rng.choices(
                            [ResultStatus.ACHIEVED, ResultStatus.NOT_ACHIEVED], weights=[8, 2]
                        )[0]
                    else:
                        status = rng.choice([ResultStatus.IN_PROGRESS, ResultStatus.NOT_STARTED])
                    results.append(
                        ClusterResult(
                            programme=programme,
                            cluster=cluster,
                            year=year,
                            result=result,
                            status=status,
                        )
                    )
        return results

    def indicator_targets(self, programme):
        """Targets of the indicators that have some, scaled with the records."""
        targets = []
        for indicator in Indicator.objects.filter(code__in=TARGETS).order_by("code"):
            base, step, scales = TARGETS[indicator.code]
            factor = self.records if scales else 1
            for k, year in enumerate(PROGRAMME_YEARS):
                target = Decimal(str(round((base + step * k) * factor, 2)))
                baseline = Decimal(str(round((base + step * (k - 1)) * factor, 2)))
                targets.append(
                    IndicatorTarget(
                        indicator=indicator,
                        programme=programme,
                        year=year,
                        baseline=baseline,
                        target=target,
                    )
                )
        return targets
