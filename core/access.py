"""The one permission check every app's access rules are built on."""

from django.core.exceptions import PermissionDenied


def require(user, permission):
    """Refuse (403) unless the user has the permission."""
    if not user.has_perm(permission):
        raise PermissionDenied
