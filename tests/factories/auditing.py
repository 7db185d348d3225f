"""Auditors: an account with read access to some years of the books."""

from django.contrib.auth.models import Permission
from django.utils import timezone

from members.auditing.models import AuditorGrant
from tests.factories.accounts import MemberUserFactory


def auditor(*, first_year: int | None = None, last_year: int | None = None, **grant):
    """A new account given the years (this year by default), as the
    secretariat would give them."""
    this_year = timezone.localdate().year
    user = MemberUserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="auditing", codename="audit")
    )
    AuditorGrant.objects.create(
        user=user,
        first_year=first_year or this_year,
        last_year=last_year or first_year or this_year,
        **grant,
    )
    return user
