from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StatusTransition(models.Model):
    """A change of a record's status: who, when, and why.

    A subclass adds the record (a foreign key with related_name="transitions",
    which core.transitions.record_transition writes through) and its
    from_status and to_status with their choices."""

    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-at"]
