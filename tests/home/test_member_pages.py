"""The public join page and member directory."""

import datetime

import pytest

from members.enrolment.models import Membership
from members.enrolment.pages import JoinPage, MemberDirectoryPage
from tests.factories.organisations import (
    EnrolmentFactory,
    MembershipTermsFactory,
    OrganisationFactory,
)
from tests.factories.pages import site_home

pytestmark = pytest.mark.django_db


def make_member(**fields):
    organisation = OrganisationFactory(**fields)
    enrolment = EnrolmentFactory(organisation=organisation, status="approved")
    Membership.objects.create(
        organisation=organisation,
        enrolment=enrolment,
        starts_on=datetime.date(2025, 1, 1),
    )
    return organisation


def test_directory_lists_only_members_who_opted_in_and_filters_by_type(client):
    site_home().add_child(
        instance=MemberDirectoryPage(title="Medlemmar", slug="medlemmar")
    )
    make_member(
        legal_name="Synlig AB",
        listed_publicly=True,
        public_description="Vi äger kajen.",
    )
    make_member(legal_name="Dold AB", listed_publicly=False)
    make_member(legal_name="Kommunen", listed_publicly=True, type="municipality")
    OrganisationFactory(legal_name="Sökande AB", listed_publicly=True)  # not a member

    html = client.get("/medlemmar/").content.decode()
    assert "Synlig AB" in html and "Vi äger kajen." in html and "Kommunen" in html
    assert "Dold AB" not in html and "Sökande AB" not in html

    html = client.get("/medlemmar/?type=municipality").content.decode()
    assert "Kommunen" in html and "Synlig AB" not in html
    assert client.get("/medlemmar/?type=<script>").status_code == 200


def test_join_page_shows_the_terms_in_force_and_leads_to_sign_up(client):
    site_home().add_child(instance=JoinPage(title="Bli medlem", slug="bli-medlem"))
    MembershipTermsFactory(
        version="2026-2",
        title="Medlemsvillkor 2026",
        body="<p>Avgiften betalas årligen.</p>",
    )

    html = client.get("/bli-medlem/").content.decode()

    assert "Medlemsvillkor 2026" in html
    assert "Avgiften betalas årligen." in html
    assert "/accounts/signup/?next=/portal/organisations/new/" in html
