"""Attachments: only PDF, DOCX and images, at most 20 MB; the words of PDFs and
DOCX files are extracted in the background for search."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from members.meetings import services, validators
from members.meetings.models import MeetingAttachment
from members.meetings.pdf import text_pdf
from tests.factories.meetings import MeetingFactory

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx(*paragraphs: str) -> bytes:
    """A minimal Word document with the given paragraphs."""
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    document = (
        f'<?xml version="1.0"?><w:document xmlns:w="{namespace}">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("budget.pdf", text_pdf("Budget", ["Rader"]), "application/pdf"),
        ("noter.docx", docx("Hej"), DOCX_TYPE),
        ("bild.png", PNG, "image/png"),
    ],
)
def test_accepted_types_are_recognised_by_content(name, data, expected):
    assert validators.attachment_check(SimpleUploadedFile(name, data)) == expected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100),
        ("arkiv.docx", b"PK\x03\x04" + b"\x00" * 100),
        ("text.pdf", b"just words, not a PDF"),
    ],
)
def test_other_files_are_refused_whatever_their_name(name, data):
    with pytest.raises(ValidationError):
        validators.attachment_check(SimpleUploadedFile(name, data))


def test_too_large_files_are_refused(monkeypatch):
    monkeypatch.setattr(validators, "ATTACHMENT_MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="20 MB"):
        validators.attachment_check(SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 200))


def test_text_is_extracted_from_pdf_and_docx():
    pdf = text_pdf("Trygghetsvandring", ["Belysningen i gångtunneln är trasig."])
    assert "gångtunneln" in services.extract_text(pdf, "application/pdf")
    words = services.extract_text(docx("Första stycket", "Andra stycket"), DOCX_TYPE)
    assert words == "Första stycket\nAndra stycket"
    assert services.extract_text(PNG, "image/png") == ""


@pytest.mark.django_db
def test_saving_an_attachment_extracts_its_text_in_the_background(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory()
    data = text_pdf("Budget 2026", ["Intäkter 2 400 000 kr från medlemsavgifter."])
    upload = SimpleUploadedFile("budget.pdf", data)
    attachment = MeetingAttachment(meeting=meeting, title="Budget", file=upload)
    with django_capture_on_commit_callbacks(execute=True):
        attachment.full_clean()
        attachment.save()
    attachment.refresh_from_db()
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(data)
    assert "medlemsavgifter" in attachment.extracted_text
    assert attachment.extracted_at is not None


@pytest.mark.django_db
def test_a_broken_file_is_logged_and_does_not_stop_the_queue(
    django_capture_on_commit_callbacks, caplog
):
    meeting = MeetingFactory()
    attachment = MeetingAttachment(
        meeting=meeting, title="Trasig", content_type="application/pdf", size=10
    )
    attachment.file.save("trasig.pdf", ContentFile(b"%PDF-1.4 broken"), save=False)
    with django_capture_on_commit_callbacks(execute=True):
        attachment.save()
    attachment.refresh_from_db()
    assert attachment.extracted_at is not None
    assert attachment.extracted_text == ""
