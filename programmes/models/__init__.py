"""The programme models, one module per part of the programme; imported here for
Django's registry and so that `from programmes.models import X` is where every app
finds them."""

from programmes.models.actions import (
    FINISHED_ACTION_STATUSES,
    Action,
    ActionQuerySet,
    ActionStatus,
    Measure,
)
from programmes.models.budgets import (
    ZERO,
    BudgetLine,
    CostCategory,
    Expenditure,
    ExpenditureQuerySet,
    Reallocation,
    ReallocationStatus,
)
from programmes.models.governance import (
    Body,
    BodyKind,
    BodyMember,
    Decision,
    Meeting,
    MeetingQuerySet,
)
from programmes.models.programmes import (
    ACTIVE_STATUSES,
    EDITABLE_STATUSES,
    LOCKED_STATUSES,
    Programme,
    ProgrammeQuerySet,
    ProgrammeStatus,
    ProgrammeTransition,
)
from programmes.models.results import ClusterResult, KeyResult, ResultStatus

__all__ = [
    "ACTIVE_STATUSES",
    "EDITABLE_STATUSES",
    "FINISHED_ACTION_STATUSES",
    "LOCKED_STATUSES",
    "ZERO",
    "Action",
    "ActionQuerySet",
    "ActionStatus",
    "Body",
    "BodyKind",
    "BodyMember",
    "BudgetLine",
    "ClusterResult",
    "CostCategory",
    "Decision",
    "Expenditure",
    "ExpenditureQuerySet",
    "KeyResult",
    "Measure",
    "Meeting",
    "MeetingQuerySet",
    "Programme",
    "ProgrammeQuerySet",
    "ProgrammeStatus",
    "ProgrammeTransition",
    "Reallocation",
    "ReallocationStatus",
    "ResultStatus",
]
