"""Checks of what people send in on the areas' pages.

Observation photos: only real images, re-encoded so nothing of the camera's
metadata survives (EXIF location above all, see `bid.images`); the place of an
observation is the point chosen on the map, stored with it."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from bid.images import ImageRefusals, image_without_metadata

MAX_BYTES = 15 * 1024 * 1024
MAX_SIDE = 2400


def clean_photo(upload) -> ContentFile:
    """The photo as a new JPEG without metadata, turned upright and at most
    MAX_SIDE pixels on its longest side."""
    if upload.size > MAX_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 15 MB.")})
    refusals = ImageRefusals(
        not_a_format=_("Upload a JPEG, PNG or WebP photo."),
        too_many_pixels=_("The photo has too many pixels."),
        unreadable=_("The file is not a photo we can read."),
    )
    try:
        data, _format = image_without_metadata(
            upload, refusals=refusals, max_side=MAX_SIDE, as_jpeg=True
        )
    except ValidationError as error:
        raise ValidationError({"photo": error.messages}) from error
    return ContentFile(data, name="photo.jpg")
