"""A member pays a contribution by card in a real browser (localstripe's Stripe.js)."""

import datetime
import re
import time

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from members.contributions import services
from members.contributions.models import (
    Contribution,
    ContributionScheme,
    InvoiceSettings,
    StripeEvent,
)
from tests.factories.accounts import PASSWORD, MemberUserFactory
from tests.factories.contributions import SchemeFactory, member
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# localstripe's stand-in card field is a row of unlabelled test inputs; real
# Stripe Elements renders its own labelled iframe, so axe skips the stand-in.
AXE_CONTEXT = {"exclude": [["#card-element"]]}


def test_member_pays_an_invoice_by_card_and_gets_a_receipt(
    page, live_server, own_localstripe, axe
):
    district_settings()
    invoice_settings = InvoiceSettings.load()
    invoice_settings.legal_name = "Teststaden BID"
    invoice_settings.bankgiro = "5050-1055"
    invoice_settings.save()
    own_localstripe.send_webhooks_to(f"{live_server.url}/stripe/webhook/")
    SchemeFactory(due_date=datetime.date(2099, 3, 31))
    user = MemberUserFactory(first_name="Karin", language="en")
    member(user=user, legal_name="Kajfastigheter AB", properties=[(2000, "office")])
    services.contributions_issue(
        scheme=ContributionScheme.objects.get(), on=datetime.date(2026, 1, 15)
    )
    contribution = Contribution.objects.get()

    def accessible():
        violations = axe.run(page, context=AXE_CONTEXT).response["violations"]
        assert not violations, [
            (v["id"], [n["target"] for n in v["nodes"]]) for v in violations
        ]

    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/en/portal/$"))

    page.get_by_role("link", name="Contributions and receipts").click()
    accessible()
    page.get_by_role("link", name=contribution.number).click()
    expect(page.locator("main")).to_contain_text(contribution.payment_reference)
    expect(page.locator("main")).to_contain_text("Issued")
    accessible()

    # The invoice as a PDF, downloaded as the browser does it.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the invoice (PDF)").click()
    pdf = PdfReader(download.value.path())
    text = "".join(p.extract_text() for p in pdf.pages)
    assert contribution.payment_reference in text
    assert "5050-1055" in text

    page.get_by_role("link", name="Pay by card").click()
    expect(page.locator("#card-element input")).to_have_count(5)
    accessible()
    page.locator("#card-element input[placeholder=number]").fill("4242424242424242")
    page.locator("#card-element input[placeholder=exp_month]").fill("12")
    page.locator("#card-element input[placeholder=exp_year]").fill("30")
    page.locator("#card-element input[placeholder=cvc]").fill("123")
    page.locator("#card-element input[placeholder=postal_code]").fill("12030")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()

    expect(page).to_have_url(
        re.compile(rf"/portal/contributions/{contribution.pk}/\?paid=1$")
    )
    expect(page.locator("main")).to_contain_text("Paid")
    expect(page.get_by_role("status")).to_contain_text("the contribution is paid")
    accessible()

    # localstripe delivers the signed payment_intent.succeeded to the webhook.
    for _ in range(50):
        if StripeEvent.objects.filter(
            type="payment_intent.succeeded", processed_at__isnull=False
        ).exists():
            break
        time.sleep(0.2)
    else:
        arrived = list(StripeEvent.objects.values_list("type", "processed_at"))
        pytest.fail(f"payment_intent.succeeded never arrived; got {arrived}")
    assert contribution.entries.count() == 1
    assert contribution.status == Contribution.Status.PAID

    page.get_by_role("link", name="Receipt").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Receipt")
    expect(page.locator("main")).to_contain_text("Kajfastigheter AB")
    expect(page.locator("main")).to_contain_text("Card payment")
    accessible()
    assert page.console_errors == []
