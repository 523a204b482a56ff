"""Memberships of organisations in cluster organisations, and provisional partners."""

from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusters.models.cluster_organisations import ClusterOrganisation
from clusters.models.organisations import Organisation
from clusters.models.projects import ClusterProject
from clusters.validators import DocumentValidator


class MembershipKind(models.TextChoices):
    FULL = "full", _("Full member")
    PROVISIONAL = "provisional", _("Provisional partner")


class FeeStatus(models.TextChoices):
    PAID = "paid", _("Paid")
    PENDING = "pending", _("Pending")
    OVERDUE = "overdue", _("Overdue")
    EXEMPT = "exempt", _("Exempt")


class EndReason(models.TextChoices):
    LEFT = "left", _("Left the cluster")
    PROJECT_ENDED = "project_ended", _("Project ended")
    CONVERTED = "converted", _("Became a full member")


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(Membership.active_q(day))

    def current(self):
        return self.active_on(timezone.localdate())

    def for_list(self):
        return self.select_related("organisation__district", "cluster", "project").order_by(
            "organisation__legal_name", "cluster__acronym", "-start_date", "pk"
        )

    def agreements_expiring(self, within=timedelta(days=30), today=None):
        """Provisional partners whose project (and so agreement) ends soon."""
        today = today or timezone.localdate()
        return (
            self.filter(kind=MembershipKind.PROVISIONAL, end_date__isnull=True)
            .filter(project__end_date__gte=today, project__end_date__lte=today + within)
            .order_by("project__end_date")
        )


class Membership(models.Model):
    """An organisation's membership of a cluster organisation over a period.

    A provisional partner joins for one cluster project under a temporary
    agreement, pays no fee, and stops being a partner when the project ends.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    cluster = models.ForeignKey(
        ClusterOrganisation,
        verbose_name=_("cluster organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=MembershipKind.choices, default=MembershipKind.FULL
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for ending"), max_length=20, choices=EndReason.choices, blank=True
    )
    fee_status = models.CharField(
        _("fee"), max_length=10, choices=FeeStatus.choices, default=FeeStatus.PENDING
    )
    project = models.ForeignKey(
        ClusterProject,
        verbose_name=_("cluster project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="provisional_partners",
        help_text=_("For provisional partners: the project they join."),
    )
    agreement_signed_on = models.DateField(
        _("temporary agreement signed on"), null=True, blank=True
    )
    agreement_document = models.FileField(
        _("temporary agreement"),
        upload_to="clusters/agreements/",
        blank=True,
        validators=[DocumentValidator(".pdf")],
        help_text=_("PDF, up to 10 MB."),
    )
    converted_from = models.OneToOneField(
        "self",
        verbose_name=_("converted from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="converted_to",
    )
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        # The lists count each cluster's committed members from this index alone
        # (ClusterOrganisationQuerySet.with_member_subquery).
        indexes = [
            models.Index(
                fields=["cluster", "kind", "start_date", "end_date"],
                name="membership_cluster_period",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=MembershipKind.PROVISIONAL) | Q(project__isnull=False),
                name="provisional_partner_has_project",
                violation_error_message=_("A provisional partner is tied to a cluster project."),
            ),
            # One open membership per organisation and cluster; overlapping
            # closed periods are refused too on PostgreSQL (migration 0002).
            models.UniqueConstraint(
                fields=["organisation", "cluster"],
                condition=Q(end_date__isnull=True),
                name="one_open_membership_per_cluster",
                violation_error_message=_("This organisation is already a member of this cluster."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.cluster}"

    @staticmethod
    def active_q(day, prefix=""):
        return Q(**{f"{prefix}start_date__lte": day}) & (
            Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
        )

    def is_active_on(self, day):
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    @property
    def agreement_ends_on(self):
        """A provisional partner's agreement lasts as long as its project."""
        return self.project.end_date if self.kind == MembershipKind.PROVISIONAL else None

    @property
    def days_left(self):
        ends = self.agreement_ends_on
        return (ends - timezone.localdate()).days if ends and self.end_date is None else None

    def overlapping(self):
        """Other memberships of the organisation in the cluster that share a day with this one."""
        far_future = date.max
        return (
            Membership.objects.filter(
                organisation_id=self.organisation_id, cluster_id=self.cluster_id
            )
            .exclude(pk=self.pk)
            .filter(start_date__lte=self.end_date or far_future)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
        )
