"""The enrolment workflow: allowed steps, roles, audit trail, emails, membership."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members.enrolment import services
from members.enrolment.models import Enrolment, EnrolmentTransition, Membership
from members.enrolment.selectors import active_membership
from tests.factories.accounts import (
    BoardUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
)
from tests.factories.organisations import (
    MembershipTermsFactory,
    OrganisationMemberFactory,
    PropertyFactory,
    organisation_with_admin,
)

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture
def terms():
    return MembershipTermsFactory(term_months=12, notice_months=3)


@pytest.fixture
def application(terms):
    """A draft application of an organisation with two properties."""
    organisation, admin = organisation_with_admin(user=MemberUserFactory(language="en"))
    properties = PropertyFactory.create_batch(2, owner=organisation)
    enrolment = services.enrolment_start(organisation=organisation, by=admin)
    services.enrolment_update(
        enrolment=enrolment, by=admin, property_ids=[p.pk for p in properties]
    )
    return enrolment, admin


def submit(enrolment, admin, terms):
    return services.enrolment_submit(
        enrolment=enrolment, by=admin, terms=terms, accept_terms=True
    )


def test_the_whole_happy_path_records_every_step_and_emails_each(
    application, terms, django_capture_on_commit_callbacks
):
    enrolment, admin = application
    secretariat, board = SecretariatUserFactory(), BoardUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = submit(enrolment, admin, terms)
        enrolment = services.enrolment_request_information(
            enrolment=enrolment, by=secretariat, comment="Vilken area har fastighet 2?"
        )
        enrolment = submit(enrolment, admin, terms)
        membership = services.enrolment_approve(
            enrolment=enrolment, by=board, comment="Välkommen!"
        )

    steps = list(enrolment.transitions.order_by("at", "pk"))
    assert [(s.from_status, s.to_status) for s in steps] == [
        (Status.DRAFT, Status.SUBMITTED),
        (Status.SUBMITTED, Status.NEEDS_INFORMATION),
        (Status.NEEDS_INFORMATION, Status.SUBMITTED),
        (Status.SUBMITTED, Status.APPROVED),
    ]
    assert (
        steps[1].by == secretariat
        and steps[1].comment == "Vilken area har fastighet 2?"
    )
    to_applicant = [m for m in mail.outbox if m.to == [admin.email]]
    assert len(to_applicant) == 4
    # In the applicant's language, with a plain-text and an HTML part.
    assert "more information" in to_applicant[1].subject.lower()
    assert "Vilken area har fastighet 2?" in to_applicant[1].body
    assert to_applicant[1].alternatives[0][1] == "text/html"
    assert any(m.to == [secretariat.email] for m in mail.outbox)
    assert membership.starts_on == timezone.localdate()
    assert membership.agreement.renewal_date == timezone.localdate() + relativedelta(
        months=12
    )
    assert membership.agreement.terms == terms
    assert active_membership(organisation=enrolment.organisation) == membership


def test_submit_needs_properties_and_accepted_current_terms(terms):
    organisation, admin = organisation_with_admin()
    enrolment = services.enrolment_start(organisation=organisation, by=admin)
    with pytest.raises(ValidationError) as error:
        services.enrolment_submit(
            enrolment=enrolment, by=admin, terms=terms, accept_terms=False
        )
    assert set(error.value.message_dict) == {"properties", "accept_terms"}
    old = MembershipTermsFactory(
        version="2020-1", effective_from=datetime.date(2020, 1, 1)
    )
    PropertyFactory(owner=organisation)
    services.enrolment_update(
        enrolment=enrolment,
        by=admin,
        property_ids=list(organisation.properties.values_list("pk", flat=True)),
    )
    with pytest.raises(ValidationError) as error:
        services.enrolment_submit(
            enrolment=enrolment, by=admin, terms=old, accept_terms=True
        )
    assert "terms" in error.value.message_dict
    enrolment.refresh_from_db()
    assert enrolment.status == Status.DRAFT
    assert not EnrolmentTransition.objects.exists()


def test_agencies_may_apply_without_properties(terms):
    organisation, admin = organisation_with_admin(type="public_agency")
    enrolment = services.enrolment_start(organisation=organisation, by=admin)
    assert submit(enrolment, admin, terms).status == Status.SUBMITTED


def test_rejection_needs_a_reason(application, terms):
    enrolment, admin = application
    enrolment = submit(enrolment, admin, terms)
    with pytest.raises(ValidationError):
        services.enrolment_reject(
            enrolment=enrolment, by=BoardUserFactory(), reason="  "
        )
    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED
    rejected = services.enrolment_reject(
        enrolment=enrolment, by=BoardUserFactory(), reason="Utanför distriktet"
    )
    assert rejected.status == Status.REJECTED
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.DRAFT, "approve"),
        (Status.NEEDS_INFORMATION, "approve"),
        (Status.APPROVED, "reject"),
        (Status.REJECTED, "approve"),
        (Status.APPROVED, "request_information"),
    ],
)
def test_steps_out_of_order_are_refused(application, status, action):
    enrolment, _admin = application
    Enrolment.objects.filter(pk=enrolment.pk).update(status=status)
    enrolment.refresh_from_db()
    board = BoardUserFactory()
    call = {
        "approve": lambda: services.enrolment_approve(enrolment=enrolment, by=board),
        "reject": lambda: services.enrolment_reject(
            enrolment=enrolment, by=board, reason="x"
        ),
        "request_information": lambda: services.enrolment_request_information(
            enrolment=enrolment, by=board, comment="x"
        ),
    }[action]
    with pytest.raises(ValidationError):
        call()
    enrolment.refresh_from_db()
    assert enrolment.status == status
    assert not enrolment.transitions.exists()


def test_only_reviewers_decide_and_only_admins_submit(application, terms):
    enrolment, admin = application
    contact = OrganisationMemberFactory(
        organisation=enrolment.organisation, role="contact"
    ).user
    with pytest.raises(PermissionDenied):
        submit(enrolment, contact, terms)
    with pytest.raises(PermissionDenied):
        submit(enrolment, MemberUserFactory(), terms)
    enrolment = submit(enrolment, admin, terms)
    with pytest.raises(PermissionDenied):
        services.enrolment_approve(enrolment=enrolment, by=admin)
    with pytest.raises(PermissionDenied):
        services.enrolment_approve(enrolment=enrolment, by=MemberUserFactory())
    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED


def test_notice_ends_the_membership_after_the_notice_period(application, terms):
    enrolment, admin = application
    enrolment = submit(enrolment, admin, terms)
    membership = services.enrolment_approve(
        enrolment=enrolment, by=BoardUserFactory(), starts_on=datetime.date(2026, 1, 1)
    )
    agreement = services.agreement_cancel(
        agreement=membership.agreement, by=admin, on=datetime.date(2026, 5, 10)
    )
    membership.refresh_from_db()
    assert agreement.ends_on == datetime.date(2026, 8, 10)
    assert membership.ends_on == datetime.date(2026, 8, 10)
    assert active_membership(
        organisation=enrolment.organisation, on=datetime.date(2026, 8, 9)
    )
    assert not active_membership(
        organisation=enrolment.organisation, on=datetime.date(2026, 8, 10)
    )
    with pytest.raises(ValidationError):
        services.agreement_cancel(agreement=agreement, by=admin)


def test_an_organisation_has_one_open_application_and_members_cannot_reapply(
    application, terms
):
    enrolment, admin = application
    assert (
        services.enrolment_start(organisation=enrolment.organisation, by=admin)
        == enrolment
    )
    enrolment = submit(enrolment, admin, terms)
    services.enrolment_approve(enrolment=enrolment, by=BoardUserFactory())
    with pytest.raises(ValidationError):
        services.enrolment_start(organisation=enrolment.organisation, by=admin)


def test_agreements_renew_themselves_until_cancelled(application, terms):
    enrolment, admin = application
    enrolment = submit(enrolment, admin, terms)
    membership = services.enrolment_approve(
        enrolment=enrolment, by=BoardUserFactory(), starts_on=datetime.date(2024, 3, 1)
    )
    agreement = services.agreement_roll_forward(
        agreement=membership.agreement, today=datetime.date(2026, 4, 1)
    )
    assert agreement.renewal_date == datetime.date(2027, 3, 1)
    assert agreement.notice_date == datetime.date(2026, 12, 1)


def test_next_renewal_is_in_the_future_even_before_the_daily_job(application, terms):
    enrolment, admin = application
    enrolment = submit(enrolment, admin, terms)
    long_ago = timezone.localdate() - relativedelta(months=30)
    membership = services.enrolment_approve(
        enrolment=enrolment, by=BoardUserFactory(), starts_on=long_ago
    )
    agreement = membership.agreement
    assert agreement.renewal_date < timezone.localdate()
    assert (
        timezone.localdate()
        < agreement.next_renewal
        <= timezone.localdate() + relativedelta(months=12)
    )
    assert agreement.next_renewal == long_ago + relativedelta(months=36)
