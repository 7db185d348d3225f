"""Each limited member write endpoint: the request past the limit answers 429
and writes nothing; once the window has passed the same request works again."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from members.areas import services as area_services
from members.areas.models import ActionItem, Observation, WeeklyReport
from members.enrolment.models import Enrolment
from members.notifications.models import Follow
from members.organisations.models import Invitation, Organisation
from members.premises.models import PremisesRequest
from members.premises.pages import PremisesIndexPage
from members.proposals import services as proposal_services
from members.proposals.models import (
    Proposal,
    ProposalAttachment,
    ProposalComment,
    ProposalSupport,
)
from tests.factories.organisations import (
    EnrolmentFactory,
    MembershipTermsFactory,
    PropertyFactory,
    organisation_with_admin,
)
from tests.factories.pages import site_home
from tests.members.test_portal import ORGANISATION_FORM

pytestmark = pytest.mark.django_db
HOUR = 3600
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def limit(settings, clock):
    """limit(scope) allows one request an hour; limit.pass_window() moves the
    limiter's clock past it; limit.start_window(user) to the start of one."""

    class Limit:
        def __call__(self, scope, rate="1/h"):
            assert scope in settings.RATE_LIMITS, "not a configured scope"
            settings.RATE_LIMITS = {**settings.RATE_LIMITS, scope: rate}

        def pass_window(self):
            clock.now += HOUR

        def start_window(self, user):
            clock.start_window(f"user:{user.pk}")

    return Limit()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_refused(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= HOUR
    # In the page's language: unprefixed addresses are Swedish, /en/ English.
    html = response.content.decode()
    expected = "Nothing was saved." if '<html lang="en">' in html else "Inget sparades."
    assert expected in html


def submitted(world):
    return proposal_services.proposal_transition(
        proposal=world["proposal"], to=Proposal.Status.SUBMITTED, by=world["alice"]
    )


def test_proposal_creation(world, limit):
    limit("proposal_create")
    alice = signed_in(world["alice"])
    data = {
        "organisation": world["proposer"].pk,
        "title": "Fler bänkar",
        "summary": "Bänkar längs kajen.",
        "description": "Tio bänkar längs kajen.",
        "priority": world["priority"].pk,
        "estimated_cost_minor": "50000",
        "requested_funding_minor": "20000",
    }
    assert alice.post("/portal/proposals/new/", data).status_code == 302
    assert Proposal.objects.count() == 2
    assert_refused(alice.post("/portal/proposals/new/", data))
    assert Proposal.objects.count() == 2
    limit.pass_window()
    assert alice.post("/portal/proposals/new/", data).status_code == 302
    assert Proposal.objects.count() == 3


def test_the_form_is_still_shown_when_the_limit_is_reached(world, limit):
    limit("proposal_create")
    alice = signed_in(world["alice"])
    alice.post("/portal/proposals/new/", {"title": ""})
    assert alice.get("/portal/proposals/new/").status_code == 200


def test_comment_posting(world, limit):
    limit("proposal_comment")
    proposal = submitted(world)
    bob = signed_in(world["bob"])
    url = f"/portal/proposals/{proposal.pk}/comment/"
    assert bob.post(url, {"body": "Bra idé."}).status_code == 302
    assert_refused(bob.post(url, {"body": "Och en till."}))
    assert list(ProposalComment.objects.values_list("body", flat=True)) == ["Bra idé."]
    limit.pass_window()
    bob.post(url, {"body": "Och en till."})
    assert ProposalComment.objects.count() == 2


def test_support_toggling(world, limit):
    limit("proposal_support")
    proposal = submitted(world)
    bob = signed_in(world["bob"])
    url = f"/portal/proposals/{proposal.pk}/support/"
    data = {"organisation": world["other"].pk}
    assert bob.post(url, data).status_code == 302
    assert_refused(bob.post(url, data))
    assert ProposalSupport.objects.filter(organisation=world["other"]).exists()
    limit.pass_window()
    bob.post(url, data)
    assert not ProposalSupport.objects.exists()


def test_attachment_upload(world, limit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    limit("proposal_attachment")
    alice = signed_in(world["alice"])
    url = f"/portal/proposals/{world['proposal'].pk}/attachments/"

    def upload():
        return alice.post(
            url, {"file": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")}
        )

    assert upload().status_code == 302
    assert_refused(upload())
    assert ProposalAttachment.objects.count() == 1
    limit.pass_window()
    upload()
    assert ProposalAttachment.objects.count() == 2


def test_follow_toggling(world, limit):
    limit("follow")
    proposal = submitted(world)
    bob = signed_in(world["bob"])
    data = {"kind": "proposal", "pk": proposal.pk}
    assert bob.post("/portal/follow/", data).status_code == 302
    assert_refused(bob.post("/portal/follow/", data))
    assert Follow.objects.filter(user=world["bob"]).count() == 1
    limit.pass_window()
    bob.post("/portal/follow/", data)
    assert not Follow.objects.filter(user=world["bob"]).exists()


def report_form(district, note):
    return {
        "organisation": district["kajen"].pk,
        "area": district["centrum"].pk,
        "colour": "green",
        "score": 2,
        "vandalism": 0,
        "littering": 0,
        "unrest": 0,
        "crime_reported": 0,
        "other": 0,
        "note": note,
    }


def test_situation_report_submission(district, limit):
    limit("situation_report")
    kajen = signed_in(district["kajen_user"])
    url = "/portal/situation/report/"
    assert kajen.post(url, report_form(district, "Lugnt")).status_code == 302
    assert_refused(kajen.post(url, report_form(district, "Oroligt")))
    assert list(WeeklyReport.objects.values_list("note", flat=True)) == ["Lugnt"]
    limit.pass_window()
    kajen.post(url, report_form(district, "Oroligt"))
    assert list(WeeklyReport.objects.values_list("note", flat=True)) == ["Oroligt"]


def test_observation_upload(district, limit):
    limit("observation_create")
    walk = area_services.walk_create(
        by=district["secretariat"],
        area=district["centrum"],
        date=timezone.localdate() - datetime.timedelta(days=1),
        route="Runt kvarteret",
        parties=[district["kajen"], district["police"]],
    )
    kajen = signed_in(district["kajen_user"])
    data = {
        "category": "lighting",
        "description": "Mörk passage",
        "latitude": "57.701000",
        "longitude": "11.955000",
        "land_owner": district["kajen"].pk,
    }
    assert kajen.post(f"/portal/walks/{walk.pk}/", data).status_code == 302
    assert_refused(kajen.post(f"/portal/walks/{walk.pk}/", data))
    assert Observation.objects.count() == 1
    # Reading the walk is not limited.
    assert kajen.get(f"/portal/walks/{walk.pk}/").status_code == 200
    limit.pass_window()
    kajen.post(f"/portal/walks/{walk.pk}/", data)
    assert Observation.objects.count() == 2


def test_action_creation(district, limit):
    limit("action_create")
    secretariat = signed_in(district["secretariat"])
    data = {
        "title": "Extra patruller",
        "area": district["centrum"].pk,
        "addressed_to": district["police"].pk,
        "due_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        "description": "Kvällar och helger.",
    }
    assert secretariat.post("/portal/actions/new/", data).status_code == 302
    assert_refused(secretariat.post("/portal/actions/new/", data))
    assert ActionItem.objects.count() == 1
    limit.pass_window()
    secretariat.post("/portal/actions/new/", data)
    assert ActionItem.objects.count() == 2


def test_organisation_registration(client_for, limit):
    limit("organisation_create")
    client = client_for("member")
    url = "/en/portal/organisations/new/"
    assert client.post(url, ORGANISATION_FORM).status_code == 302
    Organisation.objects.all().delete()  # so the same number may register again
    assert_refused(client.post(url, ORGANISATION_FORM))
    assert not Organisation.objects.exists()
    limit.pass_window()
    assert client.post(url, ORGANISATION_FORM).status_code == 302
    assert Organisation.objects.count() == 1


def test_a_search_request_for_premises_on_the_public_page(limit):
    limit("premises_request")
    home = site_home()
    page = PremisesIndexPage(title="Lediga lokaler", slug="lediga-lokaler")
    home.add_child(instance=page)
    url = page.url + page.reverse_subpage("request_route")
    client = Client()
    form = {"email": "a@example.com", "use": "shop", "min_m2": "10", "consent": "on"}
    assert client.post(url, {**form, "name": "A"}).status_code == 302
    assert_refused(client.post(url, {**form, "name": "B"}))
    assert not PremisesRequest.objects.filter(name="B").exists()
    limit.pass_window()
    assert client.post(url, {**form, "name": "B"}).status_code == 302
    assert PremisesRequest.objects.filter(name="B").exists()


def test_invitations(limit):
    limit("invitation")
    organisation, admin = organisation_with_admin()
    client = signed_in(admin)
    url = f"/portal/organisations/{organisation.pk}/invite/"
    client.post(url, {"email": "first@kajen.example", "role": "contact"})
    assert Invitation.objects.count() == 1
    sent = len(mail.outbox)
    assert_refused(
        client.post(url, {"email": "second@kajen.example", "role": "contact"})
    )
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == sent
    limit.pass_window()
    client.post(url, {"email": "second@kajen.example", "role": "contact"})
    assert Invitation.objects.count() == 2


def test_sending_an_application(limit):
    limit("enrolment_send")
    terms = MembershipTermsFactory()
    organisation, admin = organisation_with_admin()
    building = PropertyFactory(owner=organisation)
    enrolment = EnrolmentFactory(organisation=organisation, applicant=admin)
    client = signed_in(admin)
    # The page's one form sends the ticked properties with the terms.
    ticked = {"properties": [building.pk], "terms": terms.pk}
    url = f"/portal/applications/{enrolment.pk}/send/"
    client.post(url, ticked)  # terms not accepted: still a request
    assert_refused(client.post(url, {**ticked, "accept_terms": "on"}))
    assert Enrolment.objects.get().status == "draft"
    limit.pass_window()
    client.post(url, {**ticked, "accept_terms": "on"})
    assert Enrolment.objects.get().status == "submitted"


def test_the_refusal_is_a_page_of_the_site_with_the_reason(world, limit):
    limit("proposal_comment")
    proposal = submitted(world)
    bob = signed_in(world["bob"])
    limit.start_window(world["bob"])
    url = f"/portal/proposals/{proposal.pk}/comment/"
    bob.post(url, {"body": "Ett."})
    response = bob.post(url, {"body": "Två."}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 429
    assert ProposalComment.objects.count() == 1
    assert "<h1>För många förfrågningar</h1>" in html
    assert "Försök igen om 60 minuter." in html
    assert 'class="site-header"' in html


def test_the_pay_page_script_gets_the_refusal_as_json(limit):
    request_headers = {"HTTP_X_REQUESTED_WITH": "fetch"}
    limit("contribution_pay")
    organisation, admin = organisation_with_admin()
    client = signed_in(admin)
    client.post("/portal/contributions/999999/pay/", **request_headers)
    response = client.post("/portal/contributions/999999/pay/", **request_headers)
    assert response.status_code == 429
    assert "Inget sparades." in response.json()["error"]
