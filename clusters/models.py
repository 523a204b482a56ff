import unicodedata
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusters.validators import DocumentValidator, validate_nace_code, validate_tax_id

# Legal-form words that do not tell two organisations apart.
LEGAL_FORMS = {"sa", "sl", "slu", "sau", "sll", "scoop", "coop", "sc", "cb", "aie", "sociedad"}


def name_key(name):
    """A name reduced for comparison: no accents, case, punctuation or legal form."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in plain.replace(".", "")).split()
    return " ".join(w for w in words if w not in LEGAL_FORMS)


class HelixType(models.TextChoices):
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University")
    RESEARCH_CENTRE = "research_centre", _("R&D or technology centre")
    PUBLIC_ADMINISTRATION = "public_administration", _("Public administration")
    ASSOCIATION = "association", _("Association or other")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class OrganisationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("district")


# What the Office records about an organisation (its form and the member import).
ORGANISATION_FIELDS = (
    "legal_name",
    "short_name",
    "tax_id",
    "helix_type",
    "size_class",
    "district",
    "municipality",
    "nace_code",
    "website",
)


class Organisation(models.Model):
    """A company, university, centre, administration or association.

    Shared by every part of the portal: cluster members, grant applicants and
    the organisations brokers serve.
    """

    legal_name = models.CharField(_("legal name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    tax_id = models.CharField(
        _("tax id"),
        max_length=15,
        blank=True,
        validators=[validate_tax_id],
        help_text=_("Spanish NIF, CIF or NIE, e.g. B39123456."),
    )
    helix_type = models.CharField(_("type"), max_length=30, choices=HelixType.choices)
    size_class = models.CharField(
        _("size class"),
        max_length=10,
        choices=SizeClass.choices,
        blank=True,
        help_text=_("Required for companies."),
    )
    district = models.ForeignKey(
        "districts.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Empty for organisations outside the region."),
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    nace_code = models.CharField(
        _("sector (NACE code)"), max_length=8, blank=True, validators=[validate_nace_code]
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["name_key"])

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # Lists sort by name (the member directory through its memberships): with
        # this index a page of 25 is read in name order instead of sorting them all.
        indexes = [models.Index(fields=["legal_name"], name="organisation_legal_name")]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_id"],
                condition=~Q(tax_id=""),
                name="organisation_tax_id_unique",
                violation_error_code="unique",
                violation_error_message=_("An organisation with this tax id already exists."),
            ),
            models.CheckConstraint(
                condition=~Q(helix_type=HelixType.COMPANY) | ~Q(size_class=""),
                name="organisation_company_has_size",
                violation_error_message=_("A company needs a size class."),
            ),
        ]

    def __str__(self):
        return self.short_name or self.legal_name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.legal_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clusters:organisation_detail", args=[self.pk])


class ContactPerson(models.Model):
    """A person to contact at an organisation: personal data, shown only to those
    who need it and erased on request."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        permissions = [("erase_contactperson", _("Can export and erase a contact's personal data"))]

    def __str__(self):
        return self.name


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


class ProjectScope(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    INTER_CLUSTER = "inter_cluster", _("Inter-cluster")
    INTERREGIONAL = "interregional", _("Interregional")
    TRANSNATIONAL = "transnational", _("Transnational")


class FundingProgramme(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    HORIZON_EUROPE = "horizon_europe", _("EU: Horizon Europe")
    INTERREG = "interreg", _("EU: Interreg")
    OTHER_EU = "other_eu", _("EU: other programme")
    PRIVATE = "private", _("Own or private funds")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ClusterProjectQuerySet(models.QuerySet):
    def for_list(self):
        return self.prefetch_related("clusters").order_by("-start_date", "title", "pk")

    def for_export(self):
        """for_list() with each project's number of partners, a column of the
        download only: the page's query and its count are not grouped over them."""
        return self.for_list().annotate(partner_count=Count("partners"))


class ClusterProject(models.Model):
    """A joint R&D and innovation project of one or more clusters."""

    title = models.CharField(_("title"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=ProjectScope.choices)
    clusters = models.ManyToManyField(
        ClusterOrganisation, verbose_name=_("cluster organisations"), related_name="projects"
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), related_name="projects", blank=True
    )
    funding_programme = models.CharField(
        _("funding programme"), max_length=20, choices=FundingProgramme.choices
    )
    budget = models.DecimalField(_("budget (EUR)"), max_digits=12, decimal_places=2)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    history = HistoricalRecords()

    objects = ClusterProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("cluster project")
        verbose_name_plural = _("cluster projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="project_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.acronym or self.title

    def get_absolute_url(self):
        return reverse("clusters:project_detail", args=[self.pk])


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


class ActivityQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("cluster", "service")
            .annotate(partner_cluster_count=Count("partner_clusters", distinct=True))
            .order_by("-date", "title", "pk")
        )


class Activity(models.Model):
    """An event or service delivered by a cluster, possibly with other clusters."""

    cluster = models.ForeignKey(
        ClusterOrganisation,
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    partner_clusters = models.ManyToManyField(
        ClusterOrganisation,
        verbose_name=_("with the clusters"),
        related_name="joint_activities",
        blank=True,
        help_text=_("Other cluster organisations that run it together: an inter-cluster activity."),
    )
    service = models.ForeignKey(
        ClusterService,
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("The service of the cluster's catalogue it delivers."),
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    participants = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating organisations"),
        related_name="activities",
        blank=True,
    )
    attendees = models.PositiveIntegerField(_("attendees"), default=0)
    is_international = models.BooleanField(
        _("international"), default=False, help_text=_("Involves partners from abroad.")
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("clusters:activity_detail", args=[self.pk])


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed")
    IMPORTED = "imported", _("Imported")


class MemberImport(models.Model):
    """An uploaded CSV/XLSX file of members for a cluster, kept for the record."""

    cluster = models.ForeignKey(
        ClusterOrganisation, on_delete=models.CASCADE, related_name="member_imports"
    )
    file = models.FileField(_("file"), upload_to="clusters/imports/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")

    def __str__(self):
        return f"{self.cluster} {self.uploaded_at:%Y-%m-%d %H:%M}"
