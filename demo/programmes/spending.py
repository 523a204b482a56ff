"""The programme's spending, as the Office recorded it, and its reallocations."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from demo import timeline
from demo.common import acting, at_or_now, workday
from demo.programmes.data import (
    ACRONYMS,
    AGENCY_1,
    AGENCY_2,
    ANNUAL_BUDGET,
    CENT,
    CONSULTANCY,
    EVERY_YEAR,
    FAIRS,
    FAIRS_BY_YEAR,
    HR,
    MONTHS,
    OVERSPEND,
    OVERSPEND_JUSTIFICATION,
    RATES,
    REALLOCATIONS,
    SEED,
    STAND_BUILDERS,
    THIS_YEAR,
    TRAVEL,
)
from demo.timeline import by_year, moved
from programmes.models import BudgetLine, CostCategory, Expenditure, Reallocation
from programmes.services import decide_reallocation, record_expenditure, request_reallocation


def _reallocations():
    """REALLOCATIONS moved to the year of seeding."""
    return [(timeline.year(year), *moved(rest)) for year, *rest in REALLOCATIONS]


def _last_workday(year, month):
    day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


# --- spending -------------------------------------------------------------------------


@dataclass
class _Item:
    day: date
    category: str
    supplier: str
    description: str
    cluster: str | None = None
    weight: float = 1.0
    justification: str = ""
    reference: str = ""


def _payroll(year):
    """The Office's payroll, with the two extra payments of June and December."""
    for month in range(1, 13):
        payday, name = _last_workday(year, month), MONTHS[month - 1]
        extra = " y paga extraordinaria" if month in (6, 12) else ""
        yield _Item(
            payday,
            HR,
            "Personal de la Oficina de Promoción de Clústeres",
            f"Nóminas de {name} de {year}{extra}: Directora Ejecutiva y gestores de clúster",
            weight=2.0 if extra else 1.0,
            reference=f"NOM-{year}-{month:02d}",
        )
        yield _Item(
            payday,
            HR,
            "Tesorería General de la Seguridad Social",
            f"Cotizaciones sociales de {name} de {year}",
            weight=0.32,
            reference=f"TC-{year}-{month:02d}",
        )


def _fairs(year):
    for i, (month, day, fair, city, key, size) in enumerate(by_year(FAIRS_BY_YEAR)[year]):
        opens, name = date(year, month, day), f"{fair} {year}"
        yield _Item(
            workday(opens - timedelta(days=45)),
            FAIRS,
            "Ferias y Congresos del Norte, S.L.",
            f"{name}: reserva de suelo y derechos de inscripción",
            key,
            0.8 * size,
        )
        yield _Item(
            workday(opens + timedelta(days=5)),
            FAIRS,
            STAND_BUILDERS[i % 2],
            f"{name}: diseño, montaje y desmontaje del stand agrupado",
            key,
            1.2 * size,
        )
        yield _Item(
            workday(opens + timedelta(days=4)),
            TRAVEL,
            [AGENCY_1, AGENCY_2][i % 2],
            f"Desplazamiento y alojamiento: {name} ({city})",
            key,
            1.0 if city in ("Hannover", "París") else 0.6,
        )


def _benchmarking(year, clusters):
    """ESCA's fee, three weeks before each benchmarking on the clusters' record."""
    for key, cluster in clusters.items():
        if cluster.esca_benchmarked_on:
            invoiced = workday(cluster.esca_benchmarked_on - timedelta(days=21))
            if invoiced.year == year:
                yield _Item(
                    invoiced,
                    CONSULTANCY,
                    "ESCA – European Secretariat for Cluster Analysis",
                    f"Benchmarking ESCA y etiqueta de excelencia de {ACRONYMS[key]}",
                    key,
                    0.3,
                )


def _year_plan(year, clusters):
    """Every expenditure of the year as planned, before amounts are set."""
    items = [*_payroll(year), *_fairs(year), *_benchmarking(year, clusters)]
    overspend = moved(OVERSPEND)
    for category, month, day, supplier, text, key, weight in EVERY_YEAR + by_year(THIS_YEAR)[year]:
        day = date(year, month, day)
        items.append(
            _Item(
                day if (day, category) == overspend else workday(day),
                category,
                supplier,
                text.format(year=year, last=year - 1),
                key,
                weight,
                moved(OVERSPEND_JUSTIFICATION) if (day, category) == overspend else "",
            )
        )
    return items


def _spending(rng, clusters, current, today):
    """Expenditures up to today; each category ends its year at its rate in RATES."""
    plan = []
    for year, rates in sorted(by_year(RATES).items()):  # up to the year in progress
        items = _year_plan(year, clusters)
        for category in CostCategory:
            mine = [i for i in items if i.category == category]
            spread = 0.02 if category == HR else 0.15
            weights = [i.weight * rng.uniform(1 - spread, 1 + spread) for i in mine]
            target = (current[year, category] * Decimal(str(rates[category])) / 100).quantize(CENT)
            left = target
            for position, (item, weight) in enumerate(zip(mine, weights, strict=True)):
                if position == len(mine) - 1:
                    amount = left
                else:
                    amount = (target * Decimal(weight / sum(weights))).quantize(CENT)
                left -= amount
                if not item.reference:
                    item.reference = f"F{year}/{rng.randint(100, 1999):04d}"
                plan.append((item, amount))
    return [(item, amount) for item, amount in plan if item.day <= today]


def _expenditure(programme, clusters, item, amount, director):
    expenditure = Expenditure(
        programme=programme,
        date=item.day,
        category=item.category,
        cluster=clusters[item.cluster] if item.cluster else None,
        amount=amount,
        supplier=item.supplier,
        description=item.description,
        document_reference=item.reference,
        overspend_justification=item.justification,
    )
    expenditure._history_user = director
    expenditure._history_date = at_or_now(item.day, 12)
    return record_expenditure(expenditure=expenditure, by=director)


def _lines(programme, year):
    return {
        line.category: line
        for line in BudgetLine.objects.filter(programme=programme, year=year, cluster=None)
    }


def _request(programme, row, director, today):
    year, source, target, amount, requested_on, _decided_on, reason, _comment = row
    lines = _lines(programme, year)
    requested_at = at_or_now(min(requested_on, today), 11)
    with acting(director, requested_at, dated=(Reallocation,)):
        reallocation = request_reallocation(
            programme=programme,
            from_line=lines[source],
            to_line=lines[target],
            amount=amount,
            reason=reason,
            by=director,
        )
    Reallocation.objects.filter(pk=reallocation.pk).update(requested_at=requested_at)
    Reallocation.history.filter(id=reallocation.pk).update(requested_at=requested_at)
    return reallocation


def _approve(reallocation, row, official):
    *_row, decided_on, _reason, comment = row
    decided_at = at_or_now(decided_on, 13)
    with acting(official, decided_at, dated=(Reallocation,)):
        decide_reallocation(reallocation=reallocation, approve=True, by=official, comment=comment)
    Reallocation.objects.filter(pk=reallocation.pk).update(decided_at=decided_at)
    Reallocation.history.filter(id=reallocation.pk).exclude(decided_at=None).update(
        decided_at=decided_at
    )


def spending_and_reallocations(programme, clusters, director, official, today):
    """Spending, reallocation requests and decisions, in the order they happened."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    rows = _reallocations()
    current = {
        (year, category): amount
        for year in by_year(RATES)
        for category, amount in ANNUAL_BUDGET.items()
    }
    for year, source, target, amount, _requested, decided_on, *_texts in rows:
        if decided_on:
            current[year, source] -= amount
            current[year, target] += amount
    events = [
        (item.day, "spend", (item, amount))
        for item, amount in _spending(rng, clusters, current, today)
    ]
    for i, row in enumerate(rows):
        events.append((min(row[4], today), "request", i))
        if row[5]:
            events.append((row[5], "decide", i))
    reallocations, count = {}, 0
    order = {"request": 0, "decide": 1, "spend": 2}
    for _day, kind, payload in sorted(events, key=lambda event: (event[0], order[event[1]])):
        if kind == "request":
            reallocations[payload] = _request(programme, rows[payload], director, today)
        elif kind == "decide":
            _approve(reallocations[payload], rows[payload], official)
        else:
            _expenditure(programme, clusters, *payload, director)
            count += 1
    for reallocation in reallocations.values():
        reallocation.refresh_from_db()
    return count, list(reallocations.values())
