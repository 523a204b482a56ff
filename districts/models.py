"""The districts (comarcas) of the region: every app's geography.

The network has one innovation broker in each, organisations sit in them, and
grant calls select per district. The people and the services that the
querysets below read belong to apps above this one; each is reached through
its reverse relation to District, so this app imports none of them.
"""

from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DistrictQuerySet(models.QuerySet):
    def with_brokers(self):
        """Prefetch each district's active innovation brokers into .brokers."""
        people = self.model.people.field.model
        return self.prefetch_related(
            Prefetch("people", queryset=people.objects.active_brokers(), to_attr="brokers")
        )

    def with_last_service(self, today):
        """Each district's latest delivered service up to today, as .last_service.

        A subquery per district reads its newest record from the (district, date)
        index; an aggregate over the join would read every service ever logged."""
        services = self.model.services.field.model
        latest = (
            services.objects.filter(
                district=OuterRef("pk"), withdrawn_at__isnull=True, date__lte=today
            )
            .order_by("-date")
            .values("date")[:1]
        )
        return self.annotate(last_service=Subquery(latest))

    def without_activity_since(self, day, today):
        """Districts with no delivered service from day to today (or none at all)."""
        return self.with_last_service(today).filter(
            Q(last_service__isnull=True) | Q(last_service__lt=day)
        )


class District(models.Model):
    """An administrative district (comarca); the network has one broker in each."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    is_rural = models.BooleanField(
        _("rural"),
        default=True,
        help_text=_("Rural districts are reported apart: decentralising innovation is the aim."),
    )
    # The tables keep the names they had when districts were part of brokers.
    history = HistoricalRecords(table_name="brokers_historicaldistrict")

    objects = DistrictQuerySet.as_manager()

    class Meta:
        db_table = "brokers_district"
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name
