"""The action plan of both measures: list, timeline, detail, create and edit."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import trail_for
from core.charts import GanttRow, gantt_chart
from core.lists import list_page
from programmes import access, exports
from programmes.filters import ActionFilter
from programmes.forms import ActionForm
from programmes.models import Action, ActionStatus

VIEW_PERMISSION = "programmes.view_action"


def _actions(request):
    return ActionFilter(request.GET, queryset=Action.objects.for_list())


def action_list(request):
    access.require(request.user, VIEW_PERMISSION)
    return list_page(
        request,
        _actions(request),
        "programmes/action_list.html",
        exports.ACTIONS,
        {"can_add": request.user.has_perm("programmes.add_action")},
    )


def _gantt_row(action, today):
    late = action.is_late(today)
    status = action.get_status_display()
    if late and action.status != ActionStatus.LATE:
        # The table says in words what the red bar says in colour.
        status = _("%(status)s, late") % {"status": status}
    return GanttRow(
        label=action.title,
        start=action.planned_start,
        end=action.planned_end,
        progress=action.progress,
        status=status,
        late=late,
    )


def action_timeline(request):
    access.require(request.user, VIEW_PERMISSION)
    actions = _actions(request)
    rows = list(actions.qs)
    chart = None
    if rows:
        today = timezone.localdate()
        chart = gantt_chart(
            title=_("Action plan timeline"),
            rows=[_gantt_row(action, today) for action in rows],
            start=min(action.planned_start for action in rows),
            end=max(action.planned_end for action in rows),
            label_header=_("Action"),
            today=today,
        )
    return render(
        request,
        "programmes/action_timeline.html",
        {"filter": actions, "actions": rows, "chart": chart},
    )


def action_detail(request, pk):
    action = access.get_action(request, pk)
    context = {
        "action": action,
        "can_edit": request.user.has_perm("programmes.change_action"),
        "audit_trail": trail_for(request.user, action),
    }
    return render(request, "programmes/action_detail.html", context)


def _save_action(request, action):
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        action = form.save()
        messages.success(request, _("The action has been saved."))
        return redirect(action)
    return render(request, "programmes/action_form.html", {"form": form, "action": action})


def action_create(request):
    access.require(request.user, "programmes.add_action")
    return _save_action(request, Action())


def action_edit(request, pk):
    action = access.get_action(request, pk, for_change=True)
    return _save_action(request, action)
