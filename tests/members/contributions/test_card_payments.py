"""Paying by card against localstripe: amount from the ledger, errors leave no trace."""

import datetime

import pytest

from members.contributions import services
from members.contributions.models import (
    Contribution,
    ContributionScheme,
    LedgerEntry,
    PaymentAttempt,
    StripeCustomer,
)
from members.organisations.models import OrganisationMember
from tests.factories.contributions import SchemeFactory, member
from tests.factories.organisations import OrganisationMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice():
    SchemeFactory(due_date=datetime.date(2099, 1, 1))
    organisation, admin = member(properties=[(2000, "office")], legal_name="Kajen AB")
    services.contributions_issue(
        scheme=ContributionScheme.objects.get(), on=datetime.date(2026, 1, 15)
    )
    return Contribution.objects.get(), admin


def test_paying_by_card_charges_the_outstanding_amount_and_records_it(
    stripe_settings, invoice, client_for
):
    contribution, admin = invoice
    client = client_for("member", user=admin)
    token = stripe_settings.token()

    response = client.post(
        f"/en/portal/contributions/{contribution.pk}/pay/",
        {"stripe_token": token, "amount": "1"},  # an amount from the browser is ignored
    )

    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "succeeded"
    assert body[
        "redirect"
    ] == f"/portal/contributions/{contribution.pk}/?paid=1" or body[
        "redirect"
    ].endswith(f"/portal/contributions/{contribution.pk}/?paid=1")
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.amount_minor, entry.external_id.startswith("pi_")) == (
        "card_payment",
        25_000_00,
        True,
    )
    assert PaymentAttempt.objects.get().status == "succeeded"
    assert StripeCustomer.objects.get().organisation == contribution.organisation
    assert contribution.status == Contribution.Status.PAID
    # Nothing is left: a second attempt is refused before reaching Stripe.
    again = client.post(
        f"/en/portal/contributions/{contribution.pk}/pay/",
        {"stripe_token": stripe_settings.token()},
    )
    assert again.status_code == 400
    assert "Nothing is left to pay" in again.json()["error"]
    assert LedgerEntry.objects.count() == 1


def test_a_declined_card_shows_stripes_message_and_records_nothing(
    stripe_settings, invoice, client_for
):
    contribution, admin = invoice
    client = client_for("member", user=admin)
    response = client.post(
        f"/en/portal/contributions/{contribution.pk}/pay/",
        {"stripe_token": stripe_settings.token("4000000000000002")},
    )
    assert response.status_code == 400
    assert "declined" in response.json()["error"]
    assert not LedgerEntry.objects.exists()
    # The try is kept as failed, for the record, and does not block the next.
    attempt = PaymentAttempt.objects.get()
    assert attempt.status == "failed"
    assert "declined" in attempt.failure_message

    again = client.post(
        f"/en/portal/contributions/{contribution.pk}/pay/",
        {"stripe_token": stripe_settings.token()},
    )
    assert again.json()["status"] == "succeeded"
    keys = list(
        PaymentAttempt.objects.order_by("pk").values_list("idempotency_key", flat=True)
    )
    assert keys == [
        f"bid-contribution-{contribution.pk}-2500000-1",
        f"bid-contribution-{contribution.pk}-2500000-2",
    ]
    assert contribution.status == Contribution.Status.PAID


def test_when_stripe_is_unreachable_the_member_is_told_and_nothing_is_written(
    stripe_settings, settings, invoice, client_for
):
    contribution, admin = invoice
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    response = client_for("member", user=admin).post(
        f"/en/portal/contributions/{contribution.pk}/pay/",
        {"stripe_token": "tok_whatever"},
    )
    assert response.status_code == 400
    assert "cannot be reached" in response.json()["error"]
    assert not LedgerEntry.objects.exists()
    assert not StripeCustomer.objects.exists()
    assert PaymentAttempt.objects.get().status == "failed"


def test_a_card_needing_authentication_waits_for_the_browser(
    stripe_settings, invoice, client_for
):
    contribution, admin = invoice
    response = client_for("member", user=admin).post(
        f"/en/portal/contributions/{contribution.pk}/pay/",
        {"stripe_token": stripe_settings.token("4000002500003155")},
    )
    body = response.json()
    assert body["status"] == "requires_action"
    assert body["client_secret"].startswith("pi_")
    assert PaymentAttempt.objects.get().status == "requires_action"
    assert not LedgerEntry.objects.exists()


def test_reconciliation_applies_what_the_webhook_missed(
    stripe_settings, invoice, client_for
):
    contribution, admin = invoice
    client_for("member", user=admin).post(
        f"/en/portal/contributions/{contribution.pk}/pay/",
        {"stripe_token": stripe_settings.token()},
    )
    # Pretend the platform lost the payment it was told about.
    LedgerEntry.objects.all().delete()
    PaymentAttempt.objects.update(status="processing")
    assert contribution.status != Contribution.Status.PAID

    assert services.contributions_reconcile() == 1
    assert contribution.status == Contribution.Status.PAID
    assert services.contributions_reconcile() == 1  # looked again, changed nothing
    assert LedgerEntry.objects.count() == 1


def test_contacts_may_pay_only_when_the_organisation_allows_it(
    stripe_settings, invoice, client_for
):
    contribution, _admin = invoice
    contact = OrganisationMemberFactory(
        organisation=contribution.organisation, role=OrganisationMember.Role.CONTACT
    ).user
    client = client_for("member", user=contact)
    url = f"/en/portal/contributions/{contribution.pk}/pay/"
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"stripe_token": stripe_settings.token()}).status_code == 403
    )
    assert client.get(f"/en/portal/contributions/{contribution.pk}/").status_code == 200

    contribution.organisation.contacts_may_pay = True
    contribution.organisation.save()
    assert client.get(url).status_code == 200


def test_the_pay_page_allows_stripe_js_and_nothing_else(
    stripe_settings, invoice, client_for
):
    contribution, admin = invoice
    response = client_for("member", user=admin).get(
        f"/en/portal/contributions/{contribution.pk}/pay/"
    )
    policy = response["Content-Security-Policy"]
    assert stripe_settings.url in policy
    assert "'unsafe-inline'" not in policy
    assert (
        stripe_settings.url
        not in client_for("member", user=admin).get("/en/portal/")[
            "Content-Security-Policy"
        ]
    )
    html = response.content.decode()
    assert f'data-stripe-js="{stripe_settings.url}/js.stripe.com/v3/"' in html
    assert "25\xa0000" in html or "25,000" in html


def test_others_cannot_see_or_pay_a_members_invoice(
    stripe_settings, invoice, client_for
):
    contribution, _ = invoice
    _other_org, stranger = member(legal_name="Annan AB")
    client = client_for("member", user=stranger)
    for url in (
        f"/portal/contributions/{contribution.pk}/",
        f"/portal/contributions/{contribution.pk}/pay/",
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(
            f"/portal/contributions/{contribution.pk}/pay/",
            {"stripe_token": stripe_settings.token()},
        ).status_code
        == 404
    )
    assert not LedgerEntry.objects.exists()
