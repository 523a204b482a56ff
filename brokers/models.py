from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DistrictQuerySet(models.QuerySet):
    def with_brokers(self):
        """Prefetch each district's active innovation brokers into .brokers."""
        from django.contrib.auth import get_user_model

        from accounts.roles import Role

        brokers = get_user_model().objects.with_role(Role.INNOVATION_BROKER).filter(is_active=True)
        return self.prefetch_related(Prefetch("people", queryset=brokers, to_attr="brokers"))


class District(models.Model):
    """An administrative district (comarca); the network has one broker in each."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    is_rural = models.BooleanField(
        _("rural"),
        default=True,
        help_text=_("Rural districts are reported apart: decentralising innovation is the aim."),
    )
    history = HistoricalRecords()

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name
