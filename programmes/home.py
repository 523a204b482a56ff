"""The home-page panels of the programme and its action plan."""

from accounts.roles import Role
from core.home import panel
from programmes.models import Action, Programme, ProgrammeStatus, Reallocation, ReallocationStatus

LATE_ACTIONS_SHOWN = 10


@panel("late_actions", roles={Role.OFFICE_STAFF, Role.GOVERNMENT_OFFICIAL})
def late_actions(user):
    late = Action.objects.late().order_by("planned_end", "title")
    return {"actions": list(late[:LATE_ACTIONS_SHOWN]), "count": late.count()}


@panel("awaiting_approval", roles={Role.GOVERNMENT_OFFICIAL})
def awaiting_approval(user):
    """What waits for a government official's decision."""
    return {
        "programmes": list(Programme.objects.filter(status=ProgrammeStatus.SUBMITTED)),
        "reallocations": list(
            Reallocation.objects.filter(status=ReallocationStatus.REQUESTED).select_related(
                "programme", "from_line__cluster", "to_line__cluster"
            )
        ),
    }
