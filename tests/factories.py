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
