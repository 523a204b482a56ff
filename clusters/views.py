from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters import access, exports, services
from clusters.eligibility import european_eligibility
from clusters.filters import (
    ActivityFilter,
    ClusterFilter,
    MemberFilter,
    MemberStatus,
    ProjectFilter,
)
from clusters.forms import (
    CLUSTER_FORMSETS,
    ActivityForm,
    ClusterOrganisationForm,
    ClusterProjectForm,
    ContactFormSet,
    ConvertMembershipForm,
    EndMembershipForm,
    MembershipEditForm,
    MembershipForm,
    OrganisationForm,
    board_organisation_choices,
)
from clusters.models import (
    Activity,
    ClusterOrganisation,
    ClusterProject,
    ContactPerson,
    Membership,
    Organisation,
)
from core.audit import related_trail, trail_for
from core.downloads import protected_download
from core.exports import requested_format
from core.forms import add_service_errors
from core.lists import list_page
from core.pagination import paginate

MEMBERS_ON_CLUSTER_PAGE = 25
ORGANISATION_SEARCH_RESULTS = 25


# Cluster organisations


def cluster_list(request):
    access.require(request.user, access.VIEW_PERMISSION)
    clusters = ClusterFilter(request.GET, queryset=ClusterOrganisation.objects.for_list())
    return list_page(
        request,
        clusters,
        "clusters/cluster_list.html",
        exports.CLUSTERS,
        {"can_add": request.user.has_perm("clusters.add_clusterorganisation")},
    )


def cluster_detail(request, slug):
    cluster = access.get_cluster(request, slug)
    today = timezone.localdate()
    labels = list(cluster.labels.all())
    members = (
        cluster.memberships.active_on(today)
        .select_related("organisation__district", "project")
        .order_by("kind", "organisation__legal_name")
    )
    context = {
        "cluster": cluster,
        "can_edit": access.can_edit_cluster(request.user, cluster),
        "eligibility": european_eligibility(cluster, labels, today),
        "labels": labels,
        "services": cluster.services.all(),
        "board_members": cluster.board_members.select_related("organisation"),
        "networks": cluster.networks.all(),
        "members": members[:MEMBERS_ON_CLUSTER_PAGE],
        "member_count": members.count(),
        "former_member_count": cluster.memberships.filter(end_date__lt=today).count(),
        "projects": cluster.projects.order_by("-start_date")[:10],
        "activities": Activity.objects.for_list()
        .filter(
            Q(cluster=cluster) | Q(partner_clusters=cluster), date__gte=today - timedelta(days=365)
        )
        .distinct()[:10],
        "audit_trail": trail_for(request.user, cluster),
    }
    return render(request, "clusters/cluster_detail.html", context)


def _save_cluster(request, cluster):
    office = access.is_office(request.user)
    form = ClusterOrganisationForm(
        request.POST or None, request.FILES or None, instance=cluster, office=office
    )
    board_choices = board_organisation_choices(cluster) if cluster.pk else [("", "---------")]
    formsets = {
        prefix: (
            formset_class(
                request.POST or None,
                instance=cluster,
                prefix=prefix,
                form_kwargs={"organisation_choices": board_choices} if prefix == "board" else {},
            ),
            title,
        )
        for prefix, (formset_class, title, office_only) in CLUSTER_FORMSETS.items()
        if office or not office_only
    }
    if (
        request.method == "POST"
        and form.is_valid()
        and all(formset.is_valid() for formset, _title in formsets.values())
    ):
        with transaction.atomic():
            cluster = form.save()
            for formset, _title in formsets.values():
                formset.instance = cluster
                formset.save()
        messages.success(request, _("%(cluster)s has been saved.") % {"cluster": cluster})
        return redirect(cluster)
    return render(
        request,
        "clusters/cluster_form.html",
        {"form": form, "formsets": formsets.values(), "cluster": cluster},
    )


def cluster_create(request):
    access.require(request.user, "clusters.add_clusterorganisation")
    return _save_cluster(request, ClusterOrganisation())


def cluster_edit(request, slug):
    return _save_cluster(request, access.get_cluster(request, slug, for_change=True))


# Memberships


def member_directory(request):
    access.require(request.user, access.VIEW_PERMISSION)
    data = request.GET.copy()
    data.setdefault("status", MemberStatus.CURRENT)  # an empty choice shows everyone
    members = MemberFilter(data, queryset=Membership.objects.for_list())
    return list_page(request, members, "clusters/member_directory.html", exports.MEMBERS)


def agreements_expiring(request):
    access.require(request.user, access.VIEW_PERMISSION)
    memberships = Membership.objects.for_list().agreements_expiring()
    return render(
        request,
        "clusters/agreements_expiring.html",
        {"page": paginate(request, memberships)},
    )


def membership_add(request, slug):
    cluster = access.get_cluster(request, slug, for_change=True)
    organisation_pk = request.POST.get("organisation") or request.GET.get("organisation")
    if organisation_pk and not organisation_pk.isdecimal():
        raise Http404
    organisation = get_object_or_404(Organisation, pk=organisation_pk) if organisation_pk else None
    if organisation is None:
        if request.method == "POST":  # the form always sends the organisation it is for
            raise BadRequest
        # PostgreSQL refuses NUL in text: a NUL typed or pasted is dropped.
        query = request.GET.get("q", "").replace("\x00", "").strip()
        results = (
            Organisation.objects.for_list().filter(legal_name__icontains=query)[
                :ORGANISATION_SEARCH_RESULTS
            ]
            if query
            else []
        )
        return render(
            request,
            "clusters/membership_search.html",
            {"cluster": cluster, "query": query, "results": results},
        )
    form = MembershipForm(
        request.POST or None,
        request.FILES or None,
        cluster=cluster,
        initial={"organisation": organisation.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_membership(membership=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s is now a member of %(cluster)s.")
                % {"organisation": organisation, "cluster": cluster},
            )
            return redirect(cluster)
    return render(
        request,
        "clusters/membership_form.html",
        {"form": form, "cluster": cluster, "organisation": organisation},
    )


def membership_edit(request, pk):
    membership = access.get_membership(request, pk, for_change=True)
    form = MembershipEditForm(request.POST or None, request.FILES or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership(membership=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The membership has been saved."))
            return redirect(membership.cluster)
    return render(
        request,
        "clusters/membership_form.html",
        {
            "form": form,
            "cluster": membership.cluster,
            "organisation": membership.organisation,
            "membership": membership,
        },
    )


def membership_agreement(request, pk):
    """The temporary agreement of a provisional partner, for those who keep the cluster."""
    membership = access.get_membership(request, pk, for_change=True)
    return protected_download(membership.agreement_document)


def _membership_action(request, pk, form_class, action, template_title, button):
    """A confirmation page for ending or converting a membership, then the change."""
    membership = access.get_membership(request, pk, for_change=True)
    if membership.end_date is not None:
        messages.error(request, _("This membership has already ended."))
        return redirect(membership.cluster)
    form = form_class(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            message = action(membership, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect(membership.cluster)
    return render(
        request,
        "clusters/membership_confirm.html",
        {"form": form, "membership": membership, "title": template_title, "button": button},
    )


def membership_end(request, pk):
    def end(membership, data):
        services.end_membership(
            membership=membership, end_date=data["end_date"], reason=data["reason"]
        )
        return _("The membership of %(organisation)s ends on %(date)s.") % {
            "organisation": membership.organisation,
            "date": data["end_date"],
        }

    return _membership_action(
        request, pk, EndMembershipForm, end, _("End a membership"), _("End the membership")
    )


def membership_convert(request, pk):
    def convert(membership, data):
        services.convert_to_full_member(
            membership=membership, on=data["start_date"], fee_status=data["fee_status"]
        )
        return _("%(organisation)s is now a full member.") % {
            "organisation": membership.organisation
        }

    return _membership_action(
        request,
        pk,
        ConvertMembershipForm,
        convert,
        _("Convert a provisional partner into a full member"),
        _("Convert to full member"),
    )


# Organisations and their contact persons


def organisation_detail(request, pk):
    organisation = access.get_organisation(request, pk)
    see_contacts = access.can_see_contacts(request.user, organisation)
    context = {
        "organisation": organisation,
        "memberships": organisation.memberships.select_related("cluster", "project").order_by(
            "-start_date"
        ),
        "projects": organisation.projects.all(),
        "contacts": organisation.contacts.all() if see_contacts else None,
        "can_edit": access.is_office(request.user),
        "can_erase": request.user.has_perm("clusters.erase_contactperson"),
        "audit_trail": trail_for(request.user, organisation),
        "contact_trail": related_trail(ContactPerson.history, organisation_id=organisation.pk)
        if see_contacts and request.user.has_perm("accounts.view_audit_trail")
        else None,
    }
    return render(request, "clusters/organisation_detail.html", context)


def _safe_next(request):
    """The page to go back to, if it is one of the portal's own."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else ""


def organisation_create(request):
    access.require_cluster_editor(request.user)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(
            request, _("%(organisation)s has been added.") % {"organisation": organisation}
        )
        # Back to the page that asked for it (adding a member), with it chosen.
        next_url = _safe_next(request)
        if next_url:
            separator = "&" if "?" in next_url else "?"
            return redirect(f"{next_url}{separator}organisation={organisation.pk}")
        return redirect(organisation)
    return render(
        request, "clusters/organisation_form.html", {"form": form, "next": _safe_next(request)}
    )


def organisation_edit(request, pk):
    organisation = access.get_organisation(request, pk, for_change=True)
    form = OrganisationForm(request.POST or None, instance=organisation)
    contacts = ContactFormSet(request.POST or None, instance=organisation, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        with transaction.atomic():
            form.save()
            contacts.save()
        messages.success(
            request, _("%(organisation)s has been saved.") % {"organisation": organisation}
        )
        return redirect(organisation)
    return render(
        request,
        "clusters/organisation_form.html",
        {"form": form, "contacts": contacts, "organisation": organisation},
    )


@require_POST
def contact_export(request, pk):
    contact = access.get_contact_for_privacy_request(request, pk)
    data = services.export_contact_person(contact=contact, by=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.json"'
    return response


def contact_erase(request, pk):
    contact = access.get_contact_for_privacy_request(request, pk)
    if request.method == "POST":
        services.erase_contact_person(contact=contact)
        messages.success(request, _("The contact's personal data has been erased."))
        return redirect(contact.organisation)
    return render(request, "clusters/contact_erase.html", {"contact": contact})


def organisation_contacts(request, pk):
    """Keep an organisation's contact persons: the Office and its clusters' managers."""
    organisation = access.get_organisation_for_contacts(request, pk)
    contacts = ContactFormSet(request.POST or None, instance=organisation, prefix="contacts")
    if request.method == "POST" and contacts.is_valid():
        contacts.save()
        messages.success(request, _("The contact persons have been saved."))
        return redirect(organisation)
    return render(
        request,
        "clusters/organisation_contacts.html",
        {"contacts": contacts, "organisation": organisation},
    )


# Projects


def project_list(request):
    access.require(request.user, access.VIEW_PERMISSION)
    projects = ClusterProject.objects.all()
    projects = projects.for_export() if requested_format(request) else projects.for_list()
    projects = ProjectFilter(request.GET, queryset=projects)
    can_add = access.is_office(request.user) or bool(access.managed_cluster_id(request.user))
    return list_page(
        request, projects, "clusters/project_list.html", exports.PROJECTS, {"can_add": can_add}
    )


def project_detail(request, pk):
    project = access.get_project(request, pk)
    context = {
        "project": project,
        "clusters": project.clusters.all(),
        "partners": project.partners.select_related("district"),
        "provisional_partners": project.provisional_partners.select_related(
            "organisation", "cluster"
        ),
        "can_edit": access.can_edit_project(request.user, project),
        "audit_trail": trail_for(request.user, project),
    }
    return render(request, "clusters/project_detail.html", context)


def _save_project(request, project):
    own_cluster = None if access.is_office(request.user) else request.user.managed_cluster
    form = ClusterProjectForm(request.POST or None, instance=project, own_cluster=own_cluster)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            project = form.save()
        messages.success(request, _("The project has been saved."))
        return redirect(project)
    return render(request, "clusters/project_form.html", {"form": form, "project": project})


def project_create(request):
    access.require_cluster_editor(request.user)
    return _save_project(request, ClusterProject())


def project_edit(request, pk):
    return _save_project(request, access.get_project(request, pk, for_change=True))


# Activities


def activity_list(request):
    access.require(request.user, access.VIEW_PERMISSION)
    activities = ActivityFilter(request.GET, queryset=Activity.objects.for_list())
    return list_page(request, activities, "clusters/activity_list.html", exports.ACTIVITIES)


def activity_detail(request, pk):
    activity = access.get_activity(request, pk)
    context = {
        "activity": activity,
        "partner_clusters": activity.partner_clusters.all(),
        "participants": activity.participants.select_related("district"),
        "can_edit": access.can_edit_cluster(request.user, activity.cluster),
        "audit_trail": trail_for(request.user, activity),
    }
    return render(request, "clusters/activity_detail.html", context)


def _save_activity(request, activity, cluster):
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        cluster=cluster,
        office=access.is_office(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            activity = form.save()
        messages.success(request, _("The activity has been saved."))
        return redirect(activity)
    return render(
        request,
        "clusters/activity_form.html",
        {"form": form, "activity": activity, "cluster": cluster},
    )


def activity_create(request, slug):
    cluster = access.get_cluster(request, slug, for_change=True)
    return _save_activity(request, Activity(), cluster)


def activity_edit(request, pk):
    activity = access.get_activity(request, pk, for_change=True)
    return _save_activity(request, activity, activity.cluster)


def cluster_strategy(request, slug):
    """The cluster's strategy document, for everyone who may read the cluster."""
    return protected_download(access.get_cluster(request, slug).strategy_document)
