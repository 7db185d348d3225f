"""Support once per organisation, discussion with moderation, checked attachments."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from members.proposals import services
from members.proposals.models import Proposal, ProposalAttachment, ProposalSupport
from tests.factories.accounts import BoardUserFactory, MemberUserFactory
from tests.fuzz.uploads import jpeg_with_location, png, png_bomb

pytestmark = pytest.mark.django_db
S = Proposal.Status

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = png()


def submitted(world):
    proposal = world["proposal"]
    return services.proposal_transition(
        proposal=proposal, to=S.SUBMITTED, by=world["alice"]
    )


def test_support_is_a_toggle_once_per_organisation(world):
    proposal = submitted(world)
    assert services.support_toggle(
        proposal=proposal, by=world["bob"], organisation=world["other"]
    )
    # A second person of the same organisation takes the support back, not double it.
    colleague = MemberUserFactory()
    world["other"].members.create(user=colleague, role="contact")
    assert not services.support_toggle(
        proposal=proposal, by=colleague, organisation=world["other"]
    )
    assert ProposalSupport.objects.count() == 0
    services.support_toggle(
        proposal=proposal, by=world["bob"], organisation=world["other"]
    )
    assert ProposalSupport.objects.get().organisation == world["other"]


def test_an_organisation_cannot_support_its_own_proposal(world):
    proposal = submitted(world)
    with pytest.raises(ValidationError):
        services.support_toggle(
            proposal=proposal, by=world["alice"], organisation=world["proposer"]
        )
    assert not ProposalSupport.objects.exists()


@pytest.mark.parametrize(
    "status", [S.DRAFT, S.ACCEPTED, S.REJECTED, S.WITHDRAWN, S.COMPLETED]
)
def test_support_only_while_the_proposal_is_considered(world, status):
    proposal = world["proposal"]
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    with pytest.raises(ValidationError):
        services.support_toggle(
            proposal=proposal, by=world["bob"], organisation=world["other"]
        )


def test_supporting_for_someone_elses_organisation_is_refused(world):
    proposal = submitted(world)
    with pytest.raises(PermissionDenied):
        services.support_toggle(
            proposal=proposal, by=world["bob"], organisation=world["proposer"]
        )


def test_comments_notify_the_proposer_and_the_board_can_hide_them(
    world, django_capture_on_commit_callbacks
):
    proposal = submitted(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_add(
            proposal=proposal, by=world["bob"], body="Bra idé!"
        )
    assert mail.outbox[-1].to == [world["alice"].email]
    assert "Bra idé!" in mail.outbox[-1].body
    with pytest.raises(PermissionDenied):
        services.comment_hide(comment=comment, by=world["bob"], reason="x")
    with pytest.raises(ValidationError):
        services.comment_hide(comment=comment, by=BoardUserFactory(), reason=" ")
    services.comment_hide(
        comment=comment, by=BoardUserFactory(), reason="Personuppgifter"
    )
    comment.refresh_from_db()
    assert comment.hidden_reason == "Personuppgifter"
    assert comment.body == "Bra idé!"  # kept for the audit trail


def test_non_members_cannot_comment(world):
    proposal = submitted(world)
    with pytest.raises(PermissionDenied):
        services.comment_add(proposal=proposal, by=MemberUserFactory(), body="Hej")


@pytest.mark.parametrize(("name", "content"), [("plan.pdf", PDF), ("bild.png", PNG)])
def test_pdf_and_images_are_attached_under_a_random_name(
    world, name, content, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    attachment = services.attachment_add(
        proposal=world["proposal"],
        by=world["alice"],
        upload=SimpleUploadedFile(name, content),
    )
    assert attachment.original_name == name
    assert name not in attachment.file.name
    assert attachment.file.name.startswith("proposals/")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 60),
        ("fake.pdf", b"<html><script>alert(1)</script></html>"),
        ("notes.txt", b"just text"),
    ],
)
def test_other_file_types_are_refused_even_with_a_pdf_name(
    world, name, content, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError):
        services.attachment_add(
            proposal=world["proposal"],
            by=world["alice"],
            upload=SimpleUploadedFile(name, content),
        )
    assert not ProposalAttachment.objects.exists()


def test_files_over_10_mb_are_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("stor.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        services.attachment_add(
            proposal=world["proposal"], by=world["alice"], upload=big
        )
    assert "10 MB" in str(error.value)
    assert not ProposalAttachment.objects.exists()


def test_attached_photos_lose_their_exif_location(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = services.attachment_add(
        proposal=world["proposal"],
        by=world["alice"],
        upload=SimpleUploadedFile("foto.jpg", jpeg_with_location()),
    )
    stored = Image.open(attachment.file.path)
    assert stored.format == "JPEG"
    assert stored.size == (400, 300)
    assert not stored.getexif()
    assert attachment.content_type == "image/jpeg"
    assert attachment.size == attachment.file.size


def test_images_with_too_many_pixels_are_refused_and_nothing_is_kept(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    bomb = png_bomb()  # 100 million pixels in about 100 KB
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.attachment_add(
            proposal=world["proposal"],
            by=world["alice"],
            upload=SimpleUploadedFile("karta.png", bomb),
        )
    assert error.value.messages == [
        "The image has too many pixels (at most 50 million)."
    ]
    assert not ProposalAttachment.objects.exists()
    assert not list(tmp_path.rglob("*.*"))


def test_descriptions_are_sanitised_when_shown(world, client_for):
    proposal = world["proposal"]
    proposal.description = (
        "Hej <script>alert(1)</script>\n\n- punkt\n\nSe https://exempel.se/sida."
    )
    proposal.save()
    html = (
        client_for("member", user=world["alice"])
        .get(f"/portal/proposals/{proposal.pk}/")
        .content.decode()
    )
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<ul><li>punkt</li></ul>" in html
    assert '<a href="https://exempel.se/sida" rel="noopener nofollow ugc">' in html
