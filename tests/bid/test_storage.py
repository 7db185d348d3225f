"""Uploaded files on S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set,
and private files served through their views on any storage, not only a disk."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from members.meetings.models import MeetingAttachment
from tests.bid.test_settings import run_manage
from tests.factories.meetings import published_meeting

S3 = {
    "AWS_STORAGE_BUCKET_NAME": "bid-media",
    "AWS_S3_REGION_NAME": "eu-north-1",
    "AWS_ACCESS_KEY_ID": "AKIATESTTESTTEST",
    "AWS_SECRET_ACCESS_KEY": "test-secret-access-key",
    "AWS_S3_ENDPOINT_URL": "https://s3.example",
}

DESCRIBE = (
    "from django.conf import settings as s;"
    "from django.core.files.storage import storages;"
    "d = storages['default'];"
    "print(type(d).__name__, getattr(s, 'WAGTAILDOCS_SERVE_METHOD', None),"
    " d.url('meetings/a.pdf'))"
)


def describe(**overrides):
    result = run_manage(
        "shell", "--no-imports", "-c", DESCRIBE, env_overrides=overrides
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_a_bucket_uploads_stay_on_the_file_system():
    backend, serve_method, url = describe(AWS_STORAGE_BUCKET_NAME="")
    assert (backend, serve_method, url) == (
        "FileSystemStorage",
        "None",
        "/media/meetings/a.pdf",
    )


def test_with_a_bucket_uploads_go_to_s3_behind_signed_expiring_urls():
    backend, serve_method, url = describe(**S3)
    assert backend == "S3Storage"
    # Documents are streamed through Wagtail's view, which checks their privacy.
    assert serve_method == "serve_view"
    assert url.startswith("https://s3.example/bid-media/meetings/a.pdf?")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=" in url


def test_a_custom_domain_serves_the_public_files_by_plain_urls():
    _, _, url = describe(**S3, AWS_S3_CUSTOM_DOMAIN="media.bid.example")
    assert url == "https://media.bid.example/meetings/a.pdf"


@pytest.mark.parametrize(
    "missing", ["AWS_S3_REGION_NAME", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
)
def test_a_bucket_without_its_companion_variables_is_refused(missing):
    result = run_manage("check", env_overrides={**S3, missing: ""})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.django_db
def test_private_attachments_are_served_from_a_storage_without_file_paths(
    settings, client
):
    # InMemoryStorage, like S3, keeps nothing on disk: the view must read the file
    # through the storage API (open()), not from a file system path.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    attachment = MeetingAttachment(
        meeting=published_meeting(),
        title="Budget",
        content_type="application/pdf",
        size=15,
    )
    attachment.file.save("budget.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    assert not Path(attachment.file.path).exists()

    response = client.get(f"/portal/meeting-files/{attachment.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n%%EOF\n"
