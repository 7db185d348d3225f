"""The demo district's people (people.toml): a login for each role with a
verified address. Other apps' demo loaders find them with `person()`."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from bid import access, demo

DATA = demo.data(__file__, "people")
DOMAIN: str = DATA["domain"]
GROUPS = {"board": access.BOARD_GROUP, "secretariat": access.SECRETARIAT_GROUP}


def email(person: str) -> str:
    return f"{person}@{DOMAIN}"


def person(name: str):
    """The demo user whose address starts with `name` ("styrelse", "karin")."""
    return get_user_model().objects.get(email=email(name))


def logins() -> list[tuple[str, str]]:
    """(address, role) of every demo login, for the command's closing list."""
    return [(email(spec["person"]), spec["role"]) for spec in DATA["people"]]


def load(*, password: str) -> None:
    """A user for each role, with a verified email address; once."""
    User = get_user_model()
    for spec in DATA["people"]:
        address = email(spec["person"])
        user = User.objects.filter(email=address).first()
        if user is None:
            create = (
                User.objects.create_superuser
                if spec.get("superuser")
                else User.objects.create_user
            )
            user = create(
                email=address,
                password=password,
                first_name=spec["first_name"],
                last_name=spec["last_name"],
                language=spec["language"],
            )
            names = [GROUPS[group] for group in spec.get("groups", [])]
            user.groups.set(Group.objects.filter(name__in=names))
        EmailAddress.objects.get_or_create(
            user=user, email=address, defaults={"verified": True, "primary": True}
        )
