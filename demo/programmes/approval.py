"""The programme, its budget and its approval."""

from clusters.models import DevelopmentStage
from demo import timeline
from demo.common import acting, at_or_now
from demo.programmes.data import ANNUAL_BUDGET, FIRST_DRAFT, OBJECTIVES, START_YEAR, TITLE, YEARS
from demo.timeline import moved, on
from programmes.models import BudgetLine, Programme, ProgrammeTransition
from programmes.services import TRANSITIONS, change_status, save_budget


def title():
    """The demo programme's title, its period moved to the year of seeding."""
    return moved(TITLE)


# --- the programme, its budget and its approval ---------------------------------------


def _transition(programme, name, user, when, comment=""):
    with acting(user, when, dated=(Programme,)):
        record = change_status(
            programme=programme, transition=TRANSITIONS[name], by=user, comment=comment
        )
    ProgrammeTransition.objects.filter(pk=record.pk).update(at=when)
    return record


def _budget(programme, per_year, user, when):
    amounts = {
        (year, category): amount
        for year in programme.year_range
        for category, amount in per_year.items()
    }
    with acting(user, when, dated=(BudgetLine,)):
        save_budget(programme=programme, amounts=amounts)


def approved_programme(clusters, director, official):
    with acting(director, at_or_now(on(2023, 9, 20), 13), dated=(Programme,)):
        programme = Programme.objects.create(
            title=title(),
            start_year=timeline.year(START_YEAR),
            years=YEARS,
            target_stage=DevelopmentStage.IMMATURE,
            objectives=OBJECTIVES,
        )
        programme.clusters.set(clusters.values())
    _budget(programme, FIRST_DRAFT, director, at_or_now(on(2023, 10, 10), 12))
    _transition(
        programme,
        "submit",
        director,
        at_or_now(on(2023, 10, 16), 9, 30),
        moved(
            "Programa aprobado por el Consejo de Dirección el 20/09/2023: cuatro años para los "
            "clústeres inmaduros y las siete partidas anuales de la estrategia (742.000 EUR)."
        ),
    )
    _transition(
        programme,
        "return",
        official,
        at_or_now(on(2023, 11, 6), 12, 15),
        "Detallen las acciones de formación por clúster (formación dual, industria 4.0, "
        "cualificación del sector nuclear, seguridad alimentaria) y doten la partida con los "
        "100.000 EUR anuales que fija la estrategia; el borrador se queda en 90.000 EUR.",
    )
    _budget(programme, ANNUAL_BUDGET, director, at_or_now(on(2023, 11, 17), 11))
    _transition(
        programme,
        "submit",
        director,
        at_or_now(on(2023, 11, 20), 9),
        "Acciones de formación detalladas por clúster; formación sube a 100.000 EUR anuales y "
        "consultoría baja a 120.000 EUR. El total anual sigue en 742.000 EUR.",
    )
    approval = _transition(
        programme,
        "approve",
        official,
        at_or_now(on(2023, 12, 18), 13),
        moved("Aprobado por la Dirección General: 2.968.000 EUR para 2024-2027."),
    )
    _transition(
        programme,
        "activate",
        director,
        at_or_now(on(2024, 1, 8), 9),
        "Arranca el programa con los seis clústeres.",
    )
    programme.refresh_from_db()
    return programme, approval
