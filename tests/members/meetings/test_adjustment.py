"""From held meeting to locked, published minutes: adjusters approve in the
portal, a decision on a proposal sets its state, locked minutes are never
edited and a correction is a visible revision."""

from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from pypdf import PdfReader

from members.meetings import services
from members.meetings.models import (
    AgendaItem,
    BodyMember,
    Decision,
    Meeting,
    MeetingAdjuster,
    MeetingAttachment,
    MinutesRevision,
    Visibility,
)
from members.proposals.models import Proposal, ProposalTransition
from tests.factories.accounts import (
    BoardUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
)
from tests.factories.contributions import member
from tests.factories.meetings import BodyFactory, MeetingFactory, meeting_index
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db
S = Meeting.Status


@pytest.fixture
def held(db):
    """A held meeting with minutes, a decision on a proposal under review and
    two adjusters."""
    home = site_home()
    _plan, (priority,) = plan_with_priorities(home, 1)
    index = meeting_index(home)
    organisation, author = member(legal_name="Förslagsställaren AB")
    proposal = ProposalFactory(
        organisation=organisation,
        author=author,
        priority=priority,
        status=Proposal.Status.UNDER_REVIEW,
    )
    secretary = SecretariatUserFactory()
    body = BodyFactory(name="Styrelsen")
    BodyMember.objects.create(
        body=body, user=secretary, name="Sekreteraren", role=BodyMember.Role.SECRETARY
    )
    meeting = MeetingFactory(body=body, status=S.HELD)
    AgendaItem.objects.create(
        meeting=meeting, sort_order=0, title="Förslag", minutes="<p>Diskussion.</p>"
    )
    first, second = MemberUserFactory(), MemberUserFactory()
    for person in (first, second):
        MeetingAdjuster.objects.create(meeting=meeting, user=person)
    decision = services.decision_add(
        meeting=meeting,
        text="Styrelsen bifaller förslaget.",
        by=secretary,
        item_number=1,
        proposal=proposal,
        outcome=Decision.Outcome.ACCEPT,
    )
    return {
        "index": index,
        "meeting": meeting,
        "decision": decision,
        "proposal": proposal,
        "author": author,
        "secretary": secretary,
        "adjusters": (first, second),
    }


def portal(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_all_adjusters_approve_then_minutes_lock_publish_and_decide(
    held, django_capture_on_commit_callbacks
):
    meeting, (first, second) = held["meeting"], held["adjusters"]
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send_for_adjustment(meeting=meeting, by=held["secretary"])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    assert f"/portal/adjustments/{meeting.pk}/" in mail.outbox[0].body

    response = portal(first).post(f"/portal/adjustments/{meeting.pk}/approve/")
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == S.MINUTES_DRAFTED
    assert not meeting.is_locked
    # The public does not see unadjusted minutes.
    assert Client().get(held["index"].decision_url(held["decision"])).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        portal(second).post(f"/portal/adjustments/{meeting.pk}/approve/")
    meeting.refresh_from_db()
    assert meeting.status == S.PUBLISHED
    assert meeting.is_locked and meeting.published_at
    proposal = held["proposal"]
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED
    assert proposal.decision == held["decision"]
    assert proposal.decision_reference.endswith("§ 1")
    step = ProposalTransition.objects.get(proposal=proposal)
    assert step.by == held["secretary"]
    assert step.comment == "Styrelsen bifaller förslaget."
    # The proposer's page links the decision, now that it is public.
    html = portal(held["author"]).get(f"/portal/proposals/{proposal.pk}/").content
    assert held["index"].decision_url(held["decision"]).encode() in html
    assert Client().get(held["index"].decision_url(held["decision"])).status_code == 200


def test_a_submitted_proposal_is_taken_under_review_on_the_way(held):
    proposal = held["proposal"]
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.SUBMITTED)
    meeting = held["meeting"]
    services.minutes_send_for_adjustment(meeting=meeting, by=held["secretary"])
    for person in held["adjusters"]:
        services.minutes_approve(meeting=meeting, by=person)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED
    steps = ProposalTransition.objects.filter(proposal=proposal).order_by("pk")
    assert [s.to_status for s in steps] == ["under_review", "accepted"]


def test_a_change_request_goes_back_to_the_secretary_and_clears_approvals(
    held, django_capture_on_commit_callbacks
):
    meeting, (first, second) = held["meeting"], held["adjusters"]
    services.minutes_send_for_adjustment(meeting=meeting, by=held["secretary"])
    services.minutes_approve(meeting=meeting, by=first)
    mail.outbox.clear()
    empty = portal(second).post(
        f"/portal/adjustments/{meeting.pk}/change/", {"comment": " "}
    )
    assert empty.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == S.MINUTES_DRAFTED
    with django_capture_on_commit_callbacks(execute=True):
        portal(second).post(
            f"/portal/adjustments/{meeting.pk}/change/",
            {"comment": "Paragraf 1 saknar beloppet."},
        )
    meeting.refresh_from_db()
    assert meeting.status == S.HELD
    assert not MeetingAdjuster.objects.filter(approved_at__isnull=False).exists()
    assert [m.to for m in mail.outbox] == [[held["secretary"].email]]
    assert "Paragraf 1 saknar beloppet." in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.minutes_approve(meeting=meeting, by=first)


def test_only_named_adjusters_open_and_approve(held):
    meeting = held["meeting"]
    services.minutes_send_for_adjustment(meeting=meeting, by=held["secretary"])
    stranger = MemberUserFactory()
    assert portal(stranger).get(f"/portal/adjustments/{meeting.pk}/").status_code == 404
    assert (
        portal(stranger).post(f"/portal/adjustments/{meeting.pk}/approve/").status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        services.minutes_approve(meeting=meeting, by=stranger)
    page = portal(held["adjusters"][0]).get(f"/portal/adjustments/{meeting.pk}/")
    assert page.status_code == 200
    assert b"Diskussion." in page.content


def test_sending_needs_adjusters_minutes_and_the_right_role(held):
    meeting = held["meeting"]
    with pytest.raises(PermissionDenied):
        services.minutes_send_for_adjustment(meeting=meeting, by=held["adjusters"][0])
    MeetingAdjuster.objects.all().delete()
    with pytest.raises(ValidationError):
        services.minutes_send_for_adjustment(meeting=meeting, by=held["secretary"])
    meeting.refresh_from_db()
    assert meeting.status == S.HELD


def test_editing_minutes_out_for_adjustment_restarts_it(held):
    meeting, (first, _second) = held["meeting"], held["adjusters"]
    services.minutes_send_for_adjustment(meeting=meeting, by=held["secretary"])
    services.minutes_approve(meeting=meeting, by=first)
    services.minutes_edited(meeting=meeting, by=held["secretary"])
    meeting.refresh_from_db()
    assert meeting.status == S.HELD
    assert not MeetingAdjuster.objects.filter(approved_at__isnull=False).exists()


def _publish(held):
    meeting = held["meeting"]
    services.minutes_send_for_adjustment(meeting=meeting, by=held["secretary"])
    for person in held["adjusters"]:
        services.minutes_approve(meeting=meeting, by=person)
    meeting.refresh_from_db()
    return meeting


def test_locked_minutes_reject_edits_in_the_admin_and_the_services(held):
    meeting = _publish(held)
    admin = Client()
    admin.force_login(held["secretary"])
    edit = f"/admin/meetings/records/edit/{meeting.pk}/"
    assert admin.get(edit).status_code == 302
    response = admin.post(edit, {"title": "Ändrad", "agenda_items-TOTAL_FORMS": "0"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/inspect/{meeting.pk}/")
    delete = admin.post(f"/admin/meetings/records/delete/{meeting.pk}/")
    assert delete.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title != "Ändrad"
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    with pytest.raises(ValidationError):
        services.decision_add(meeting=meeting, text="Sent beslut", by=held["secretary"])
    assert meeting.decisions.count() == 1


def test_a_correction_is_a_visible_revision(held):
    meeting = _publish(held)
    item = meeting.agenda_items.get()
    admin = Client()
    admin.force_login(held["secretary"])
    inspect = f"/admin/meetings/records/inspect/{meeting.pk}/"
    without_reason = admin.post(
        inspect,
        {"action": "correct", "item": item.pk, "minutes": "<p>Ny</p>", "reason": ""},
    )
    assert without_reason.status_code == 200
    assert not MinutesRevision.objects.exists()
    admin.post(
        inspect,
        {
            "action": "correct",
            "item": item.pk,
            "minutes": '{"blocks":[{"key":"a","text":"Rättad text.","type":"unstyled",'
            '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "reason": "Fel belopp i § 1.",
        },
    )
    revision = MinutesRevision.objects.get()
    assert revision.previous_minutes == "<p>Diskussion.</p>"
    assert revision.reason == "Fel belopp i § 1."
    item.refresh_from_db()
    assert "Rättad text." in item.minutes
    html = Client().get(held["index"].meeting_url(meeting)).content.decode()
    assert "Rättad text." in html
    assert "Fel belopp i § 1." in html
    assert "Diskussion." in html  # the text before, kept in view


def test_the_minutes_pdf_holds_the_record(held):
    meeting = _publish(held)
    index = held["index"]
    response = Client().get(
        index.url + index.reverse_subpage("minutes_pdf", args=[meeting.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "Diskussion." in text
    assert "§ 1" in text
    assert "Styrelsen bifaller förslaget." in text


def test_an_adjuster_outside_the_board_opens_board_minutes_only_until_published(
    held,
):
    """The rule of `members.meetings.selectors`: adjusters open the minutes and
    files while adjusting; once published, the meeting's visibility decides."""
    meeting, index = held["meeting"], held["index"]
    meeting.visibility = Visibility.BOARD
    meeting.save(update_fields=["visibility"])
    attachment = MeetingAttachment(
        meeting=meeting, title="Bilaga", content_type="application/pdf", size=5
    )
    attachment.file.save("bilaga.pdf", ContentFile(b"%PDF-"), save=True)
    board_member = BoardUserFactory()
    MeetingAdjuster.objects.create(meeting=meeting, user=board_member)
    outsider = held["adjusters"][0]
    adjustment = f"/portal/adjustments/{meeting.pk}/"
    file = f"/portal/meeting-files/{attachment.pk}/"
    pdf = index.url + index.reverse_subpage("minutes_pdf", args=[meeting.pk])

    services.minutes_send_for_adjustment(meeting=meeting, by=held["secretary"])
    page = portal(outsider).get(adjustment)
    assert page.status_code == 200
    assert b"Diskussion." in page.content
    assert portal(outsider).get(file).status_code == 200
    assert (
        meeting.title.encode() in portal(outsider).get("/portal/adjustments/").content
    )

    for person in (*held["adjusters"], board_member):
        services.minutes_approve(meeting=meeting, by=person)
    meeting.refresh_from_db()
    assert meeting.status == S.PUBLISHED

    for url in (
        adjustment,
        file,
        pdf,
        index.meeting_url(meeting),
        index.decision_url(held["decision"]),
    ):
        assert portal(outsider).get(url).status_code == 404, url
    assert (
        meeting.title.encode()
        not in portal(outsider).get("/portal/adjustments/").content
    )
    for url in (adjustment, file, pdf):
        assert portal(board_member).get(url).status_code == 200, url
