"""The files of members uploaded for import (clusters/member_import)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusters.models.cluster_organisations import ClusterOrganisation


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
