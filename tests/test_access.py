"""Who may open which page: every named URL of the portal × every role.

Objects belong either to the cluster organisation that the test's cluster
manager manages ("own") or to another one ("other"). Adding a URL without an
entry here fails test_every_url_has_an_entry.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role
from clusters.models import MemberImport
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    MembershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

EVERY_ROLE = frozenset(Role)
READERS = EVERY_ROLE - {Role.EVALUATOR}
OFFICE = {Role.OFFICE_STAFF}
OFFICE_AND_MANAGER = {Role.OFFICE_STAFF, Role.CLUSTER_MANAGER}
PUBLIC = "public"  # no login needed

# (url name, variant) -> (reverse kwargs from the world's objects, who may GET it)
ACCESS = {
    ("home", ""): (lambda w: {}, EVERY_ROLE),
    ("login", ""): (lambda w: {}, PUBLIC),
    ("password_change", ""): (lambda w: {}, EVERY_ROLE),
    ("password_reset", ""): (lambda w: {}, PUBLIC),
    ("password_reset_done", ""): (lambda w: {}, PUBLIC),
    ("password_reset_confirm", ""): (lambda w: {"uidb64": "MQ", "token": "bad-token"}, PUBLIC),
    ("password_reset_complete", ""): (lambda w: {}, PUBLIC),
    ("person_list", ""): (lambda w: {}, {Role.OFFICE_STAFF, Role.NETWORK_COORDINATOR}),
    ("healthz", ""): (lambda w: {}, PUBLIC),
    ("brokers:district_list", ""): (lambda w: {}, READERS),
    ("brokers:district_detail", ""): (lambda w: {"slug": "besaya"}, READERS),
    ("clusters:cluster_list", ""): (lambda w: {}, READERS),
    ("clusters:cluster_create", ""): (lambda w: {}, OFFICE),
    ("clusters:cluster_detail", ""): (lambda w: {"slug": w["own"].slug}, READERS),
    ("clusters:cluster_edit", "own"): (lambda w: {"slug": w["own"].slug}, OFFICE_AND_MANAGER),
    ("clusters:cluster_edit", "other"): (lambda w: {"slug": w["other"].slug}, OFFICE),
    ("clusters:member_directory", ""): (lambda w: {}, READERS),
    ("clusters:agreements_expiring", ""): (lambda w: {}, READERS),
    ("clusters:membership_add", "own"): (lambda w: {"slug": w["own"].slug}, OFFICE_AND_MANAGER),
    ("clusters:membership_add", "other"): (lambda w: {"slug": w["other"].slug}, OFFICE),
    ("clusters:membership_edit", "own"): (
        lambda w: {"pk": w["own_membership"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:membership_edit", "other"): (lambda w: {"pk": w["other_membership"].pk}, OFFICE),
    ("clusters:membership_end", "own"): (
        lambda w: {"pk": w["own_membership"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:membership_end", "other"): (lambda w: {"pk": w["other_membership"].pk}, OFFICE),
    ("clusters:membership_convert", "own"): (
        lambda w: {"pk": w["own_partner"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:membership_convert", "other"): (lambda w: {"pk": w["other_partner"].pk}, OFFICE),
    ("clusters:member_import", "own"): (lambda w: {"slug": w["own"].slug}, OFFICE_AND_MANAGER),
    ("clusters:member_import", "other"): (lambda w: {"slug": w["other"].slug}, OFFICE),
    ("clusters:member_import_preview", "own"): (
        lambda w: {"pk": w["own_import"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:member_import_preview", "other"): (lambda w: {"pk": w["other_import"].pk}, OFFICE),
    ("clusters:organisation_create", ""): (lambda w: {}, OFFICE_AND_MANAGER),
    ("clusters:organisation_detail", ""): (
        lambda w: {"pk": w["own_membership"].organisation_id},
        READERS,
    ),
    ("clusters:organisation_edit", ""): (
        lambda w: {"pk": w["own_membership"].organisation_id},
        OFFICE,
    ),
    ("clusters:contact_export", ""): (lambda w: {"pk": w["contact"].pk}, OFFICE),
    ("clusters:contact_erase", ""): (lambda w: {"pk": w["contact"].pk}, OFFICE),
    ("clusters:project_list", ""): (lambda w: {}, READERS),
    ("clusters:project_create", ""): (lambda w: {}, OFFICE_AND_MANAGER),
    ("clusters:project_detail", ""): (lambda w: {"pk": w["own_project"].pk}, READERS),
    ("clusters:project_edit", "own"): (lambda w: {"pk": w["own_project"].pk}, OFFICE_AND_MANAGER),
    ("clusters:project_edit", "other"): (lambda w: {"pk": w["other_project"].pk}, OFFICE),
    ("clusters:activity_list", ""): (lambda w: {}, READERS),
    ("clusters:activity_detail", ""): (lambda w: {"pk": w["own_activity"].pk}, READERS),
    ("clusters:activity_create", "own"): (lambda w: {"slug": w["own"].slug}, OFFICE_AND_MANAGER),
    ("clusters:activity_create", "other"): (lambda w: {"slug": w["other"].slug}, OFFICE),
    ("clusters:activity_edit", "own"): (
        lambda w: {"pk": w["own_activity"].pk},
        OFFICE_AND_MANAGER,
    ),
    ("clusters:activity_edit", "other"): (lambda w: {"pk": w["other_activity"].pk}, OFFICE),
}
# POST-only endpoints, each tested in its own module.
POST_ONLY = {"logout", "set_language"}


def _named_urls(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":  # Django's own, superusers only
                continue
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_an_entry():
    assert set(_named_urls()) == {name for name, _variant in ACCESS} | POST_ONLY


@pytest.fixture
def world(people):
    """Objects of the cluster the cluster manager manages, and of another one."""
    manager = people[Role.CLUSTER_MANAGER]
    objects = {}
    for side, cluster in (
        ("own", ClusterFactory(cluster_manager=manager)),
        ("other", ClusterFactory()),
    ):
        project = ProjectFactory(clusters=[cluster])
        objects[side] = cluster
        objects[f"{side}_project"] = project
        objects[f"{side}_membership"] = MembershipFactory(cluster=cluster)
        objects[f"{side}_partner"] = MembershipFactory(
            cluster=cluster, kind="provisional", project=project, fee_status="exempt"
        )
        objects[f"{side}_activity"] = ActivityFactory(cluster=cluster)
        objects[f"{side}_import"] = MemberImport.objects.create(
            cluster=cluster,
            uploaded_by=people[Role.OFFICE_STAFF],
            file=ContentFile(b"legal_name,type,start_date\n", name="members.csv"),
        )
    objects["contact"] = objects["own_membership"].organisation.contacts.create(
        name="Lucía Pérez", email="lucia@example.org"
    )
    return objects


CASES = [(key, role) for key in ACCESS for role in [*Role, None]]


@pytest.mark.parametrize(
    ("key", "role"),
    CASES,
    ids=[
        f"{name}{'-' + variant if variant else ''}-{role or 'anonymous'}"
        for (name, variant), role in CASES
    ],
)
def test_access(client, people, world, key, role):
    kwargs, allowed = ACCESS[key]
    if role is not None:
        client.force_login(people[role])
    response = client.get(reverse(key[0], kwargs=kwargs(world)))

    if allowed == PUBLIC:
        # The login page sends people who are logged in on to their home page.
        expected = 302 if (key[0] == "login" and role) else 200
        assert response.status_code == expected
    elif role is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_admin_is_for_superusers_only(client, people):
    client.force_login(people[Role.OFFICE_STAFF])
    assert client.get("/admin/").status_code == 302
    people[Role.OFFICE_STAFF].is_staff = people[Role.OFFICE_STAFF].is_superuser = True
    people[Role.OFFICE_STAFF].save()
    assert client.get("/admin/").status_code == 200
