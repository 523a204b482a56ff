"""The grant agreements of a call and their payments: the page the grant readers
(not evaluators) read, and the coordinator's actions on it, one POST each:
signing an agreement, appointing its broker, recording a payment."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brokers.call import exports, services
from brokers.call.access import MANAGE, get_call
from brokers.call.forms import AppointBrokerForm, PaymentForm, SignAgreementForm
from brokers.call.models import GrantCallStatus
from core.access import require
from core.exports import requested_format, tabular_export
from core.forms import add_service_errors

READ = "brokers.view_grantagreement"


def _unsigned(call):
    return call.selections.filter(agreement__isnull=True).select_related(
        "application__organisation", "district"
    )


def _without_broker(call):
    return call.agreements.filter(broker__isnull=True).select_related("organisation", "district")


def _sign_form(call, data=None):
    unsigned = _unsigned(call)
    # Agreements follow the published resolution.
    return SignAgreementForm(
        data, selections=unsigned if call.status == GrantCallStatus.RESOLVED else unsigned.none()
    )


def _appoint_form(call, data=None):
    return AppointBrokerForm(data, agreements=_without_broker(call))


def _payment_form(call, data=None):
    return PaymentForm(data, agreements=call.agreements.select_related("organisation", "district"))


def _rows(call):
    agreements = list(call.agreements.for_list())
    for agreement in agreements:
        agreement.remaining = agreement.total - agreement.paid
    return agreements


def _page(request, call, agreements, **posted):
    """The page, with the coordinator's forms; posted: the form just sent back
    with its errors, shown whatever the page would show otherwise."""
    forms = {}
    if request.user.has_perm(MANAGE):
        forms = {
            "sign_form": _sign_form(call) if _unsigned(call) else None,
            "appoint_form": _appoint_form(call) if _without_broker(call) else None,
            "payment_form": _payment_form(call) if agreements else None,
            **posted,
        }
    committed = sum((a.total for a in agreements), Decimal(0))
    return render(
        request,
        "brokers/calls/agreements.html",
        {
            "call": call,
            "agreements": agreements,
            "committed": committed,
            "paid": sum((a.paid for a in agreements), Decimal(0)),
            "uncommitted": call.total_budget - committed,
            **forms,
        },
    )


def agreements(request, pk):
    require(request.user, READ)
    call = get_call(request, pk)
    rows = _rows(call)
    fmt = requested_format(request)
    if fmt:
        return tabular_export(fmt, rows=rows, **exports.AGREEMENTS)
    return _page(request, call, rows)


def _changed_call(request, pk):
    require(request.user, READ)
    return get_call(request, pk, for_change=True)


@require_POST
def agreement_sign(request, pk):
    call = _changed_call(request, pk)
    form = _sign_form(call, request.POST)
    if form.is_valid():
        try:
            services.sign_agreement(
                selection=form.cleaned_data["selection"],
                start_date=form.cleaned_data["start_date"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The grant agreement has been signed."))
            return redirect("brokers:agreements", call.pk)
    return _page(request, call, _rows(call), sign_form=form)


@require_POST
def broker_appoint(request, pk):
    call = _changed_call(request, pk)
    form = _appoint_form(call, request.POST)
    if form.is_valid():
        data = form.cleaned_data
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
    return _page(request, call, _rows(call), appoint_form=form)


@require_POST
def payment_record(request, pk):
    call = _changed_call(request, pk)
    form = _payment_form(call, request.POST)
    if form.is_valid():
        try:
            services.record_payment(
                agreement=form.cleaned_data["agreement"],
                month=form.cleaned_data["month"],
                paid_on=form.cleaned_data["paid_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The payment has been recorded."))
            return redirect("brokers:agreements", call.pk)
    return _page(request, call, _rows(call), payment_form=form)
