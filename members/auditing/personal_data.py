"""The audit part of a person's data: the access they were given as an
auditor, the pages they opened as one, and the access they gave or revoked."""

from members.accounts import personal_data
from members.auditing.models import AuditorGrant, AuditView

personal_data.records(
    "auditor_access",
    AuditorGrant,
    "user",
    first_year="first_year",
    last_year="last_year",
    until="until",
    given="granted_at",
    revoked="revoked_at",
)

personal_data.records(
    "auditor_pages_opened",
    AuditView,
    "user",
    at="at",
    address="path",
    year="year",
    answer="status",
)

personal_data.records(
    "auditor_access_given",
    AuditorGrant,
    "granted_by",
    auditor="user.email",
    first_year="first_year",
    last_year="last_year",
    given="granted_at",
)

personal_data.records(
    "auditor_access_revoked",
    AuditorGrant,
    "revoked_by",
    auditor="user.email",
    first_year="first_year",
    last_year="last_year",
    revoked="revoked_at",
)
