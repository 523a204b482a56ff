"""Validation of Spanish tax ids, NACE codes and uploaded documents."""

import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.es import nif

NACE_CODE = re.compile(r"^[A-U](\d{2}(\.\d{1,2})?)?$|^\d{2}(\.\d{1,2})?$")
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def normalise_tax_id(value):
    """The compact form of a Spanish NIF/CIF/NIE (upper case, no separators)."""
    return nif.compact(value) if value else ""


def validate_tax_id(value):
    if value and not nif.is_valid(value):
        raise ValidationError(
            _("%(value)s is not a valid Spanish tax id (NIF, CIF or NIE)."),
            code="invalid_tax_id",
            params={"value": value},
        )


def validate_nace_code(value):
    if value and not NACE_CODE.match(value):
        raise ValidationError(
            _("Enter a NACE Rev. 2 code such as C, 62 or 62.01."), code="invalid_nace"
        )


def _is_pdf(head, _upload):
    return head.startswith(b"%PDF-")


def _is_docx(head, upload):
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


DOCUMENT_KINDS = {".pdf": _is_pdf, ".docx": _is_docx}


class DocumentValidator:
    """Accept only the given document kinds, checked by content as well as by name."""

    def __init__(self, *extensions, max_bytes=MAX_DOCUMENT_BYTES):
        self.extensions = extensions
        self.max_bytes = max_bytes

    def __call__(self, upload):
        name = upload.name.lower()
        extension = next((e for e in self.extensions if name.endswith(e)), None)
        allowed = ", ".join(e.lstrip(".").upper() for e in self.extensions)
        if extension is None:
            raise ValidationError(
                _("Upload a %(allowed)s file."), code="file_type", params={"allowed": allowed}
            )
        if upload.size == 0:
            raise ValidationError(_("The file is empty."), code="file_empty")
        if upload.size > self.max_bytes:
            raise ValidationError(
                _("The file is larger than %(limit)s MB."),
                code="file_size",
                params={"limit": self.max_bytes // (1024 * 1024)},
            )
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if not DOCUMENT_KINDS[extension](head, upload):
            raise ValidationError(
                _("The file's content is not a %(allowed)s document."),
                code="file_content",
                params={"allowed": extension.lstrip(".").upper()},
            )

    def __eq__(self, other):
        return (
            isinstance(other, DocumentValidator)
            and self.extensions == other.extensions
            and self.max_bytes == other.max_bytes
        )

    def deconstruct(self):
        return (
            "clusters.validators.DocumentValidator",
            self.extensions,
            {"max_bytes": self.max_bytes},
        )
