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
    Membership,
    Organisation,
)

VIEW_PERMISSION = "clusters.view_clusterorganisation"
OFFICE_PERMISSION = "clusters.change_clusterorganisation"


def require_reader(user):
    if not user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied


def is_office(user):
    return user.has_perm(OFFICE_PERMISSION)


def managed_cluster_id(user):
    """The pk of the cluster organisation the user manages, or None."""
    cluster = getattr(user, "managed_cluster", None)
    return cluster.pk if cluster else None


def can_edit_cluster(user, cluster):
    return is_office(user) or (cluster.pk is not None and cluster.pk == managed_cluster_id(user))


def can_edit_project(user, project):
    return is_office(user) or project.clusters.filter(pk=managed_cluster_id(user) or 0).exists()


def can_see_contacts(user, organisation):
    """Office staff, and the manager of a cluster the organisation currently belongs to."""
    if user.has_perm("clusters.view_contactperson"):
        return True
    cluster_id = managed_cluster_id(user)
    return (
        bool(cluster_id)
        and organisation.memberships.current().filter(cluster_id=cluster_id).exists()
    )


def get_cluster(request, slug, *, edit=False):
    require_reader(request.user)
    cluster = get_object_or_404(
        ClusterOrganisation.objects.select_related("cluster_manager"), slug=slug
    )
    if edit and not can_edit_cluster(request.user, cluster):
        raise PermissionDenied
    return cluster


def get_membership(request, pk, *, edit=False):
    require_reader(request.user)
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "cluster", "project"), pk=pk
    )
    if edit and not can_edit_cluster(request.user, membership.cluster):
        raise PermissionDenied
    return membership


def get_organisation(request, pk, *, edit=False):
    require_reader(request.user)
    organisation = get_object_or_404(Organisation.objects.select_related("district"), pk=pk)
    if edit and not is_office(request.user):
        raise PermissionDenied
    return organisation


def get_project(request, pk, *, edit=False):
    require_reader(request.user)
    project = get_object_or_404(ClusterProject, pk=pk)
    if edit and not can_edit_project(request.user, project):
        raise PermissionDenied
    return project


def get_activity(request, pk, *, edit=False):
    require_reader(request.user)
    activity = get_object_or_404(Activity.objects.select_related("cluster", "service"), pk=pk)
    if edit and not can_edit_cluster(request.user, activity.cluster):
        raise PermissionDenied
    return activity


def get_contact_for_erasure(request, pk):
    if not request.user.has_perm("clusters.erase_contactperson"):
        raise PermissionDenied
    return get_object_or_404(ContactPerson.objects.select_related("organisation"), pk=pk)
