"""District service records, under /brokers/services/ (names brokers:service_…).

Who gets what: the readers of the network (coordinator, office staff,
officials, advisory committee) see every district's records; a broker sees
their own district's, and another district's record answers 404
(brokers/access.py). Only a broker with a district logs services: the
coordinator corrects them instead. A record's district broker corrects or
withdraws it within CORRECTION_WINDOW_DAYS of logging it, the coordinator at
any time. Evaluators, applicants and cluster managers get 403 on every page.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from brokers.network import services as district_services
from brokers.network.access import (
    can_correct_district_service,
    district_services_visible_to,
    get_district_service,
)
from brokers.network.filters import DistrictServiceFilter
from brokers.network.models import CORRECTION_WINDOW_DAYS
from brokers.network.service_forms import DistrictServiceForm, NewOrganisationForm
from core.access import require
from core.audit import trail_for
from core.exports import requested_format
from core.forms import add_service_errors
from core.lists import list_page

EXPORT = {
    "filename": "district-services",
    "columns": [
        (gettext_lazy("Date"), lambda s: s.date),
        (gettext_lazy("District"), lambda s: s.district.name),
        (gettext_lazy("Broker"), lambda s: str(s.broker)),
        (gettext_lazy("Service"), lambda s: str(s.service_type)),
        (
            gettext_lazy("Organisations served"),
            lambda s: "; ".join(o.legal_name for o in s.organisations.all()),
        ),
        (gettext_lazy("Channel"), lambda s: s.get_channel_display()),
        (gettext_lazy("Hours"), lambda s: s.hours),
        (gettext_lazy("Outcome"), lambda s: s.outcome),
        (gettext_lazy("Follow-up date"), lambda s: s.follow_up_on),
        (gettext_lazy("Follow-up done"), lambda s: s.follow_up_done_at),
        (
            gettext_lazy("Knowledge provider"),
            lambda s: s.knowledge_provider.legal_name if s.knowledge_provider else "",
        ),
        (gettext_lazy("Funding programme"), lambda s: s.funding_programme),
        (gettext_lazy("Cluster project"), lambda s: s.cluster_project),
        (gettext_lazy("Membership"), lambda s: s.membership),
        (gettext_lazy("Withdrawn at"), lambda s: s.withdrawn_at),
        (gettext_lazy("Reason for withdrawal"), lambda s: s.withdrawal_reason),
        (gettext_lazy("Record"), lambda s: s.pk),
    ],
}
NEW_ORGANISATION_FIELDS = set(NewOrganisationForm.base_fields)

VIEW_SERVICES = "brokers.view_districtservice"


def can_log(user):
    """Brokers log the services of their district; the coordinator has none."""
    return user.has_perm("brokers.add_districtservice") and user.district_id is not None


def _safe_next(request):
    next_url = request.POST.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else ""


def service_list(request):
    require(request.user, VIEW_SERVICES)
    services = district_services_visible_to(request.user)
    services = services.for_export() if requested_format(request) else services.for_list()
    return list_page(
        request,
        DistrictServiceFilter(request.GET, queryset=services, user=request.user),
        "brokers/services/service_list.html",
        EXPORT,
        {"can_add": can_log(request.user)},
    )


def service_detail(request, pk):
    require(request.user, VIEW_SERVICES)
    service = get_district_service(request, pk)
    context = {
        "service": service,
        "organisations": service.organisations.select_related("district"),
        "can_correct": can_correct_district_service(request.user, service),
        "can_close_follow_up": district_services.can_close_follow_up(request.user, service),
        "can_log": can_log(request.user),
        "window_days": CORRECTION_WINDOW_DAYS,
        "audit_trail": trail_for(request.user, service),
    }
    return render(request, "brokers/services/service_detail.html", context)


def _show_service_error(form, error):
    """A service's ValidationError on the form: the new organisation's fields
    on the quick-add block, the record's on theirs."""
    errors = getattr(error, "error_dict", None)
    if errors is None:
        add_service_errors(form, error)
        return
    organisation = {f: e for f, e in errors.items() if f in NEW_ORGANISATION_FIELDS}
    record = {f: e for f, e in errors.items() if f not in NEW_ORGANISATION_FIELDS}
    if record:
        add_service_errors(form, ValidationError(record))
    if organisation:
        add_service_errors(form.new_organisation, ValidationError(organisation))
        form.add_error(None, _("Check the new organisation's details below."))


def _quick_add_message(request, saved):
    added = saved.quick_added
    if added is None:
        return
    if added.created:
        messages.info(
            request,
            _("%(organisation)s has been added to the portal in %(district)s.")
            % {"organisation": added.organisation.legal_name, "district": saved.service.district},
        )
    else:
        messages.info(
            request,
            _(
                "An organisation with tax id %(tax_id)s was already in the portal: the record "
                "is linked to %(organisation)s."
            )
            % {"tax_id": added.organisation.tax_id, "organisation": added.organisation.legal_name},
        )


def _save(request, form, save):
    """The saved record, or None with the form saying why not."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(
            service=form.save(commit=False),
            organisations=list(form.cleaned_data["organisations"]),
            new_organisation=form.new_organisation.organisation(),
            by=request.user,
        )
    except ValidationError as error:
        _show_service_error(form, error)
        return None


def _form_page(request, form, *, district, service=None):
    return render(
        request,
        "brokers/services/service_form.html",
        {"form": form, "district": district, "service": service},
    )


def service_create(request):
    """The broker's quick log: made for a phone, the usual fields first."""
    if not can_log(request.user):
        raise PermissionDenied
    district = request.user.district
    form = DistrictServiceForm(request.POST or None, district=district)
    saved = _save(request, form, district_services.log_service)
    if saved is None:
        return _form_page(request, form, district=district)
    messages.success(request, _("The service has been logged."))
    _quick_add_message(request, saved)
    return redirect("brokers:service_detail", saved.service.pk)


def _cannot_correct(request, pk, *, withdrawing=False):
    """A 403 page that says why the record cannot be changed and who can."""
    service = get_district_service(request, pk)
    return render(
        request,
        "brokers/services/cannot_correct.html",
        {
            "service": service,
            "withdrawing": withdrawing,
            "is_broker": request.user.has_perm("brokers.change_districtservice"),
            "window_days": CORRECTION_WINDOW_DAYS,
        },
        status=403,
    )


def service_edit(request, pk):
    require(request.user, VIEW_SERVICES)
    try:
        service = get_district_service(request, pk, for_change=True)
    except PermissionDenied:
        return _cannot_correct(request, pk)
    form = DistrictServiceForm(request.POST or None, instance=service, district=service.district)
    saved = _save(request, form, district_services.correct_service)
    if saved is None:
        return _form_page(request, form, district=service.district, service=service)
    messages.success(request, _("The record has been corrected."))
    _quick_add_message(request, saved)
    return redirect("brokers:service_detail", saved.service.pk)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for withdrawal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("E.g. logged twice, or logged for the wrong organisation."),
    )


def service_withdraw(request, pk):
    """Confirm, with a reason, that a record logged in error is withdrawn."""
    require(request.user, VIEW_SERVICES)
    try:
        service = get_district_service(request, pk, for_change=True)
    except PermissionDenied:
        return _cannot_correct(request, pk, withdrawing=True)
    if service.is_withdrawn:
        messages.info(request, _("This record has already been withdrawn."))
        return redirect("brokers:service_detail", service.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            district_services.withdraw_service(
                service=service, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The record has been withdrawn: it no longer counts in any figure.")
            )
            return redirect("brokers:service_detail", service.pk)
    return render(
        request, "brokers/services/service_withdraw.html", {"form": form, "service": service}
    )


@require_POST
def service_follow_up_done(request, pk):
    """Mark a record's follow-up done: its district's broker or the coordinator."""
    require(request.user, VIEW_SERVICES)
    service = get_district_service(request, pk)
    if not district_services.may_follow_up(request.user, service):
        raise PermissionDenied
    was_done = service.follow_up_done_at is not None
    try:
        district_services.mark_follow_up_done(service=service, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if was_done:
            messages.info(request, _("The follow-up had already been marked done."))
        else:
            messages.success(request, _("The follow-up has been marked done."))
    next_url = _safe_next(request)
    return redirect(next_url) if next_url else redirect("brokers:service_detail", service.pk)
