"""send_renewal_reminders: the secretariat hears once about each date within 60 days."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command as run_command

from members.enrolment import services
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.organisations import (
    MembershipTermsFactory,
    PropertyFactory,
    organisation_with_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call_command(django_capture_on_commit_callbacks):
    """Run a command and the emails it queues after commit."""

    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            run_command(*args, **kwargs)

    return run


def member(name, starts_on, terms):
    organisation, admin = organisation_with_admin(legal_name=name)
    PropertyFactory(owner=organisation)
    enrolment = services.enrolment_start(organisation=organisation, by=admin)
    services.enrolment_update(
        enrolment=enrolment,
        by=admin,
        property_ids=list(organisation.properties.values_list("pk", flat=True)),
    )
    services.enrolment_submit(
        enrolment=enrolment, by=admin, terms=terms, accept_terms=True
    )
    return services.enrolment_approve(
        enrolment=enrolment, by=BoardUserFactory(), starts_on=starts_on
    )


def test_reminders_go_once_to_the_secretariat(capsys, call_command):
    terms = MembershipTermsFactory(term_months=12, notice_months=3)
    secretariat = SecretariatUserFactory(language="en")
    member("Snart förnyad AB", datetime.date(2025, 12, 20), terms)  # renews 2026-12-20
    member(
        "Uppsägningsdatum AB", datetime.date(2026, 3, 15), terms
    )  # notice by 2026-12-15
    member("Långt kvar AB", datetime.date(2026, 9, 1), terms)  # renews 2027-09-01
    cancelled = member("Uppsagd AB", datetime.date(2025, 12, 10), terms)
    services.agreement_cancel(
        agreement=cancelled.agreement, by=secretariat, on=datetime.date(2026, 11, 1)
    )
    mail.outbox.clear()

    call_command("send_renewal_reminders", "--today=2026-11-26")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [secretariat.email]
    assert "Snart förnyad AB" in message.body
    assert "2026-12-20" in message.body
    assert "Uppsägningsdatum AB" in message.body
    assert "last day to give notice" in message.body
    assert "Långt kvar AB" not in message.body
    assert "Uppsagd AB" not in message.body

    call_command("send_renewal_reminders", "--today=2026-11-27")
    assert len(mail.outbox) == 1
    assert "Nothing new" in capsys.readouterr().out


def test_past_renewal_dates_roll_forward_before_reminding(call_command):
    terms = MembershipTermsFactory(term_months=12, notice_months=3)
    SecretariatUserFactory()
    membership = member("Gammal AB", datetime.date(2023, 12, 1), terms)
    call_command("send_renewal_reminders", "--today=2026-11-26")
    membership.agreement.refresh_from_db()
    assert membership.agreement.renewal_date == datetime.date(2026, 12, 1)
    assert "2026-12-01" in mail.outbox[-1].body
