"""Checks of what members send in with a proposal: attachments are PDF or
images of at most 10 MB, recognised by their content, never by their name;
images are re-encoded without their metadata (`bid.images`)."""

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from bid.images import image_file_clean
from bid.uploads import IMAGES, PDF, upload_type

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {PDF: "pdf", **IMAGES}


def attachment_check(upload) -> str:
    """The file's real type, if it is one we accept and not too large."""
    return upload_type(
        upload,
        max_bytes=ATTACHMENT_MAX_BYTES,
        types=ATTACHMENT_TYPES,
        too_large=_("The file is larger than 10 MB."),
        refused=_("Attach a PDF or an image (PNG, JPEG or WebP)."),
    )


def attachment_image_clean(upload) -> ContentFile:
    """The image re-encoded without its metadata (`bid.images`)."""
    return image_file_clean(
        upload, not_a_format=_("Attach a PDF or an image (PNG, JPEG or WebP).")
    )
