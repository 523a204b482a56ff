import factory
from django.contrib.auth.models import Group

from accounts.models import User

PASSWORD = "Correct-Horse-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A person; `role=Role.X` puts them in that role's group."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name", locale="es_ES")
    last_name = factory.Faker("last_name", locale="es_ES")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, role, **kwargs):
        if create and role:
            self.groups.add(Group.objects.get(name=role))


def _valid_cif(n):
    """A valid CIF for a company (letter B), unique per n."""
    from stdnum.es import cif

    body = f"B{(3900000 + n) % 10**7:07d}"
    return body + cif.calc_check_digits(body)[0]


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clusters.Organisation"

    legal_name = factory.Sequence(lambda n: f"Industrias Montañesas {n} S.L.")
    tax_id = factory.Sequence(_valid_cif)
    helix_type = "company"
    size_class = "small"
    district = factory.LazyFunction(lambda: _district("besaya"))
    municipality = "Torrelavega"


def _district(slug):
    from districts.models import District

    return District.objects.get(slug=slug)


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clusters.ClusterOrganisation"

    name = factory.Sequence(lambda n: f"Clúster de prueba {n}")
    acronym = factory.Sequence(lambda n: f"CL{n}")
    slug = factory.Sequence(lambda n: f"cl{n}")
    sector = "Automoción"
    ris3_priority = "advanced_manufacturing"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clusters.ClusterProject"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Proyecto conjunto {n}")
    scope = "regional"
    funding_programme = "regional"
    budget = 100000
    start_date = factory.LazyFunction(lambda: _today().replace(day=1))
    end_date = factory.LazyAttribute(lambda p: p.start_date.replace(year=p.start_date.year + 2))
    status = "running"

    @factory.post_generation
    def clusters(self, create, clusters, **kwargs):
        if create and clusters:
            self.clusters.set(clusters)


def _today():
    from django.utils import timezone

    return timezone.localdate()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clusters.Membership"

    organisation = factory.SubFactory(OrganisationFactory)
    cluster = factory.SubFactory(ClusterFactory)
    kind = "full"
    start_date = factory.LazyFunction(lambda: _today().replace(year=_today().year - 2))
    fee_status = "paid"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clusters.Activity"

    cluster = factory.SubFactory(ClusterFactory)
    title = factory.Sequence(lambda n: f"Jornada de matchmaking {n}")
    date = factory.LazyFunction(_today)
    attendees = 40
