"""Who publishes the reports: the region's and the Office's names and emblem.

One row (PublisherIdentity.current()) that office staff edit; the report's
cover reads it through report_identity(). Without an uploaded emblem the
portal's own default (static/img/emblem-default.svg) is used.

Uploads are PNG or JPEG images of at most 1 MB, checked by their content with
Pillow. SVG files are refused: an SVG is a document that may carry scripts and
references to other files, and sanitising one reliably is not cheap.
"""

import base64
import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from simple_history.models import HistoricalRecords

logger = logging.getLogger(__name__)

MAX_EMBLEM_BYTES = 1024 * 1024
# Larger images only slow the PDF down: the cover prints the emblem a few
# centimetres wide.
MAX_EMBLEM_PIXELS = 4000
# Pillow's name of each accepted format -> the file's extensions and media type.
EMBLEM_FORMATS = {
    "PNG": ((".png",), "image/png"),
    "JPEG": ((".jpg", ".jpeg"), "image/jpeg"),
}
DEFAULT_EMBLEM = Path(settings.BASE_DIR) / "static" / "img" / "emblem-default.svg"


def validate_emblem(upload):
    """A PNG or JPEG image of at most 1 MB, whose content matches its name.

    The emblem already stored was checked when it was uploaded."""
    if isinstance(upload, FieldFile) and upload._committed:
        return
    name = upload.name.lower()
    if name.endswith((".svg", ".svgz")):
        raise ValidationError(
            _(
                "SVG files are not accepted, as they may contain scripts. "
                "Upload the emblem as a PNG or JPEG image."
            ),
            code="emblem_svg",
        )
    fmt = next((f for f, (exts, _type) in EMBLEM_FORMATS.items() if name.endswith(exts)), None)
    if fmt is None:
        raise ValidationError(_("Upload the emblem as a PNG or JPEG image."), code="emblem_type")
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    if upload.size > MAX_EMBLEM_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB."),
            code="file_size",
            params={"limit": MAX_EMBLEM_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            found, size = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        found, size = None, None
    finally:
        upload.seek(0)
    if found != fmt:
        raise ValidationError(
            _("The file's content is not a %(allowed)s image."),
            code="emblem_content",
            params={"allowed": fmt},
        )
    if max(size) > MAX_EMBLEM_PIXELS:
        raise ValidationError(
            _("The image is larger than %(limit)s pixels on a side."),
            code="emblem_pixels",
            params={"limit": MAX_EMBLEM_PIXELS},
        )


class PublisherIdentity(models.Model):
    """The region and the Office as the reports' covers name them (one row)."""

    region_name = models.CharField(
        _("name of the region"), max_length=200, default="Gobierno de Cantabria"
    )
    region_name_en = models.CharField(
        _("name of the region in English"),
        max_length=200,
        blank=True,
        default="Government of Cantabria",
    )
    office_name = models.CharField(
        _("name of the Office"), max_length=200, default="Oficina de Promoción de Clústeres"
    )
    office_name_en = models.CharField(
        _("name of the Office in English"),
        max_length=200,
        blank=True,
        default="Cluster Promotion Office",
    )
    emblem = models.FileField(
        _("emblem"),
        upload_to="identity/",
        blank=True,
        validators=[validate_emblem],
        help_text=_(
            "A PNG or JPEG image of at most 1 MB. Without one, the portal's default emblem is used."
        ),
    )
    emblem_alt = models.CharField(
        _("text alternative of the emblem"),
        max_length=200,
        blank=True,
        default="Emblema de la Oficina de Promoción de Clústeres",
        help_text=_("What the emblem shows, read out to those who cannot see it."),
    )
    emblem_alt_en = models.CharField(
        _("text alternative of the emblem in English"),
        max_length=200,
        blank=True,
        default="Emblem of the Cluster Promotion Office",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        app_label = "monitoring"
        verbose_name = _("publisher's identity")
        verbose_name_plural = _("publisher's identity")

    def __str__(self):
        return f"{self.region_name} · {self.office_name}"

    def save(self, *args, **kwargs):
        self.pk = 1  # there is one identity
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        identity, _created = cls.objects.get_or_create(pk=1)
        return identity


def save_identity(*, identity, by):
    """Record who changed the identity and save it."""
    identity.updated_by = by
    identity.save()
    return identity


def _localised(spanish, english):
    return english if english and (get_language() or "").startswith("en") else spanish


def _data_uri(media_type, content):
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


def emblem_uri(identity):
    """The emblem as a data: URI: the uploaded one, else the default SVG."""
    if identity.emblem:
        name = identity.emblem.name.lower()
        media_type = next(
            (t for exts, t in EMBLEM_FORMATS.values() if name.endswith(exts)), "image/png"
        )
        try:
            with identity.emblem.open("rb") as file:
                return _data_uri(media_type, file.read())
        except OSError:
            logger.warning("The uploaded emblem %s cannot be read; using the default.", name)
    return _data_uri("image/svg+xml", DEFAULT_EMBLEM.read_bytes())


def emblem_alt(identity):
    """The emblem's text alternative in the active language, else the Office's name."""
    return _localised(identity.emblem_alt, identity.emblem_alt_en) or _localised(
        identity.office_name, identity.office_name_en
    )


def report_identity():
    """The cover's identity in the active language: the region's and the
    Office's names, the emblem as a data: URI (WeasyPrint reads it without
    fetching anything) and its text alternative."""
    identity = PublisherIdentity.current()
    return {
        "region": _localised(identity.region_name, identity.region_name_en),
        "office": _localised(identity.office_name, identity.office_name_en),
        "emblem_uri": emblem_uri(identity),
        "emblem_alt": emblem_alt(identity),
    }
