"""The action plan: the actions of the programme and how far each has come."""

from datetime import date

from simple_history.utils import bulk_create_with_history

from demo import timeline
from demo.programmes.data import (
    CANCELLED,
    CURRENT_ACTIONS,
    DONE,
    MONITORING_OWNERS,
    MONITORING_ROUNDS,
    NETWORK,
    NO_NETWORK,
    OFFICE,
    PLANNED,
    REPORT,
    RUNNING,
    TABLE_5,
    YEARLY,
)
from demo.timeline import moved
from programmes.models import Action


def _months_between(start, end):
    return (end.year - start.year) * 12 + end.month - start.month


def as_of(today, start, end, status, progress, notes):
    """An action of the current programme as it stands today: planned until its start; then
    in progress, at most as far along as the share of its planned months gone by, its notes
    once it gets as far as they tell; once its months are over, as the story has it."""
    if status == PLANNED or today < start:
        return PLANNED, 0, notes if status == PLANNED else ""
    over = date(end.year + end.month // 12, end.month % 12 + 1, 1)
    if today >= over:
        return status, progress, notes
    elapsed = round(100 * (today - start).days / (over - start).days)
    return (RUNNING, progress, notes) if elapsed >= progress else (RUNNING, elapsed, "")


def action_plan(people, today):
    rows = []
    for measure, title, start, end, owner, status, progress, deliverable, notes in moved(TABLE_5):
        if progress is None:  # running for years: the share of its time that has passed
            elapsed = _months_between(start, today) / _months_between(start, end)
            progress = max(0, min(95, round(elapsed * 100)))
        rows.append((measure, title, start, end, owner, status, progress, deliverable, notes))
    for round_year, title, office, network, notes in MONITORING_ROUNDS:
        held = timeline.year(round_year)
        for measure, status in ((OFFICE, office), (NETWORK, network)):
            if status is None:
                continue
            report = REPORT.format(last=held - 1) if status == DONE else ""
            rows.append(
                (measure, tuple(text.format(last=held - 1) for text in title),
                 date(held, 2 if title == YEARLY else 6, 1), date(held, 6, 1),
                 MONITORING_OWNERS[measure], status,
                 100 if status == DONE else 0, report,
                 moved(NO_NETWORK if status == CANCELLED else notes))
            )  # fmt: skip
    for measure, title, start, end, owner, *story in moved(CURRENT_ACTIONS):
        status, progress, notes = as_of(today, start, end, *story)
        rows.append((measure, title, start, end, owner, status, progress, "", notes))
    actions = []
    # Titles and owners are (Spanish, English).
    for measure, title, start, end, owner, status, progress, deliverable, notes in rows:
        action = Action(
            measure=measure,
            title=title[0],
            title_en=title[1],
            planned_start=start,
            planned_end=end or start,
            owner=owner[0],
            owner_en=owner[1],
            status=status,
            progress=progress,
            deliverable=deliverable,
            progress_notes=notes,
        )
        action._history_user = people["director" if measure == OFFICE else "coordinator"]
        actions.append(action)
    bulk_create_with_history(actions, Action)
    return actions
