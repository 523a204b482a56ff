"""Staff pages of the grant calls: the calls, their stages, the ranking, the
agreements and the paper applications.

Who gets what: the pages are for the grant readers (coordinator, office
staff with the view permissions, officials) and the evaluators. Any other
role (broker, applicant, cluster manager, …) gets 403 on every page; an
evaluator gets 404 for a call they are not assigned to (brokers/access.py:
the call is not theirs to know about). Changes (stages, rules, selection,
agreements, payments, paper applications) need the coordinator's
brokers.manage_grantcall, else 403.
"""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from brokers import exports, services
from brokers.access import applications_visible_to, calls_visible_to, get_call
from brokers.call_forms import (
    AppointBrokerForm,
    EligibilityCriterionFormSet,
    EvaluationCriterionFormSet,
    EvaluatorsForm,
    GrantCallForm,
    PaperApplicationForm,
    PaymentForm,
    SelectForm,
    SignAgreementForm,
    StageForm,
)
from brokers.models import (
    Application,
    ApplicationStatus,
    Eligibility,
    GrantCall,
    GrantCallStatus,
    PaymentStatus,
)
from core.access import require
from core.exports import requested_format, tabular_export
from core.forms import add_service_errors
from core.pagination import paginate

COORDINATOR = services.COORDINATOR


def require_staff(user):
    """Grant readers and evaluators use these pages; other roles get 403."""
    if not (user.has_perm("brokers.view_grantcall") or user.has_perm("brokers.add_review")):
        raise PermissionDenied


def require_coordinator(user):
    if not user.has_perm(COORDINATOR):
        raise PermissionDenied


def staff_call(request, pk, *, coordinator=False):
    require_staff(request.user)
    if coordinator:
        require_coordinator(request.user)
    return get_call(request, pk)


def call_url(name, call):
    return reverse(f"brokers:{name}", args=[call.pk])


# Calls


def call_list(request):
    require_staff(request.user)
    calls = calls_visible_to(request.user).for_list()
    return render(
        request,
        "brokers/calls/call_list.html",
        {"page": paginate(request, calls), "can_add": request.user.has_perm(COORDINATOR)},
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
    require_staff(request.user)
    require_coordinator(request.user)
    return _save_call(request, GrantCall(), creating=True)


def call_edit(request, pk):
    call = staff_call(request, pk, coordinator=True)
    if call.rules_locked:
        messages.error(request, _("A published call's rules cannot change."))
        return redirect("brokers:call_detail", call.pk)
    return _save_call(request, call, creating=False)


def available_stages(call, user, now=None):
    """The stages the user may move the call to now; closing happens by itself."""
    if not user.has_perm(COORDINATOR):
        return []
    now = now or timezone.now()
    return [
        stage
        for stage in services.STAGES.values()
        if stage.source == call.status and not (stage.name == "close" and now < call.closes_at)
    ]


def call_detail(request, pk):
    call = staff_call(request, pk)
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
    is_coordinator = request.user.has_perm(COORDINATOR)
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
            "stages": available_stages(call, request.user),
            "problems": services.check_rules(call) if call.status == GrantCallStatus.DRAFT else [],
            "can_edit": is_coordinator and not call.rules_locked,
            "can_name_evaluators": is_coordinator and call.status != GrantCallStatus.RESOLVED,
            "can_enter_paper": is_coordinator
            and call.status in (GrantCallStatus.PUBLISHED, GrantCallStatus.CLOSED),
            "is_evaluator": call.evaluators.filter(pk=request.user.pk).exists(),
        },
    )


def call_evaluators(request, pk):
    call = staff_call(request, pk, coordinator=True)
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
    call = staff_call(request, pk, coordinator=True)
    if stage not in available_stages(call, request.user):
        messages.error(request, _("This call cannot be changed this way now."))
        return redirect("brokers:call_detail", call.pk)
    form = StageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.advance(
                call=call, stage=stage, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            call.refresh_from_db()
            messages.success(
                request,
                _("The call is now %(status)s.") % {"status": call.get_status_display().lower()},
            )
            return redirect("brokers:call_detail", call.pk)
    return render(
        request,
        "brokers/calls/stage_form.html",
        {
            "form": form,
            "call": call,
            "stage": stage,
            "problems": services.check_rules(call) if stage.name == "publish" else [],
        },
    )


# Ranking and selection


def ranking(request, pk):
    # Everyone's totals: not for evaluators, who must not be swayed by them.
    require(request.user, "brokers.view_score")
    call = staff_call(request, pk)
    is_coordinator = request.user.has_perm(COORDINATOR)
    bound = None
    if request.method == "POST":
        require_coordinator(request.user)
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


# Agreements and payments


def _agreements(call):
    return (
        call.agreements.select_related("organisation", "district", "broker")
        .annotate(
            paid=Coalesce(
                Sum("payments__amount", filter=Q(payments__status=PaymentStatus.PAID)),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            )
        )
        .order_by("district__name")
    )


def agreements(request, pk):
    require(request.user, "brokers.view_grantagreement")
    call = staff_call(request, pk)
    agreements = list(_agreements(call))
    for agreement in agreements:
        agreement.remaining = agreement.total - agreement.paid
    fmt = requested_format(request)
    if fmt:
        return tabular_export(fmt, rows=agreements, **exports.AGREEMENTS)
    is_coordinator = request.user.has_perm(COORDINATOR)
    unsigned = call.selections.filter(agreement__isnull=True).select_related(
        "application__organisation", "district"
    )
    sign_form = payment_form = appoint_form = None
    without_broker = call.agreements.filter(broker__isnull=True).select_related(
        "organisation", "district"
    )
    if is_coordinator:
        appoint_form = AppointBrokerForm(
            request.POST if request.POST.get("action") == "appoint" else None,
            agreements=without_broker,
        )
        sign_form = SignAgreementForm(
            request.POST if request.POST.get("action") == "sign" else None,
            # Agreements follow the published resolution.
            selections=unsigned if call.status == GrantCallStatus.RESOLVED else unsigned.none(),
        )
        payment_form = PaymentForm(
            request.POST if request.POST.get("action") == "payment" else None,
            agreements=call.agreements.select_related("organisation", "district"),
        )
    if request.method == "POST":
        require_coordinator(request.user)
        action = request.POST.get("action")
        if action == "sign" and sign_form.is_valid():
            try:
                services.sign_agreement(
                    selection=sign_form.cleaned_data["selection"],
                    start_date=sign_form.cleaned_data["start_date"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(sign_form, error)
            else:
                messages.success(request, _("The grant agreement has been signed."))
                return redirect("brokers:agreements", call.pk)
        elif action == "appoint" and appoint_form.is_valid():
            data = appoint_form.cleaned_data
            broker = services.appoint_broker(
                agreement=data["agreement"],
                username=data["username"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                by=request.user,
                site_url=request.build_absolute_uri("/").rstrip("/"),
            )
            messages.success(
                request,
                _("%(broker)s has an account now and has been sent an invitation by e-mail.")
                % {"broker": broker.get_full_name()},
            )
            return redirect("brokers:agreements", call.pk)
        elif action == "payment" and payment_form.is_valid():
            try:
                services.record_payment(
                    agreement=payment_form.cleaned_data["agreement"],
                    month=payment_form.cleaned_data["month"],
                    paid_on=payment_form.cleaned_data["paid_on"],
                )
            except ValidationError as error:
                add_service_errors(payment_form, error)
            else:
                messages.success(request, _("The payment has been recorded."))
                return redirect("brokers:agreements", call.pk)
    committed = sum((a.total for a in agreements), Decimal(0))
    paid = sum((a.paid for a in agreements), Decimal(0))
    return render(
        request,
        "brokers/calls/agreements.html",
        {
            "call": call,
            "agreements": agreements,
            "committed": committed,
            "paid": paid,
            "uncommitted": call.total_budget - committed,
            "sign_form": sign_form if is_coordinator and unsigned else None,
            "payment_form": payment_form if is_coordinator and agreements else None,
            # Shown while an agreement lacks its broker, and with its errors after a post.
            "appoint_form": appoint_form
            if is_coordinator and (without_broker or appoint_form.is_bound)
            else None,
        },
    )


# Paper applications


def paper_application(request, pk):
    call = staff_call(request, pk, coordinator=True)
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
