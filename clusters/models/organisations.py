"""Organisations and their contact persons, shared by every part of the portal."""

import unicodedata

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusters.validators import validate_nace_code, validate_tax_id

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
