"""Every upload field refuses a bad file with a form error and stores nothing.

One test per file field of the portal's models (a new FileField fails
test_every_file_field_is_listed until it is listed here). Each submits the
field's form as the page fills it in, with a file that is of the wrong type,
disguised (HTML under a .pdf name), one byte over the configured limit, or
empty; then with a good file, which is accepted, so that the refusals are the
file's doing. DocumentValidator's own rules are in tests/clusters/test_rules.py;
the member import's other refusals in tests/clusters/test_member_import.py.
"""

import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.forms import BaseForm, BaseFormSet
from django.urls import reverse

from accounts.roles import Role
from clusters.member_import import MAX_FILE_BYTES
from clusters.validators import DocumentValidator
from tests.bad_input.hostile import OMIT, PDF, as_sent
from tests.bad_input.html_forms import forms_of

pytestmark = pytest.mark.django_db

# (app label, model, field) -> (URL name, its kwargs from the world, role, the
# form field's name in the page, the object whose file must stay as it was,
# other values the upload needs)
UPLOADS = {
    ("clusters", "ClusterOrganisation", "strategy_document"): (
        "clusters:cluster_edit",
        lambda w: {"slug": w["own"].slug},
        Role.OFFICE_STAFF,
        "strategy_document",
        lambda w: w["own"],
    ),
    ("clusters", "Membership", "agreement_document"): (
        "clusters:membership_edit",
        lambda w: {"pk": w["own_partner"].pk},
        Role.OFFICE_STAFF,
        "agreement_document",
        lambda w: w["own_partner"],
        # The world's partner starts before its project; a partner joins during it.
        lambda w: {"start_date": w["own_partner"].project.start_date.isoformat()},
    ),
    ("clusters", "MemberImport", "file"): (
        "clusters:member_import",
        lambda w: {"slug": w["own"].slug},
        Role.OFFICE_STAFF,
        "file",
        None,
    ),
    ("programmes", "Expenditure", "document"): (
        "programmes:expenditure_edit",
        lambda w: {"pk": w["expenditure"].pk},
        Role.OFFICE_STAFF,
        "document",
        lambda w: w["expenditure"],
    ),
    ("brokers", "Application", "broker_cv"): (
        "calls:application_edit",
        lambda w: {"pk": w["application"].pk},
        Role.APPLICANT,
        "broker_cv",
        lambda w: w["application"],
    ),
    ("brokers", "SupportingDocument", "file"): (
        "calls:application_edit",
        lambda w: {"pk": w["application"].pk},
        Role.APPLICANT,
        "documents-0-file",
        None,
        lambda w: {"documents-0-title": "Estatutos"},
    ),
}
# Files the portal writes itself; nobody uploads them.
GENERATED = {
    ("brokers", "GrantCall", "resolution_document"),
    ("monitoring", "EvaluationReport", "file"),
}
# Images, not documents: their own checks (type by content, size, pixels) are tested
# in tests/monitoring/test_identity.py.
IMAGES = {("monitoring", "PublisherIdentity", "emblem")}
# A good file for each upload: a PDF, or a CSV of one member.
MEMBER_CSV = b"legal_name,type,start_date\nUniversidad Nueva,university,2024-01-01\n"


def test_every_file_field_is_listed():
    file_fields = {
        (model._meta.app_label, model.__name__, field.name)
        for model in apps.get_models()
        if model._meta.app_label in ("accounts", "brokers", "clusters", "monitoring", "programmes")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and not model.__name__.startswith("Historical")
    }
    assert file_fields == set(UPLOADS) | GENERATED | IMAGES


def _limit(key):
    """The largest file the field takes, from its validators."""
    if key == ("clusters", "MemberImport", "file"):
        return MAX_FILE_BYTES
    field = apps.get_model(*key[:2])._meta.get_field(key[2])
    return next(v.max_bytes for v in field.validators if isinstance(v, DocumentValidator))


def _bad_files(stem, limit, good):
    extension = ".csv" if good.startswith(b"legal_name") else ".pdf"
    return {
        "wrong type": SimpleUploadedFile(f"{stem}.exe", b"MZ\x90\x00" + good),
        "disguised": SimpleUploadedFile(
            f"{stem}{extension}", b"<html><script>alert(1)</script></html>\n"
        ),
        "over the limit": SimpleUploadedFile(
            f"{stem}{extension}", good + b"0" * (limit + 1 - len(good))
        ),
        "empty": SimpleUploadedFile(f"{stem}{extension}", b""),
    }


def _errors(response):
    """The names (as in the page) of the fields with an error, over every form shown."""
    errors = {}
    for context in response.context:
        for value in context.flatten().values():
            forms = value.forms if isinstance(value, BaseFormSet) else [value]
            for form in forms:
                if isinstance(form, BaseForm) and form.is_bound:
                    errors |= {form.add_prefix(name): e for name, e in form.errors.items()}
    return errors


def _stored(stem):
    return list(Path(settings.MEDIA_ROOT).rglob(f"{stem}*"))


@pytest.mark.parametrize("key", list(UPLOADS), ids=[".".join(key[1:]) for key in UPLOADS])
def test_a_bad_file_is_refused_with_a_message(client, people, world, key):
    url_name, kwargs, role, field_name, owner, *extra = UPLOADS[key]
    url = reverse(url_name, kwargs=kwargs(world))
    client.force_login(people[role])
    form = next(
        f
        for f in forms_of(client.get(url).content.decode())
        if f.method == "post" and field_name in f.fields
    )
    data = {name: as_sent(field) for name, field in form.fields.items()}
    data = {name: value for name, value in data.items() if value is not OMIT}
    for values in extra:
        data.update(values(world))
    good = MEMBER_CSV if key[1] == "MemberImport" else PDF
    model = apps.get_model(*key[:2])
    count = model.objects.count()
    before = getattr(owner(world), key[2]).name if owner else None
    stem = f"bad-input-{uuid.uuid4().hex}"

    for kind, upload in _bad_files(stem, _limit(key), good).items():
        response = client.post(url, {**data, field_name: upload})

        assert response.status_code == 200, kind
        assert field_name in _errors(response), f"{kind}: no error on {field_name}"
        assert model.objects.count() == count, kind
        if owner:
            obj = owner(world)
            assert getattr(obj.__class__.objects.get(pk=obj.pk), key[2]).name == before, kind
        assert not _stored(stem), kind

    extension = ".csv" if good is MEMBER_CSV else ".pdf"
    response = client.post(url, {**data, field_name: SimpleUploadedFile(stem + extension, good)})
    assert response.status_code == 302, f"a good file is refused: {_errors(response)}"
    stored = _stored(stem)
    assert stored
    for path in stored:
        path.unlink()
