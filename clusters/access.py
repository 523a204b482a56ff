"""Who may see and change cluster data: every view fetches through these.

Office staff change everything; a cluster manager changes only the cluster
organisation assigned to them and what belongs to it; the other roles with
the view permission read.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from clusters.models import (
    Activity,
    ClusterOrganisation,
    ClusterProject,
    ContactPerson,
    MemberImport,
    Membership,
    Organisation,
)
from core.access import require

VIEW_PERMISSION = "clusters.view_clusterorganisation"
OFFICE_PERMISSION = "clusters.change_clusterorganisation"


def is_office(user):
    return user.has_perm(OFFICE_PERMISSION)


def managed_cluster_id(user):
    """The pk of the cluster organisation the user manages, or None."""
    cluster = getattr(user, "managed_cluster", None)
    return cluster.pk if cluster else None


def can_edit_cluster(user, cluster):
    return is_office(user) or (cluster.pk is not None and cluster.pk == managed_cluster_id(user))


def can_edit_project(user, project):
    """A shared project belongs to all its clusters: only the Office changes it."""
    if is_office(user):
        return True
    own = managed_cluster_id(user)
    return bool(own) and list(project.clusters.values_list("pk", flat=True)) == [own]


def require_cluster_editor(user):
    """Office staff, or a cluster manager who has a cluster organisation to edit: the
    door of the pages that add an organisation or a project, more than one require()."""
    require(user, VIEW_PERMISSION)
    if not (is_office(user) or managed_cluster_id(user)):
        raise PermissionDenied


def can_see_contacts(user, organisation):
    """Office staff, and the manager of a cluster the organisation currently belongs to."""
    if user.has_perm("clusters.view_contactperson"):
        return True
    cluster_id = managed_cluster_id(user)
    return (
        bool(cluster_id)
        and organisation.memberships.current().filter(cluster_id=cluster_id).exists()
    )


def get_cluster(request, slug, *, for_change=False):
    require(request.user, VIEW_PERMISSION)
    cluster = get_object_or_404(
        ClusterOrganisation.objects.select_related("cluster_manager"), slug=slug
    )
    if for_change and not can_edit_cluster(request.user, cluster):
        raise PermissionDenied
    return cluster


def get_membership(request, pk, *, for_change=False):
    require(request.user, VIEW_PERMISSION)
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "cluster", "project"), pk=pk
    )
    if for_change and not can_edit_cluster(request.user, membership.cluster):
        raise PermissionDenied
    return membership


def get_organisation(request, pk, *, for_change=False):
    require(request.user, VIEW_PERMISSION)
    organisation = get_object_or_404(Organisation.objects.select_related("district"), pk=pk)
    if for_change and not is_office(request.user):
        raise PermissionDenied
    return organisation


def get_project(request, pk, *, for_change=False):
    require(request.user, VIEW_PERMISSION)
    project = get_object_or_404(ClusterProject, pk=pk)
    if for_change and not can_edit_project(request.user, project):
        raise PermissionDenied
    return project


def get_activity(request, pk, *, for_change=False):
    require(request.user, VIEW_PERMISSION)
    activity = get_object_or_404(Activity.objects.select_related("cluster", "service"), pk=pk)
    if for_change and not can_edit_cluster(request.user, activity.cluster):
        raise PermissionDenied
    return activity


def get_contact_for_privacy_request(request, pk):
    """A contact person whose data is to be exported or erased: Office staff only."""
    require(request.user, "clusters.erase_contactperson")
    return get_object_or_404(ContactPerson.objects.select_related("organisation"), pk=pk)


def get_organisation_for_contacts(request, pk):
    """An organisation whose contact persons the user may see and keep."""
    organisation = get_organisation(request, pk)
    if not can_see_contacts(request.user, organisation):
        raise PermissionDenied
    return organisation


def get_member_import(request, pk):
    """An uploaded file of members, for those who may change its cluster: only they
    upload, preview and import."""
    member_import = get_object_or_404(
        MemberImport.objects.select_related("cluster", "uploaded_by"), pk=pk
    )
    get_cluster(request, member_import.cluster.slug, for_change=True)
    return member_import
