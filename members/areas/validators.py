"""Checks of what people send in on the areas' pages.

Observation photos: only real images, re-encoded so nothing of the camera's
metadata survives (EXIF location above all); the place of an observation is
the point chosen on the map, stored with it."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 15 * 1024 * 1024
MAX_SIDE = 2400
# Decoded, a photo takes 3–4 bytes a pixel: a small file can declare a huge
# image (a decompression bomb), so the size is checked before decoding.
MAX_PIXELS = 50_000_000
FORMATS = {"JPEG", "PNG", "WEBP"}


def clean_photo(upload) -> ContentFile:
    """The photo as a new JPEG without metadata, turned upright and at most
    MAX_SIDE pixels on its longest side."""
    if upload.size > MAX_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 15 MB.")})
    try:
        upload.seek(0)
        image = Image.open(upload)
        if image.format not in FORMATS:
            raise ValidationError({"photo": _("Upload a JPEG, PNG or WebP photo.")})
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError({"photo": _("The photo has too many pixels.")})
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(
            {"photo": _("The file is not a photo we can read.")}
        ) from error
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    clean = Image.new("RGB", image.size, "white")
    clean.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
    buffer = io.BytesIO()
    clean.save(buffer, format="JPEG", quality=85, optimize=True)  # no exif= given
    return ContentFile(buffer.getvalue(), name="photo.jpg")
