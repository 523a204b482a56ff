"""Cluster organisations, their labels, board, networks and service catalogue."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusters.models.organisations import Organisation
from clusters.validators import DocumentValidator


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster organisation")
    EXPORT_CONSORTIUM = "export_consortium", _("Export consortium")


class Ris3Priority(models.TextChoices):
    ADVANCED_MANUFACTURING = "advanced_manufacturing", _("Advanced manufacturing and industry 4.0")
    MARITIME = "maritime", _("Maritime economy and marine energies")
    AGRI_FOOD = "agri_food", _("Agri-food")
    HEALTH_BIOTECH = "health_biotech", _("Health and biotechnology")
    ICT = "ict", _("ICT and digitalisation")
    TOURISM_CULTURE = "tourism_culture", _("Tourism and cultural heritage")
    ENERGY_ENVIRONMENT = "energy_environment", _("Energy and environment")


class DevelopmentStage(models.TextChoices):
    IMMATURE = "immature", _("Immature")
    MATURE = "mature", _("Mature")
    IN_TRANSITION = "in_transition", _("In transition")


class ClusterStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


class LabelLevel(models.TextChoices):
    BRONZE = "bronze", _("Bronze")
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")


# European eligibility thresholds shown on the cluster page.
MIN_COMMITTED_MEMBERS = 15
MIN_HELIX_TYPES = 2
LABEL_EXPIRY_WARNING = timedelta(days=365)


class ClusterOrganisationQuerySet(models.QuerySet):
    def with_member_counts(self, on=None):
        """Annotate committed_members: full members on the given day (today)."""
        from clusters.models.memberships import Membership, MembershipKind  # it imports this module

        on = on or timezone.localdate()
        current_full = Q(memberships__kind=MembershipKind.FULL) & Membership.active_q(
            on, prefix="memberships__"
        )
        return self.annotate(committed_members=Count("memberships", filter=current_full))

    def with_member_subquery(self, on=None):
        """committed_members as with_member_counts, counted by a subquery per cluster
        from the (cluster, kind, period) index instead of grouping the clusters joined
        to every membership they ever had: for lists. Not to be combined with other
        aggregates (the subquery would be grouped by and run for every joined row)."""
        from clusters.models.memberships import Membership, MembershipKind  # it imports this module

        on = on or timezone.localdate()
        members = (
            Membership.objects.filter(
                Membership.active_q(on), cluster=OuterRef("pk"), kind=MembershipKind.FULL
            )
            .order_by()
            .values("cluster")
            .annotate(count=Count("*"))  # not the id: the index alone answers
            .values("count")
        )
        return self.annotate(committed_members=Coalesce(Subquery(members), 0))

    def with_current_label(self, on=None):
        on = on or timezone.localdate()
        labels = ClusterLabel.objects.filter(awarded_on__lte=on, expires_on__gte=on).order_by(
            "-expires_on"
        )
        return self.prefetch_related(Prefetch("labels", queryset=labels, to_attr="current_labels"))

    def for_list(self):
        # Aggregating drops Meta.ordering, so lists order explicitly.
        return (
            self.select_related("cluster_manager")
            .with_member_subquery()
            .with_current_label()
            .order_by("name", "pk")
        )

    def with_label_level(self, level, on=None):
        on = on or timezone.localdate()
        valid = ClusterLabel.objects.filter(
            cluster=OuterRef("pk"), level=level, awarded_on__lte=on, expires_on__gte=on
        )
        return self.filter(Exists(valid))


class ClusterOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, unique=True)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ClusterKind.choices, default=ClusterKind.CLUSTER
    )
    sector = models.CharField(_("sector"), max_length=150)
    sector_en = models.CharField(_("sector (English)"), max_length=150, blank=True)
    ris3_priority = models.CharField(
        _("RIS3 priority area"), max_length=30, choices=Ris3Priority.choices
    )
    development_stage = models.CharField(
        _("development stage"),
        max_length=20,
        choices=DevelopmentStage.choices,
        default=DevelopmentStage.IMMATURE,
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ClusterStatus.choices, default=ClusterStatus.ACTIVE
    )
    website = models.URLField(_("website"), blank=True)
    cluster_manager = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cluster manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_cluster",
        limit_choices_to={"groups__name": "cluster_manager"},
        help_text=_("The Office's cluster manager assigned to this cluster organisation."),
    )
    strategy = models.TextField(_("strategy"), blank=True)
    strategy_document = models.FileField(
        _("strategy document"),
        upload_to="clusters/strategies/",
        blank=True,
        validators=[DocumentValidator(".pdf", ".docx")],
        help_text=_("PDF or DOCX, up to 10 MB."),
    )
    esca_benchmarked_on = models.DateField(_("ESCA benchmarking date"), null=True, blank=True)
    eccp_profile_url = models.URLField(_("ECCP profile"), blank=True)
    history = HistoricalRecords()

    objects = ClusterOrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster organisation")
        verbose_name_plural = _("cluster organisations")

    def __str__(self):
        return self.acronym

    def get_absolute_url(self):
        return reverse("clusters:cluster_detail", args=[self.slug])

    @property
    def localised_sector(self):
        return self.sector_en if self.sector_en and get_language() == "en" else self.sector


class ClusterLabel(models.Model):
    """A European cluster excellence label (ESCA/EUCLES)."""

    cluster = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="labels"
    )
    level = models.CharField(_("label"), max_length=10, choices=LabelLevel.choices)
    awarded_on = models.DateField(_("awarded on"))
    expires_on = models.DateField(_("expires on"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-awarded_on"]
        verbose_name = _("cluster excellence label")
        verbose_name_plural = _("cluster excellence labels")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("awarded_on")),
                name="label_expires_after_award",
                violation_error_message=_("A label expires after it is awarded."),
            )
        ]

    def __str__(self):
        return f"{self.get_level_display()} ({self.awarded_on.year})"


class BoardMember(models.Model):
    """A member of the cluster organisation's Executive Board."""

    cluster = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="board_members"
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=100)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    started_on = models.DateField(_("since"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("executive board member")
        verbose_name_plural = _("executive board members")

    def __str__(self):
        return f"{self.name} ({self.position})"


class NetworkParticipation(models.Model):
    """Participation of a cluster in an international network or platform."""

    cluster = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="networks"
    )
    network = models.CharField(_("international network"), max_length=150)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["network"]
        verbose_name = _("international network")
        verbose_name_plural = _("international networks")

    def __str__(self):
        return self.network


class ServiceKind(models.TextChoices):
    MATCHMAKING = "matchmaking", _("Matchmaking events")
    JOINT_RD = "joint_rd", _("Joint R&D projects")
    TRAINING = "training", _("Training")
    TRADESHOW = "tradeshow", _("Tradeshow representation")
    DISSEMINATION = "dissemination", _("Dissemination of calls and opportunities")
    OTHER = "other", _("Other")


class ClusterService(models.Model):
    """A service of the cluster's service catalogue."""

    cluster = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="services"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("audience"), max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("service")
        verbose_name_plural = _("service catalogue")

    def __str__(self):
        return self.title
