import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt
from django.contrib.auth.models import Group
from django.core.cache import cache

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


def code_now(secret: str) -> str:
    """The code an authenticator app with this secret shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def totp_code(user) -> str:
    """A code of the user's authenticator app valid now and not used yet
    (allauth accepts each code once, within one 30-second step either side)."""
    totp = TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP))
    secret = decrypt(totp.instance.data["secret"])
    step = int(time.time()) // 30
    for counter in (step, step + 1, step - 1):
        code = format_hotp_value(hotp_value(secret, counter))
        if cache.get(totp._get_used_cache_key(code)) is None:
            return code
    raise AssertionError("every code of this step was used: wait 30 seconds")


def enrol_in_two_factor(user) -> None:
    """An authenticator app and recovery codes, as after enrolment: what the
    admin requires of whoever may use it."""
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)


class StaffUserFactory(UserFactory):
    """Staff reach the admin with two-factor only: they have an authenticator
    app and recovery codes, as after enrolment (`with_totp=False` for one who
    has not set them up yet)."""

    @factory.post_generation
    def with_totp(self, create, extracted, **kwargs):
        if create and extracted is not False:
            enrol_in_two_factor(self)


class BoardUserFactory(StaffUserFactory):
    email = factory.Sequence(lambda n: f"board{n}@example.org")
    groups = in_groups(roles.BOARD)


class SecretariatUserFactory(StaffUserFactory):
    email = factory.Sequence(lambda n: f"secretariat{n}@example.org")
    groups = in_groups(roles.SECRETARIAT)


class AdminUserFactory(StaffUserFactory):
    email = factory.Sequence(lambda n: f"admin{n}@example.org")
    is_staff = True
    is_superuser = True
