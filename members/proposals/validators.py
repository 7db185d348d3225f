"""Checks of what members send in with a proposal: attachments are PDF or
images of at most 10 MB, recognised by their content, never by their name;
images are re-encoded without their metadata (`bid.images`)."""

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from bid.images import MAX_PIXELS, ImageRefusals, image_without_metadata
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
    """The image re-encoded in its own format without EXIF (a phone's GPS
    position) or other metadata; refused when it has too many pixels."""
    data, _output = image_without_metadata(
        upload,
        refusals=ImageRefusals(
            not_a_format=_("Attach a PDF or an image (PNG, JPEG or WebP)."),
            too_many_pixels=_(
                "The image has too many pixels (at most %(millions)s million)."
            )
            % {"millions": MAX_PIXELS // 1_000_000},
            unreadable=_("The file is not an image we can read."),
        ),
    )
    return ContentFile(data, name=upload.name)
