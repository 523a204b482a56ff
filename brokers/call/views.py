"""Staff pages of the grant calls: the calls, their stages, the ranking and the
paper applications (who may use them: brokers/call/access.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from brokers.call import services
from brokers.call.access import (
    MANAGE,
    applications_visible_to,
    calls_visible_to,
    get_call,
    require_grant_staff,
)
from brokers.call.forms import (
    EligibilityCriterionFormSet,
    EvaluationCriterionFormSet,
    EvaluatorsForm,
    GrantCallForm,
    PaperApplicationForm,
    SelectForm,
)
from brokers.call.models import (
    Application,
    ApplicationStatus,
    Eligibility,
    GrantCall,
    GrantCallStatus,
)
from core.access import require
from core.forms import add_service_errors
from core.pagination import paginate
from core.transitions import transition_page

# Calls


def call_list(request):
    require_grant_staff(request.user)
    calls = calls_visible_to(request.user).for_list()
    return render(
        request,
        "brokers/calls/call_list.html",
        {"page": paginate(request, calls), "can_add": request.user.has_perm(MANAGE)},
    )


def _save_call(request, call, *, creating):
    form = GrantCallForm(request.POST or None, instance=call)
    eligibility = EligibilityCriterionFormSet(
        request.POST or None, instance=call, prefix="eligibility"
    )
    evaluation = (
        None
        if creating
        else EvaluationCriterionFormSet(request.POST or None, instance=call, prefix="evaluation")
    )
    formsets = [f for f in (eligibility, evaluation) if f is not None]
    if request.method == "POST":
        valid = form.is_valid() and all(f.is_valid() for f in formsets)
        if valid:
            with transaction.atomic():
                if creating:
                    call = services.create_call(call=form.save(commit=False), by=request.user)
                    form.save_m2m()
                else:
                    call = form.save()
                for formset in formsets:
                    formset.instance = call
                    formset.save()
            problems = services.check_rules(call)
            if problems:
                messages.warning(
                    request,
                    _("Saved as a draft. Before publishing: %(problems)s")
                    % {"problems": " ".join(problems)},
                )
            else:
                messages.success(request, _("The call has been saved."))
            if creating:
                return redirect("brokers:call_edit", call.pk)
            return redirect("brokers:call_detail", call.pk)
    return render(
        request,
        "brokers/calls/call_form.html",
        {
            "form": form,
            "eligibility_formset": eligibility,
            "evaluation_formset": evaluation,
            "formset_errors": request.method == "POST" and not all(f.is_valid() for f in formsets),
            "call": call,
            "creating": creating,
            "problems": [] if creating else services.check_rules(call),
        },
    )


def call_create(request):
    require_grant_staff(request.user)
    require(request.user, MANAGE)
    return _save_call(request, GrantCall(), creating=True)


def call_edit(request, pk):
    call = get_call(request, pk, for_change=True)
    if call.rules_locked:
        messages.error(request, _("A published call's rules cannot change."))
        return redirect("brokers:call_detail", call.pk)
    return _save_call(request, call, creating=False)


def call_detail(request, pk):
    call = get_call(request, pk)
    submitted = call.applications.filter(status=ApplicationStatus.SUBMITTED)
    per_district = (
        submitted.values("district__name")
        .annotate(
            submitted=Count("pk"),
            eligible=Count("pk", filter=Q(eligibility=Eligibility.ELIGIBLE)),
            ineligible=Count("pk", filter=Q(eligibility=Eligibility.INELIGIBLE)),
        )
        .order_by("district__name")
    )
    applications = (
        applications_visible_to(request.user)
        .filter(call=call, status=ApplicationStatus.SUBMITTED)
        .select_related("district", "organisation")
        .order_by("district__name", "organisation__legal_name")
    )
    is_coordinator = request.user.has_perm(MANAGE)
    return render(
        request,
        "brokers/calls/call_detail.html",
        {
            "call": call,
            "districts": call.districts.all(),
            "evaluators": call.evaluators.all(),
            "eligibility_criteria": call.eligibility_criteria.all(),
            "evaluation_criteria": call.evaluation_criteria.all(),
            "transitions": call.transitions.select_related("by"),
            "per_district": per_district,
            "applications": applications,
            "stages": services.available_stages(call, request.user),
            "problems": services.check_rules(call) if call.status == GrantCallStatus.DRAFT else [],
            "can_edit": is_coordinator and not call.rules_locked,
            "can_name_evaluators": is_coordinator and call.status != GrantCallStatus.RESOLVED,
            "can_enter_paper": is_coordinator
            and call.status in (GrantCallStatus.PUBLISHED, GrantCallStatus.CLOSED),
            "is_evaluator": call.evaluators.filter(pk=request.user.pk).exists(),
        },
    )


def call_evaluators(request, pk):
    call = get_call(request, pk, for_change=True)
    if call.status == GrantCallStatus.RESOLVED:
        messages.error(request, _("The call is resolved: its evaluators are settled."))
        return redirect("brokers:call_detail", call.pk)
    form = EvaluatorsForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The evaluators of the call have been saved."))
        return redirect("brokers:call_detail", call.pk)
    return render(request, "brokers/calls/evaluators_form.html", {"form": form, "call": call})


def call_stage(request, pk, name):
    stage = services.STAGES.get(name)
    if stage is None:
        raise Http404
    call = get_call(request, pk, for_change=True)
    if stage not in services.available_stages(call, request.user):
        messages.error(request, _("This call cannot be changed this way now."))
        return redirect("brokers:call_detail", call.pk)
    return transition_page(
        request,
        call,
        stage,
        change=lambda transition, by, comment: services.advance(
            call=call, stage=transition, by=by, comment=comment
        ),
        now=_("The call is now %(status)s."),
        done_url=reverse("brokers:call_detail", args=[call.pk]),
        template="brokers/calls/stage_form.html",
        context={
            "call": call,
            "stage": stage,
            "problems": services.check_rules(call) if stage.name == "publish" else [],
        },
    )


# Ranking and selection


def ranking(request, pk):
    # Everyone's totals: not for evaluators, who must not be swayed by them.
    require(request.user, "brokers.view_score")
    call = get_call(request, pk)
    is_coordinator = request.user.has_perm(MANAGE)
    bound = None
    if request.method == "POST":
        require(request.user, MANAGE)
        bound = SelectForm(request.POST)
        if bound.is_valid():
            application = (
                Application.objects.filter(
                    call=call, pk=bound.cleaned_data["application"]
                ).select_related("district", "call")
            ).first()
            if application is None:
                raise Http404
            try:
                services.select(
                    application=application, by=request.user, reason=bound.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(bound, error)
            else:
                messages.success(
                    request,
                    _("%(organisation)s has been selected for %(district)s.")
                    % {
                        "organisation": application.organisation,
                        "district": application.district,
                    },
                )
                return redirect("brokers:ranking", call.pk)
    selections = {
        s.district_id: s
        for s in call.selections.select_related("application__organisation", "selected_by")
    }
    can_select = is_coordinator and call.status == GrantCallStatus.UNDER_EVALUATION
    districts = []
    for district, ranked in services.ranking(call).items():
        rows = []
        for position, entry in enumerate(ranked, start=1):
            form = None
            if can_select and district.pk not in selections:
                posted = bound is not None and bound.data.get("application") == str(
                    entry.application.pk
                )
                form = (
                    bound if posted else SelectForm(initial={"application": entry.application.pk})
                )
            rows.append({"rank": position, "entry": entry, "form": form})
        districts.append(
            {"district": district, "rows": rows, "selection": selections.get(district.pk)}
        )
    return render(
        request,
        "brokers/calls/ranking.html",
        {"call": call, "districts": districts, "can_select": can_select, "error_form": bound},
    )


# Paper applications


def paper_application(request, pk):
    call = get_call(request, pk, for_change=True)
    application = Application(call=call, created_by=request.user)
    form = PaperApplicationForm(request.POST or None, instance=application, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                application = services.save_application(
                    application=form.save(commit=False),
                    statements=form.statements(),
                    received_at=form.cleaned_data["received_at"],
                )
                services.submit_application(application=application)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The paper application has been entered and submitted."))
            return redirect("brokers:application_review", application.pk)
    return render(request, "brokers/calls/paper_application.html", {"form": form, "call": call})
