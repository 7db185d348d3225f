"""Amounts, dates and numbers read the way each language writes them; numbers
in links and form values never do (a link must keep `year=2026`)."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from bid.money import format_money, format_number
from members.areas.models import iso_week_of
from members.proposals.models import Proposal, ProposalComment
from tests.factories.areas import area
from tests.factories.contributions import member
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db

PREFIX = {"sv": "", "da": "/da", "nb": "/nb", "en": "/en"}
COMMENTED_AT = datetime.datetime(2026, 12, 6, 13, 7, tzinfo=datetime.UTC)  # 14:07 CET


@pytest.fixture
def proposal():
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    organisation, admin = member(legal_name="Kajen AB")
    proposal = ProposalFactory(
        organisation=organisation,
        author=admin,
        priority=priority,
        status=Proposal.Status.SUBMITTED,
        estimated_cost_minor=52_500_00,
        requested_funding_minor=1_250_000_50,
    )
    comment = ProposalComment.objects.create(
        proposal=proposal, author=admin, author_name="Karin", body="Bra!"
    )
    ProposalComment.objects.filter(pk=comment.pk).update(created_at=COMMENTED_AT)
    return proposal, admin


@pytest.mark.parametrize(
    ("language", "amounts", "commented"),
    [
        (
            "sv",
            ("52\xa0500\xa0kr", "1\xa0250\xa0000,50\xa0kr"),
            "6 december 2026 14:07",
        ),
        (
            "da",
            ("52.500\xa0SEK", "1.250.000,50\xa0SEK"),
            "6. december 2026 kl. 14.07",
        ),
        (
            "nb",
            ("52\xa0500\xa0SEK", "1\xa0250\xa0000,50\xa0SEK"),
            "6. desember 2026 kl. 14:07",
        ),
        (
            "en",
            ("SEK\xa052,500", "SEK\xa01,250,000.50"),
            "6 December 2026, 14:07",
        ),
    ],
)
def test_a_page_shows_amounts_and_times_as_its_language_writes_them(
    proposal, language, amounts, commented
):
    proposal, admin = proposal
    client = Client()
    client.force_login(admin)
    response = client.get(f"{PREFIX[language]}/portal/proposals/{proposal.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for amount in amounts:
        assert amount in html
    assert commented in html
    # Not Django's American English: "Dec. 6, 2026, 2:07 p.m.".
    assert "p.m." not in html and "SEK5" not in html


@pytest.mark.parametrize("language", ["sv", "da", "nb", "en"])
def test_links_keep_their_numbers_unformatted(settings, language):
    """With grouping on, every integer a template prints reads "2 026"; the
    numbers in links and form values still must not."""
    settings.USE_THOUSAND_SEPARATOR = True
    kajen, user = member(legal_name="Kajen AB")
    area("Centrum", kajen)
    year, week = iso_week_of(timezone.localdate() - datetime.timedelta(weeks=1))
    client = Client()
    client.force_login(user)
    response = client.get(
        f"{PREFIX[language]}/portal/situation/report/", {"year": year, "week": week}
    )
    assert response.status_code == 200
    hrefs = re.findall(r'href="([^"]*year=[^"]*)"', response.content.decode())
    assert len(hrefs) > 1  # the language menu's own link and the report's
    for href in hrefs:
        assert f"year={year}&amp;week={week}" in href, href


@pytest.mark.parametrize(
    ("language", "currency", "expected"),
    [
        ("sv", "SEK", "52\xa0500\xa0kr"),
        ("da", "DKK", "52.500\xa0kr."),
        ("nb", "NOK", "52\xa0500\xa0kr"),
        ("en", "SEK", "SEK\xa052,500"),
        ("en", "NOK", "NOK\xa052,500"),
        ("en", "GBP", "£52,500"),
    ],
)
def test_a_currency_in_letters_stands_apart_from_the_digits(
    language, currency, expected
):
    assert format_money(52_500_00, currency, language=language) == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [("96.00", "sv", "96"), ("96.20", "sv", "96,2"), ("1200.0", "en", "1,200")],
)
def test_whole_values_are_shown_without_decimals(value, language, expected):
    assert format_number(value, language=language) == expected
