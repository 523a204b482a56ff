"""Status workflows: the transitions a record's status can take, who may take
them, the guard and the record every transition goes through, and its
confirmation page.

A workflow (programmes, evaluations) lists its transitions; its own
change_status checks what only it knows (a programme ready for approval, an
evaluation's snapshot) between check_transition and record_transition.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import require
from core.forms import add_service_errors


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    permission: str
    comment_required: bool = False


def available_transitions(transitions, record, user):
    """The transitions the user may take from the record's status."""
    return [
        t
        for t in transitions.values()
        if record.status in t.sources and user.has_perm(t.permission)
    ]


def check_transition(record, transition, *, by, comment, not_from):
    """The guard of every transition: the user's permission, the record's status
    (not_from: the message, with %(status)s, when it cannot be left this way) and
    the comment the transition may require."""
    require(by, transition.permission)
    if record.status not in transition.sources:
        raise ValidationError(not_from % {"status": record.get_status_display().lower()})
    if transition.comment_required and not comment.strip():
        raise ValidationError(_("Say what must change: a comment is required."))


def record_transition(record, transition, *, by, comment, also_save=()):
    """Write who, when and why in the record's transitions and move it to the
    transition's target status (saving also_save fields with it)."""
    row = record.transitions.create(
        from_status=record.status,
        to_status=transition.target,
        by=by,
        comment=comment.strip(),
    )
    record.status = transition.target
    record.save(update_fields=["status", *also_save])
    return row


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = transition.comment_required


def permitted_transition(transitions, name, user):
    """The named transition, if there is one (404) and the user may take it (403)."""
    transition = transitions.get(name)
    if transition is None:
        raise Http404
    require(user, transition.permission)
    return transition


def transition_page(request, record, transition, *, change, now, done_url, template, context):
    """The confirmation page of a transition, and its POST: change(transition=,
    by=, comment=) moves the record; then the message now (with %(status)s) and
    a redirect to done_url."""
    form = TransitionForm(request.POST or None, transition=transition)
    if request.method == "POST" and form.is_valid():
        try:
            change(transition=transition, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            record.refresh_from_db()
            messages.success(request, now % {"status": record.get_status_display().lower()})
            return redirect(done_url)
    return render(request, template, {"form": form, "transition": transition, **context})
