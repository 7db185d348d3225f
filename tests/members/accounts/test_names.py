"""Everyone gives a name at sign-up and is shown by it; a person without one is
asked for it under My account and meanwhile never shown by their email address."""

import pytest

from members.accounts.models import User
from members.proposals import services as proposal_services
from members.proposals.models import Proposal
from tests.factories.accounts import MemberUserFactory
from tests.factories.contributions import member
from tests.factories.organisations import OrganisationMemberFactory
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db

PASSPHRASE = "a-long-passphrase-1"


def sign_up(client, **fields):
    data = {"email": "ny.medlem@example.org", "password1": PASSPHRASE}
    data["password2"] = PASSPHRASE
    data.update(fields)
    return client.post("/en/accounts/signup/", data)


def test_signup_asks_for_the_name_and_stores_it(client):
    form = client.get("/en/accounts/signup/").content.decode()
    assert 'name="first_name"' in form
    assert 'autocomplete="given-name"' in form
    assert 'autocomplete="family-name"' in form

    response = sign_up(client, first_name=" Ada ", last_name="Lindqvist")

    assert response.status_code == 302
    user = User.objects.get(email="ny.medlem@example.org")
    assert (user.first_name, user.last_name) == ("Ada", "Lindqvist")
    assert str(user) == user.display_name == "Ada Lindqvist"


def test_signup_without_a_name_is_refused_and_creates_nothing(client):
    response = sign_up(client, first_name="", last_name="")
    assert response.status_code == 200
    assert response.context["form"].errors["first_name"]
    assert not User.objects.exists()


def test_a_person_without_a_name_is_shown_by_the_start_of_the_address_only():
    nameless = MemberUserFactory(
        email="kajsa.k@example.org", first_name="", last_name=""
    )
    assert nameless.display_name == str(nameless) == "kajsa.k"
    assert not nameless.has_name
    named = MemberUserFactory(first_name="Kajsa", last_name="Ek")
    assert named.display_name == "Kajsa Ek"
    assert named.has_name


def test_my_account_asks_a_person_without_a_name_for_it_and_saves_it(client):
    user = MemberUserFactory(first_name="", last_name="")
    client.force_login(user)

    page = client.get("/en/accounts/email/").content.decode()
    assert "account-name-prompt" in page
    assert 'href="/en/accounts/name/"' in page

    response = client.post(
        "/en/accounts/name/", {"first_name": "Kajsa", "last_name": "Ek"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Kajsa Ek"
    assert (
        "account-name-prompt" not in client.get("/en/accounts/email/").content.decode()
    )


def test_the_name_page_refuses_an_empty_first_name(client):
    user = MemberUserFactory(first_name="Kajsa", last_name="Ek")
    client.force_login(user)
    page = client.get("/en/accounts/name/").content.decode()
    assert 'value="Kajsa"' in page
    response = client.post("/en/accounts/name/", {"first_name": " ", "last_name": ""})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.first_name == "Kajsa"


@pytest.fixture
def open_proposal(db):
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    proposer, author = member(legal_name="Förslagsställaren AB")
    proposal = ProposalFactory(organisation=proposer, author=author, priority=priority)
    return proposal_services.proposal_transition(
        proposal=proposal, to=Proposal.Status.SUBMITTED, by=author
    )


def test_comments_show_the_authors_name_never_the_address(client, open_proposal):
    organisation, named = member(legal_name="Grannen AB")
    named.first_name, named.last_name = "Ebba", "Grann"
    named.save()
    nameless = MemberUserFactory(
        email="tyst.person@example.org", first_name="", last_name=""
    )
    OrganisationMemberFactory(organisation=organisation, user=nameless)

    proposal_services.comment_add(proposal=open_proposal, by=named, body="Bra idé!")
    proposal_services.comment_add(
        proposal=open_proposal, by=nameless, body="Håller med"
    )

    client.force_login(named)
    page = client.get(f"/en/portal/proposals/{open_proposal.pk}/").content.decode()
    assert "<strong>Ebba Grann</strong>" in page
    assert "<strong>tyst.person</strong>" in page
    assert "tyst.person@example.org" not in page


def test_the_people_of_an_organisation_are_listed_by_name(client):
    organisation, admin = member(legal_name="Kajen AB")
    nameless = MemberUserFactory(
        email="tyst.person@example.org", first_name="", last_name=""
    )
    OrganisationMemberFactory(organisation=organisation, user=nameless, role="contact")
    client.force_login(admin)

    page = client.get(f"/en/portal/organisations/{organisation.pk}/").content.decode()

    assert f'<th scope="row">{admin.display_name}</th>' in page
    assert '<th scope="row">tyst.person</th>' in page
    assert "–</th>" not in page
