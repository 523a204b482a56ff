"""Columns of the CSV/XLSX downloads of the programme lists."""

from django.utils.translation import gettext_lazy as _

from core.templatetags.portal import yes_no

ACTIONS = {
    "filename": "action-plan",
    "columns": [
        (_("Measure"), lambda a: a.get_measure_display()),
        (_("Action"), lambda a: a.title),
        (_("Planned start"), lambda a: a.planned_start),
        (_("Planned end"), lambda a: a.planned_end),
        (_("Owner"), lambda a: a.owner),
        (_("Status"), lambda a: a.get_status_display()),
        (_("Late"), lambda a: yes_no(a.is_late())),
        (_("Progress (%)"), lambda a: a.progress),
        (_("Deliverable"), lambda a: a.deliverable),
        (_("Progress notes"), lambda a: a.progress_notes),
    ],
}

MEETINGS = {
    "filename": "meetings",
    "columns": [
        (_("Date"), lambda m: m.date),
        (_("Body"), lambda m: m.body.name),
        (_("Attendees"), lambda m: "; ".join(m.attendee_list)),
        (_("Agenda"), lambda m: m.agenda),
        (_("Minutes"), lambda m: m.minutes),
        (_("Decisions"), lambda m: m.decision_count),
    ],
}

# Rows of the budget download are (year, cost category label, BudgetFigures).
BUDGET = [
    (_("Year"), lambda r: r[0]),
    (_("Cost category"), lambda r: r[1]),
    (_("Planned (EUR)"), lambda r: r[2].planned),
    (_("Reallocated (EUR)"), lambda r: r[2].reallocated),
    (_("Current budget (EUR)"), lambda r: r[2].current),
    (_("Spent (EUR)"), lambda r: r[2].spent),
    (_("Execution rate (%)"), lambda r: r[2].rate),
]

SPENDING = {
    "filename": "spending",
    "columns": [
        (_("Date"), lambda e: e.date),
        (_("Programme"), lambda e: e.programme.title),
        (_("Cost category"), lambda e: e.get_category_display()),
        (_("Cluster organisation"), lambda e: e.cluster.acronym if e.cluster else ""),
        (_("Amount (EUR)"), lambda e: e.amount),
        (_("Supplier"), lambda e: e.supplier),
        (_("Description"), lambda e: e.description),
        (_("Document reference"), lambda e: e.document_reference),
        (_("Over budget"), lambda e: yes_no(e.exceeds_budget)),
        (_("Justification"), lambda e: e.overspend_justification),
    ],
}
