"""Hostile uploads: script-carrying SVGs, zip and image bombs, PDF/HTML
polyglots, PHP dressed as JPEG, lying names and types, empty files and files
just over the limit. Each is refused, or stored under its real type and served
so that no browser runs it."""

import io
import time

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from bid import uploads
from members.areas import validators as area_validators
from members.areas.forms import AreaAdminForm
from members.areas.models import Area
from members.meetings import services as meetings
from members.meetings import validators as meeting_validators
from members.meetings.models import MeetingAttachment
from members.proposals.models import ProposalAttachment
from members.proposals.validators import ATTACHMENT_MAX_BYTES
from tests.factories.contributions import member
from tests.factories.meetings import BodyFactory, MeetingFactory
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory
from tests.fuzz.uploads import (
    GIB,
    HTML,
    JPEG_POLYGLOT,
    PDF_WITH_SCRIPT,
    PHP,
    SVG,
    jpeg,
    jpeg_with_location,
    pdf,
    png,
    png_bomb,
    zip_bomb,
)

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def assert_not_runnable(response, content_type: str, *, download: bool) -> None:
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response.get("Content-Disposition", "")
    assert disposition.startswith("attachment" if download else "inline")


def just_over(limit: int) -> bytes:
    data = pdf()
    return data + b"0" * (limit + 1 - len(data))


REFUSED_EVERYWHERE = [
    pytest.param("logo.svg", SVG, "image/svg+xml", id="svg-with-script"),
    pytest.param("logo.png", SVG, "image/png", id="svg-named-png"),
    pytest.param("photo.jpg", PHP, "image/jpeg", id="php-as-jpeg"),
    pytest.param("page.pdf", HTML, "application/pdf", id="html-as-pdf"),
    pytest.param("report.pdf", zip_bomb(), "application/pdf", id="zip-bomb"),
]


# Proposal attachments: members upload through the portal


@pytest.fixture
def draft(db):
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    organisation, user = member(legal_name="Förslagsställaren AB")
    proposal = ProposalFactory(
        organisation=organisation, author=user, priority=priority
    )
    return proposal, user


def attach(client, proposal, file):
    return client.post(
        reverse("portal:proposal_attach", args=[proposal.pk]), {"file": file}
    )


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        *REFUSED_EVERYWHERE,
        pytest.param("empty.pdf", b"", "application/pdf", id="empty"),
        pytest.param(
            "big.pdf",
            just_over(ATTACHMENT_MAX_BYTES),
            "application/pdf",
            id="over-limit",
        ),
    ],
)
def test_proposal_attachments_refuse_hostile_files(
    client_for, draft, name, data, content_type
):
    proposal, user = draft
    client = client_for("member", user)
    response = attach(client, proposal, upload(name, data, content_type))
    assert response.status_code == 302
    assert not ProposalAttachment.objects.exists()
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]


def test_a_proposal_attachment_of_exactly_the_limit_is_accepted(client_for, draft):
    proposal, user = draft
    data = just_over(ATTACHMENT_MAX_BYTES)[:-1]
    attach(client_for("member", user), proposal, upload("max.pdf", data))
    assert ProposalAttachment.objects.get().size == ATTACHMENT_MAX_BYTES


@pytest.mark.parametrize(
    ("name", "data", "declared", "real", "download"),
    [
        ("budget.html", PDF_WITH_SCRIPT, "text/html", "application/pdf", True),
        ("photo.jpg", JPEG_POLYGLOT, "text/html", "image/jpeg", False),
        ("scan.pdf", png(), "application/pdf", "image/png", False),
    ],
)
def test_proposal_files_are_stored_and_served_as_their_real_type_only(
    client_for, draft, name, data, declared, real, download
):
    proposal, user = draft
    client = client_for("member", user)
    attach(client, proposal, upload(name, data, declared))
    attachment = ProposalAttachment.objects.get()
    assert attachment.content_type == real
    assert attachment.file.name.endswith(
        "." + real.split("/")[1].replace("jpeg", "jpg")
    )
    response = client.get(reverse("portal:proposal_attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert_not_runnable(response, real, download=download)
    served = b"".join(response.streaming_content)
    if real == "application/pdf":
        assert served == data
    else:
        # Images are re-encoded from their pixels: what rode along is gone.
        assert PillowImage.open(io.BytesIO(served)).format == real.split("/")[1].upper()
        assert HTML not in served and PHP not in served


# Meeting attachments: the secretariat uploads in the admin (model validation)


def meeting_attachment(data: bytes, name: str = "file.docx") -> MeetingAttachment:
    attachment = MeetingAttachment(
        meeting=MeetingFactory(), title="Handling", file=upload(name, data)
    )
    attachment.full_clean()
    attachment.save()
    return attachment


@pytest.mark.parametrize(
    ("name", "data"),
    [
        *[pytest.param(*p.values[:2], id=p.id) for p in REFUSED_EVERYWHERE],
        pytest.param(
            "bomb.docx", zip_bomb(first="word/document.xml"), id="bomb-named-docx-first"
        ),
        pytest.param("empty.pdf", b"", id="empty"),
        pytest.param(
            "big.pdf",
            just_over(meeting_validators.ATTACHMENT_MAX_BYTES),
            id="over-limit",
        ),
    ],
)
def test_meeting_attachments_refuse_hostile_files_quickly(name, data):
    started = time.monotonic()
    with pytest.raises(ValidationError):
        meeting_attachment(data, name)
    assert time.monotonic() - started < 5
    assert not MeetingAttachment.objects.exists()


def test_a_zip_bomb_is_refused_by_its_declared_size_without_unpacking():
    bomb = zip_bomb(2 * GIB)
    started = time.monotonic()
    assert not uploads.is_docx(upload("bomb.docx", bomb))
    # An archive stored before the check is not unpacked for search either.
    assert meetings.extract_text(bomb, DOCX) == ""
    assert time.monotonic() - started < 1


def test_a_pdf_html_polyglot_is_stored_as_pdf_and_only_ever_downloaded(client):
    attachment = meeting_attachment(PDF_WITH_SCRIPT, "agenda.html")
    assert attachment.content_type == "application/pdf"
    assert attachment.file.name.endswith(".pdf")
    response = client.get(reverse("portal:meeting_attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert_not_runnable(response, "application/pdf", download=True)
    assert 'filename="Handling.pdf"' in response["Content-Disposition"]


def test_an_image_attached_to_a_meeting_in_the_admin_loses_its_exif(client_for):
    body = BodyFactory()
    empty = inline_formset([])
    data = nested_form_data(
        {
            "body": body.pk,
            "visibility": "public",
            "title": "Styrelsemöte",
            "starts_at": "2026-03-10 18:00",
            "ends_at": "2026-03-10 20:00",
            "agenda_items": empty,
            "decisions": empty,
            "attendance": empty,
            "adjusters": empty,
            "attachments": inline_formset(
                [
                    {
                        "title": "Torget",
                        "item_number": "",
                        "file": upload("torget.jpg", jpeg_with_location()),
                    }
                ]
            ),
        }
    )

    response = client_for("admin").post(reverse("meetings_meeting:add"), data)

    assert response.status_code == 302, response.context["form"].errors
    attachment = MeetingAttachment.objects.get()
    assert attachment.content_type == "image/jpeg"
    assert attachment.file.name.endswith(".jpg")
    assert attachment.size == attachment.file.size
    assert_no_metadata(attachment.file)


def test_replacing_a_meeting_attachment_checks_the_new_file():
    attachment = meeting_attachment(pdf(), "budget.pdf")
    attachment.file = upload("budget.pdf", HTML, "application/pdf")
    with pytest.raises(ValidationError):
        attachment.full_clean()


# Observation photos: re-encoded, or refused


@pytest.mark.parametrize(
    ("name", "data"),
    [
        *[pytest.param(*p.values[:2], id=p.id) for p in REFUSED_EVERYWHERE],
        pytest.param("bomb.png", png_bomb(), id="pixel-bomb"),
        pytest.param("empty.jpg", b"", id="empty"),
    ],
)
def test_observation_photos_refuse_what_is_not_a_reasonable_photo(name, data):
    started = time.monotonic()
    with pytest.raises(ValidationError):
        area_validators.clean_photo(upload(name, data))
    assert time.monotonic() - started < 2


def test_a_photo_just_over_the_limit_is_refused(monkeypatch):
    data = jpeg()
    monkeypatch.setattr(area_validators, "MAX_BYTES", len(data) - 1)
    with pytest.raises(ValidationError, match="15 MB"):
        area_validators.clean_photo(upload("photo.jpg", data))


def test_a_jpeg_carrying_html_and_php_is_re_encoded_without_them():
    cleaned = area_validators.clean_photo(
        upload("photo.jpg", JPEG_POLYGLOT, "text/html")
    ).read()
    assert cleaned.startswith(b"\xff\xd8")
    assert b"<script" not in cleaned and b"<?php" not in cleaned


# Area boundaries: GeoJSON files in the admin


def area_form(data: bytes) -> AreaAdminForm:
    return AreaAdminForm(
        data={"name": "Kajen", "slug": "kajen", "sort_order": 0, "boundary": ""},
        files={"boundary_file": upload("kajen.geojson", data, "application/geo+json")},
    )


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"1" * 5000, id="number-too-long-to-read"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="nested-too-deep"),
        pytest.param(b"\xff\xfe{}", id="not-utf8"),
        pytest.param(SVG, id="svg"),
        pytest.param(b'{"type": "Polygon", "coordinates": 1e999}', id="infinite"),
        pytest.param(b'{"type": "FeatureCollection", "features": {"a": 1}}', id="odd"),
        pytest.param(b" " * (2 * 1024 * 1024 + 1), id="over-limit"),
        pytest.param(b"", id="empty"),
    ],
)
def test_area_geojson_uploads_refuse_unreadable_files(data):
    form = area_form(data)
    assert not form.is_valid()
    assert "boundary_file" in form.errors
    assert not Area.objects.exists()


@pytest.mark.parametrize(
    "text", ["1" * 5000, "[" * 100_000 + "]" * 100_000, "{", "Polygon"]
)
def test_pasted_boundaries_that_cannot_be_read_are_refused(text):
    form = AreaAdminForm(
        data={"name": "Kajen", "slug": "kajen", "sort_order": 0, "boundary": text}
    )
    assert not form.is_valid()
    assert "boundary" in form.errors
    assert text[:20] in str(form["boundary"])  # shown again to be corrected
    assert not Area.objects.exists()


def test_a_valid_geojson_file_sets_the_boundary():
    form = area_form(
        b'{"type": "Polygon", "coordinates": '
        b"[[[11.95, 57.7], [11.96, 57.7], [11.96, 57.71], [11.95, 57.7]]]}"
    )
    assert form.is_valid(), form.errors
    assert form.save().boundary["type"] == "Polygon"


# Wagtail images and documents: what the editors upload


@pytest.mark.parametrize(
    ("name", "data"), [("logo.svg", SVG), ("logo.png", SVG), ("photo.jpg", PHP)]
)
def test_wagtail_images_refuse_svg_and_disguised_files(client_for, name, data):
    response = client_for("admin").post(
        reverse("wagtailimages:add"), {"title": "Logo", "file": upload(name, data)}
    )
    assert response.status_code == 200
    assert not Image.objects.exists()


def assert_no_metadata(stored) -> None:
    with stored.open("rb") as handle:
        picture = PillowImage.open(io.BytesIO(handle.read()))
    assert picture.format == "JPEG"
    assert picture.size == (400, 300)
    assert not picture.getexif()  # no GPS position, no camera


def test_a_wagtail_image_is_stored_without_its_exif(client_for):
    response = client_for("admin").post(
        reverse("wagtailimages:add"),
        {"title": "Torget", "file": upload("torget.jpg", jpeg_with_location())},
    )

    assert response.status_code == 302
    image = Image.objects.get()
    assert_no_metadata(image.file)
    assert (image.width, image.height) == (400, 300)
    assert image.file_size == image.file.size


def test_a_wagtail_image_from_the_multiple_upload_is_stored_without_its_exif(
    client_for,
):
    response = client_for("admin").post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("torget.jpg", jpeg_with_location())},
    )

    assert response.json()["success"]
    assert_no_metadata(Image.objects.get().file)


def test_a_replaced_wagtail_image_is_stored_without_its_exif(client_for):
    client = client_for("admin")
    client.post(
        reverse("wagtailimages:add"),
        {"title": "Torget", "file": upload("torget.jpg", jpeg(400, 300))},
    )
    image = Image.objects.get()

    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Torget", "file": upload("torget2.jpg", jpeg_with_location())},
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert_no_metadata(image.file)


def test_a_wagtail_image_with_too_many_pixels_is_refused(client_for, monkeypatch):
    monkeypatch.setattr("bid.images.MAX_PIXELS", 100 * 100)

    response = client_for("admin").post(
        reverse("wagtailimages:add"),
        {"title": "Stor", "file": upload("stor.jpg", jpeg(200, 200))},
    )

    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Image.objects.exists()


def test_an_organisations_logo_is_stored_without_its_exif(client):
    organisation, admin = member()
    client.force_login(admin)
    fields = ["legal_name", "country", "org_number", "type", "street_address"]
    fields += ["postal_code", "city", "invoice_email"]
    data = {name: getattr(organisation, name) for name in fields}

    response = client.post(
        reverse("portal:organisation_edit", args=[organisation.pk]),
        {**data, "logo": upload("logo.jpg", jpeg_with_location())},
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name.endswith(".jpg")
    assert_no_metadata(organisation.logo)


@pytest.mark.parametrize("name", ["page.html", "logo.svg", "script.js", "shell.php"])
def test_wagtail_documents_refuse_types_a_browser_runs(client_for, name):
    response = client_for("admin").post(
        reverse("wagtaildocs:add"), {"title": "Fil", "file": upload(name, HTML)}
    )
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_a_wagtail_document_is_served_unsniffed_and_unable_to_run(client_for):
    client = client_for("admin")
    client.post(
        reverse("wagtaildocs:add"),
        {"title": "Budget", "file": upload("budget.pdf", PDF_WITH_SCRIPT)},
    )
    document = Document.objects.get()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Wagtail's own policy for served documents: nothing may load or run.
    assert response["Content-Security-Policy"] == "default-src 'none'"
