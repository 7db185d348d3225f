"""Writes of the audit: the board or the secretariat gives an auditor read
access to some years and revokes it; every page an auditor opens is logged.

An auditor is an ordinary account: access comes from an active grant, not a
group, so it ends by itself on the grant's last day and never carries any
other right with it.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bid.access import is_staff, require_permission
from bid.emails import absolute_url, send_email_on_commit
from members.auditing.models import AuditorGrant, AuditView
from members.auditing.selectors import active_grants

PERMISSION = "auditing.manage_auditors"
AUDIT_CODENAME = "audit"
REFUSAL = gettext_lazy("Only the board and the secretariat give auditors access.")
# The audit covers closed and current years, not the far past or future.
EARLIEST_YEAR = 2000


def grant_create(
    *,
    by,
    email: str,
    first_year: int,
    last_year: int,
    until: datetime.date | None = None,
    note: str = "",
) -> AuditorGrant:
    """Give the account with this address read access to the years; the
    auditor is told by e-mail. The account must exist (the auditor signs up
    first, so the address is theirs and verified)."""
    require_permission(by, PERMISSION, REFUSAL)
    user = (
        get_user_model()
        .objects.filter(email__iexact=email.strip(), is_active=True)
        .first()
    )
    if user is None:
        raise ValidationError(
            {
                "email": _(
                    "No active account uses this address. Ask the auditor to "
                    "create an account first, then give access."
                )
            }
        )
    this_year = timezone.localdate().year
    if not EARLIEST_YEAR <= first_year <= last_year <= this_year:
        raise ValidationError(
            {
                "last_year": _(
                    "Give whole years from %(first)s to this year, the first "
                    "before the last."
                )
                % {"first": EARLIEST_YEAR}
            }
        )
    if until is not None and until < timezone.localdate():
        raise ValidationError({"until": _("The last day cannot be in the past.")})
    if user.is_superuser or is_staff(user):
        # An auditor audits the board's work, so cannot be part of it.
        raise ValidationError(
            {
                "email": _(
                    "This account belongs to the board, the secretariat or an "
                    "administrator; an auditor must be someone else."
                )
            }
        )
    with transaction.atomic():
        _lock(user)
        user.user_permissions.add(_audit_permission())
        grant = AuditorGrant.objects.create(
            user=user,
            first_year=first_year,
            last_year=last_year,
            until=until,
            note=note.strip(),
            granted_by=by,
        )
        send_email_on_commit(
            to=[user.email],
            template="auditing/email/granted",
            context={
                "first_year": str(first_year),
                "last_year": str(last_year),
                "until": until.isoformat() if until else "",
                "url": absolute_url(reverse("portal:audit")),
            },
            language=user.language,
        )
    return grant


def grant_revoke(*, by, grant: AuditorGrant) -> AuditorGrant:
    """End the grant now; revoking a revoked grant changes nothing."""
    require_permission(by, PERMISSION, REFUSAL)
    with transaction.atomic():
        _lock(grant.user)
        grant = AuditorGrant.objects.select_for_update().get(pk=grant.pk)
        if grant.revoked_at is None:
            grant.revoked_at = timezone.now()
            grant.revoked_by = by
            grant.save(update_fields=["revoked_at", "revoked_by"])
        access_tidy(user=grant.user)
    return grant


def access_tidy(*, user) -> None:
    """Take the audit permission from someone with no active grant left (a
    revoked or lapsed one): the portal stops showing them the audit."""
    with transaction.atomic():
        _lock(user)
        if not active_grants().filter(user=user).exists():
            user.user_permissions.remove(_audit_permission())


def _lock(user) -> None:
    """Queue the changes of one auditor's grants on their account's row, so a
    grant given while another is revoked never loses its permission (the
    revoke would not see the uncommitted grant and take the permission)."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def _audit_permission() -> Permission:
    return Permission.objects.get(
        content_type__app_label="auditing", codename=AUDIT_CODENAME
    )


def view_record(*, user, path: str, year: int | None, status: int) -> AuditView:
    return AuditView.objects.create(
        user=user, path=path[:500], year=year, status=status
    )
