import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from members.accounts import roles
from members.accounts.models import User

PASSWORD = "correct-horse-battery-staple"


def in_groups(*default_names):
    """A post-generation hook putting the user in groups, by name."""

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        names = extracted or default_names
        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))

    return groups


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified email address who can sign in with PASSWORD."""

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    language = "sv"

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )
        if create:
            self.save()

    groups = in_groups()


class MemberUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"member{n}@example.org")


class BoardUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"board{n}@example.org")
    groups = in_groups(roles.BOARD)


class SecretariatUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"secretariat{n}@example.org")
    groups = in_groups(roles.SECRETARIAT)


class AdminUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"admin{n}@example.org")
    is_staff = True
    is_superuser = True
