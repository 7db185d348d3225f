"""The enrolment part of a person's data: the applications they sent, the
steps they took on applications, and the notices of cancellation they gave."""

from members.accounts import personal_data
from members.enrolment.models import Agreement, Enrolment, EnrolmentTransition

personal_data.records(
    "applications",
    Enrolment,
    "applicant",
    organisation="organisation.legal_name",
    status="status",
    message="message",
    submitted="submitted_at",
    terms_accepted="terms_accepted_at",
)

personal_data.records(
    "application_steps_taken",
    EnrolmentTransition,
    "by",
    organisation="enrolment.organisation.legal_name",
    **{"from": "from_status", "to": "to_status"},
    at="at",
    comment="comment",
)

personal_data.records(
    "agreement_notices_given",
    Agreement,
    "cancelled_by",
    organisation="membership.organisation.legal_name",
    notice_given_on="cancelled_on",
    ends_on="ends_on",
)
