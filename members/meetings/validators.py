"""Checks of what people send in for meetings: attachments are PDF, DOCX or
images of at most 20 MB, recognised by their content, never by their name;
images are re-encoded without their metadata (`bid.images`)."""

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from bid.images import image_file_clean
from bid.uploads import DOCX, IMAGES, PDF, upload_type

ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
ATTACHMENT_TYPES = {PDF: "pdf", DOCX: "docx", **IMAGES}


def attachment_check(upload) -> str:
    return upload_type(
        upload,
        max_bytes=ATTACHMENT_MAX_BYTES,
        types=ATTACHMENT_TYPES,
        too_large=_("The file is larger than 20 MB."),
        refused=_("Attach a PDF, a Word document (DOCX) or an image."),
    )


def attachment_image_clean(upload) -> ContentFile:
    """The image re-encoded without its metadata (`bid.images`)."""
    return image_file_clean(
        upload, not_a_format=_("Attach a PDF, a Word document (DOCX) or an image.")
    )
