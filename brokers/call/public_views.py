"""The public side of the grant calls: anyone reads the calls; applicants
register, draft, submit and follow their applications."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from brokers.call import services
from brokers.call.access import get_application, is_applicant, require_applicant
from brokers.call.applicants import register_applicant
from brokers.call.application_forms import (
    AccountForm,
    ApplicantOrganisationForm,
    ApplicationForm,
    DocumentFormSet,
)
from brokers.call.models import Application, ApplicationStatus, GrantCall, GrantCallStatus
from core.downloads import protected_download
from core.forms import add_service_errors
from core.pagination import paginate

PUBLIC_STATUSES = [
    GrantCallStatus.PUBLISHED,
    GrantCallStatus.CLOSED,
    GrantCallStatus.UNDER_EVALUATION,
    GrantCallStatus.RESOLVED,
]


def _public_calls():
    return GrantCall.objects.filter(status__in=PUBLIC_STATUSES)


# Calls, for everyone


@login_not_required
def call_list(request):
    now = timezone.now()
    calls = list(_public_calls().prefetch_related("districts").order_by("closes_at", "reference"))
    context = {
        "open_calls": [c for c in calls if c.is_open],
        "upcoming_calls": [
            c for c in calls if c.status == GrantCallStatus.PUBLISHED and c.opens_at > now
        ],
        "resolved_calls": [c for c in calls if c.status == GrantCallStatus.RESOLVED],
    }
    return render(request, "brokers/public/call_list.html", context)


@login_not_required
def call_detail(request, reference):
    call = get_object_or_404(_public_calls(), reference=reference)
    applicant = is_applicant(request.user)
    context = {
        "call": call,
        "districts": call.districts.all(),
        "eligibility_criteria": call.eligibility_criteria.all(),
        "evaluation_criteria": call.evaluation_criteria.all(),
        "is_applicant": applicant,
        "own_applications": (
            call.applications.filter(organisation_id=request.user.organisation_id).select_related(
                "district"
            )
            if applicant
            else []
        ),
    }
    return render(request, "brokers/public/call_detail.html", context)


@login_not_required
def resolution(request, reference):
    """The published resolution of a call: public, like the call itself."""
    call = get_object_or_404(_public_calls(), reference=reference, status=GrantCallStatus.RESOLVED)
    return protected_download(call.resolution_document)


# Registration


@login_not_required
def register(request):
    if request.user.is_authenticated:
        return redirect("calls:call_list")
    account = AccountForm(request.POST or None, prefix="account")
    organisation_form = ApplicantOrganisationForm(request.POST or None, prefix="organisation")
    if request.method == "POST" and account.is_valid() and organisation_form.is_valid():
        try:
            user = register_applicant(
                user=account.save(commit=False), organisation=organisation_form.save(commit=False)
            )
        except ValidationError as error:
            add_service_errors(organisation_form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome, %(name)s: you can now apply to the open calls for %(organisation)s.")
                % {"name": user.first_name, "organisation": user.organisation.legal_name},
            )
            return redirect("calls:call_list")
    return render(
        request,
        "brokers/public/register.html",
        {"account_form": account, "organisation_form": organisation_form},
    )


# Applications, for their applicants


def _save_application(request, call, application):
    form = ApplicationForm(
        request.POST or None, request.FILES or None, instance=application, call=call
    )
    documents = DocumentFormSet(
        request.POST or None, request.FILES or None, instance=application, prefix="documents"
    )
    if request.method == "POST" and form.is_valid() and documents.is_valid():
        try:
            with transaction.atomic():
                application = services.save_application(
                    application=form.save(commit=False), statements=form.statements()
                )
                documents.instance = application
                documents.save()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your draft application has been saved. Submit it before the call closes."),
            )
            return redirect("calls:application_detail", pk=application.pk)
    return render(
        request,
        "brokers/public/application_form.html",
        {"form": form, "documents": documents, "call": call, "application": application},
    )


def apply(request, reference):
    require_applicant(request.user)
    call = get_object_or_404(_public_calls(), reference=reference)
    try:
        services.check_open(call)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("calls:call_detail", reference=call.reference)
    application = Application(
        call=call, organisation=request.user.organisation, created_by=request.user
    )
    return _save_application(request, call, application)


def _own_draft(request, pk):
    """The applicant's own application, or a redirect to it once submitted."""
    application = get_application(request, pk, for_change=True)
    if application.status != ApplicationStatus.DRAFT:
        messages.error(request, _("A submitted application can no longer be changed."))
        return application, redirect("calls:application_detail", pk=application.pk)
    return application, None


def application_edit(request, pk):
    application, refused = _own_draft(request, pk)
    if refused:
        return refused
    return _save_application(request, application.call, application)


def application_submit(request, pk):
    application, refused = _own_draft(request, pk)
    if refused:
        return refused
    if request.method == "POST":
        try:
            services.submit_application(application=application)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your application has been submitted."))
        return redirect("calls:application_detail", pk=application.pk)
    return render(request, "brokers/public/application_submit.html", {"application": application})


def application_detail(request, pk):
    application = get_application(request, pk)
    is_own_draft = (
        application.status == ApplicationStatus.DRAFT
        and is_applicant(request.user)
        and application.organisation_id == request.user.organisation_id
    )
    context = {
        "application": application,
        "statements": application.statements.select_related("criterion").order_by(
            "criterion__position", "criterion__pk"
        ),
        "documents": application.documents.all(),
        "can_change": is_own_draft,
    }
    return render(request, "brokers/public/application_detail.html", context)


def my_applications(request):
    require_applicant(request.user)
    applications = (
        Application.objects.filter(organisation_id=request.user.organisation_id)
        .select_related("call", "district")
        .order_by("-call__opens_at", "district__name")
    )
    return render(
        request,
        "brokers/public/my_applications.html",
        {"page": paginate(request, applications)},
    )


def application_document(request, pk, document_pk):
    application = get_application(request, pk)
    return protected_download(get_object_or_404(application.documents, pk=document_pk).file)


def application_cv(request, pk):
    return protected_download(get_application(request, pk).broker_cv)
