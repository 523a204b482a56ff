from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as AuthUserManager
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import Role


class UserQuerySet(models.QuerySet):
    def with_role(self, role):
        return self.filter(groups__name=role)

    def active_brokers(self):
        """The innovation brokers who still work in the network."""
        return self.with_role(Role.INNOVATION_BROKER).filter(is_active=True)

    def for_list(self):
        return self.select_related("district").prefetch_related("groups")


class UserManager(AuthUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who works in the portal; their roles are their groups.

    An innovation broker works in one district. A cluster manager's cluster
    organisation points at them (ClusterOrganisation.cluster_manager).
    """

    district = models.ForeignKey(
        "districts.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text=_("Required for innovation brokers: the district they serve."),
    )
    organisation = models.ForeignKey(
        "clusters.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text=_("For grant applicants: the organisation they apply for."),
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("view_audit_trail", _("Can see who changed records and when"))]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def roles(self):
        """The user's roles in the portal's order (uses prefetched groups)."""
        names = {group.name for group in self.groups.all()}
        return [role for role in Role if role.value in names]

    def has_role(self, role):
        return role in self.roles
