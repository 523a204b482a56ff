"""Industry needs, technology offers and their matches (brokers:need_…,
brokers:offer_…, brokers:match_…).

Who gets what: the network's readers (coordinator, office staff, officials,
advisory committee) read every need; a broker reads their own district's
needs and every district's open needs (another district's need that is not
open answers 404: it is not the network's to share), and every offer. The
coordinator and the broker of the need's district change a need, match it
with an offer and follow its matches up to their results (a broker of
another district gets 403); an offer is changed by whoever added it or by the
coordinator. Roles without the network's permissions get 403 on every page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from brokers.network import matching
from brokers.network.access import (
    COORDINATE_NETWORK,
    can_change_need,
    can_change_offer,
    can_follow_up_match,
    get_match,
    get_need,
    get_offer,
    needs_visible_to,
    offers_visible_to,
)
from brokers.network.matching_filters import NeedFilter, OfferFilter
from brokers.network.matching_forms import MatchForm, MatchResultForm, NeedForm, OfferForm
from brokers.network.models import IndustryNeed, MatchResult, NeedStatus, TechnologyOffer
from core.access import require
from core.audit import trail_for
from core.forms import add_service_errors
from core.lists import list_page
from core.templatetags.portal import yes_no

NEEDS_EXPORT = {
    "filename": "industry-needs",
    "columns": [
        (gettext_lazy("Title"), lambda n: n.title),
        (gettext_lazy("District"), lambda n: n.district.name),
        (gettext_lazy("Organisation"), lambda n: n.organisation.legal_name),
        (gettext_lazy("Tax id"), lambda n: n.organisation.tax_id),
        (gettext_lazy("Sector"), lambda n: n.sector),
        (gettext_lazy("Technology area"), lambda n: n.get_technology_area_display()),
        (gettext_lazy("Status"), lambda n: n.get_status_display()),
        (gettext_lazy("Matches"), lambda n: n.match_count),
        (gettext_lazy("Compiled by"), lambda n: n.compiled_by.get_full_name()),
        (gettext_lazy("Compiled at"), lambda n: n.created_at),
        (gettext_lazy("Description"), lambda n: n.description),
    ],
}

OFFERS_EXPORT = {
    "filename": "technology-offers",
    "columns": [
        (gettext_lazy("Title"), lambda o: o.title),
        (gettext_lazy("Knowledge provider"), lambda o: o.provider.legal_name),
        (gettext_lazy("Technology area"), lambda o: o.get_technology_area_display()),
        (gettext_lazy("Available"), lambda o: yes_no(o.is_active)),
        (gettext_lazy("Matches"), lambda o: o.match_count),
        (gettext_lazy("Contact"), lambda o: o.contact),
        (gettext_lazy("Added"), lambda o: o.created_at),
        (gettext_lazy("Description"), lambda o: o.description),
    ],
}


def _data(request):
    """The posted data, also when a form was posted empty."""
    return request.POST if request.method == "POST" else None


def _is_coordinator(user):
    return user.has_perm(COORDINATE_NETWORK)


def _district_to_compile_in(user):
    """A broker compiles needs in their own district (None: the coordinator
    chooses one); anyone else gets 403."""
    require(user, "brokers.add_industryneed")
    if _is_coordinator(user):
        return None
    if not user.district_id:
        raise PermissionDenied
    return user.district


def _can_compile_needs(user):
    return user.has_perm("brokers.add_industryneed") and (
        _is_coordinator(user) or bool(user.district_id)
    )


# Industry needs


def _need_tabs(request):
    """Quick views over the list: everything the user may see, the open needs
    across the network and, for a broker, their own district."""
    status, district = request.GET.get("status", ""), request.GET.get("district", "")
    others = [key for key, value in request.GET.items() if value and key not in ("o", "page")]
    tabs = [
        (_("All I can see"), "", not others),
        (
            _("Open needs across the network"),
            f"?status={NeedStatus.OPEN}",
            others == ["status"] and status == NeedStatus.OPEN,
        ),
    ]
    if request.user.district_id:
        slug = request.user.district.slug
        tabs.append(
            (
                _("My district (%(district)s)") % {"district": request.user.district},
                f"?district={slug}",
                others == ["district"] and district == slug,
            )
        )
    return tabs


def need_list(request):
    require(request.user, "brokers.view_industryneed")
    needs = NeedFilter(request.GET, queryset=needs_visible_to(request.user).for_list())
    return list_page(
        request,
        needs,
        "brokers/matching/need_list.html",
        NEEDS_EXPORT,
        {"can_add": _can_compile_needs(request.user), "tabs": _need_tabs(request)},
    )


def need_detail(request, pk):
    require(request.user, "brokers.view_industryneed")
    need = get_need(request, pk)
    user = request.user
    can_change = can_change_need(user, need)
    matches = list(
        need.matches.select_related(
            "offer__provider", "matched_by", "result_recorded_by", "cluster_project"
        )
    )
    for match in matches:
        match.can_follow_up = can_follow_up_match(user, match)
    can_match = (
        can_change
        and user.has_perm("brokers.add_needoffermatch")
        and need.status != NeedStatus.CLOSED
    )
    context = {
        "need": need,
        "matches": matches,
        "can_change": can_change,
        "match_form": MatchForm(need=need) if can_match else None,
        "transitions": list(need.transitions.select_related("by")),
        "audit_trail": trail_for(user, need),
    }
    return render(request, "brokers/matching/need_detail.html", context)


def _save_need(request, need, district):
    form = NeedForm(_data(request), instance=need, district=district)
    if request.method == "POST" and form.is_valid():
        try:
            if need.pk is None:
                need = matching.create_need(need=form.save(commit=False), by=request.user)
            else:
                need = matching.change_need(need=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The need “%(need)s” has been saved.") % {"need": need})
            return redirect("brokers:need_detail", need.pk)
    return render(
        request,
        "brokers/matching/need_form.html",
        {"form": form, "need": need, "district": district},
    )


def need_create(request):
    return _save_need(request, IndustryNeed(), _district_to_compile_in(request.user))


def need_edit(request, pk):
    require(request.user, "brokers.change_industryneed")
    need = get_need(request, pk, for_change=True)
    # The coordinator may move a need to another district; a broker's stays theirs.
    return _save_need(request, need, None if _is_coordinator(request.user) else need.district)


@require_POST
def need_match(request, pk):
    require(request.user, "brokers.add_needoffermatch")
    need = get_need(request, pk, for_change=True)
    form = MatchForm(request.POST, need=need)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("brokers:need_detail", need.pk)
    offer = form.cleaned_data["offer"]
    try:
        matching.match_need(need=need, offer=offer, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The need has been matched with “%(offer)s”. Follow the match up to its result.")
            % {"offer": offer},
        )
    return redirect("brokers:need_detail", need.pk)


def _change_need_status(request, pk, change, done):
    require(request.user, "brokers.change_industryneed")
    need = get_need(request, pk, for_change=True)
    try:
        change(need=need, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("brokers:need_detail", need.pk)


@require_POST
def need_close(request, pk):
    """Close a need: it leaves the network's open needs."""
    return _change_need_status(request, pk, matching.close_need, _("The need has been closed."))


@require_POST
def need_reopen(request, pk):
    """Reopen a closed need: open again, or matched if a match is still live."""
    return _change_need_status(request, pk, matching.reopen_need, _("The need has been reopened."))


# Matches


def match_result(request, pk):
    """Follow a match up to its result: contact made, a project, or no fit."""
    require(request.user, "brokers.change_needoffermatch")
    match = get_match(request, pk, for_change=True)
    need = match.need
    form = MatchResultForm(_data(request), match=match)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            matching.record_match_result(
                match=match,
                result=data["result"],
                notes=data["notes"],
                cluster_project=data["cluster_project"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            need.refresh_from_db(fields=["status"])
            message = _("The result of the match has been recorded.")
            if data["result"] == MatchResult.NO_FIT and need.status == NeedStatus.OPEN:
                message += " " + _("The need is open to the whole network again.")
            messages.success(request, message)
            return redirect("brokers:need_detail", need.pk)
    return render(
        request,
        "brokers/matching/match_result_form.html",
        {"form": form, "match": match, "need": need},
    )


# Technology offers


def offer_list(request):
    require(request.user, "brokers.view_technologyoffer")
    offers = OfferFilter(request.GET, queryset=offers_visible_to(request.user).for_list())
    return list_page(
        request,
        offers,
        "brokers/matching/offer_list.html",
        OFFERS_EXPORT,
        {"can_add": request.user.has_perm("brokers.add_technologyoffer")},
    )


def offer_detail(request, pk):
    require(request.user, "brokers.view_technologyoffer")
    offer = get_offer(request, pk)
    # Only the matches of needs the user may see: another district's need
    # that is no longer open is not the network's to share.
    matches = list(
        offer.matches.filter(need__in=needs_visible_to(request.user)).select_related(
            "need__district", "need__organisation", "matched_by"
        )
    )
    context = {
        "offer": offer,
        "matches": matches,
        "hidden_matches": offer.matches.count() - len(matches),
        "can_edit": can_change_offer(request.user, offer),
        "audit_trail": trail_for(request.user, offer),
    }
    return render(request, "brokers/matching/offer_detail.html", context)


def _save_offer(request, offer):
    form = OfferForm(_data(request), instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            offer = matching.save_offer(offer=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The offer “%(offer)s” has been saved.") % {"offer": offer})
            return redirect("brokers:offer_detail", offer.pk)
    return render(request, "brokers/matching/offer_form.html", {"form": form, "offer": offer})


def offer_create(request):
    require(request.user, "brokers.add_technologyoffer")
    return _save_offer(request, TechnologyOffer())


def offer_edit(request, pk):
    require(request.user, "brokers.change_technologyoffer")
    return _save_offer(request, get_offer(request, pk, for_change=True))
