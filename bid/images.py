"""Pictures people upload, re-encoded from their pixels alone: nothing of the
camera's metadata survives (EXIF location above all), and an image that would
take too much memory to decode is refused before it is decoded."""

import io
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Decoded, an image takes 3–4 bytes a pixel: a small file can declare a huge
# image (a decompression bomb), so the size is checked before decoding.
MAX_PIXELS = 50_000_000
FORMATS = {"JPEG", "PNG", "WEBP"}


class ImageRefusals(NamedTuple):
    """The caller's translated reasons for refusing an upload."""

    not_a_format: str
    too_many_pixels: str
    unreadable: str


def image_refusals(*, not_a_format: str) -> ImageRefusals:
    """The usual reasons, with the caller's words for a file of another kind
    (each upload says what it accepts)."""
    return ImageRefusals(
        not_a_format=not_a_format,
        too_many_pixels=_(
            "The image has too many pixels (at most %(millions)s million)."
        )
        % {"millions": MAX_PIXELS // 1_000_000},
        unreadable=_("The file is not an image we can read."),
    )


def image_without_metadata(
    upload,
    *,
    refusals: ImageRefusals,
    max_side: int | None = None,
    as_jpeg: bool = False,
) -> tuple[bytes, str]:
    """The image's bytes re-encoded without metadata, turned upright (the EXIF
    orientation applied), at most `max_side` pixels on its longest side when
    given, and its Pillow format: the one it came in, or JPEG on white when
    `as_jpeg`. Refused (ValidationError) unless it is a JPEG, PNG or WebP of at
    most MAX_PIXELS pixels."""
    try:
        upload.seek(0)
        image = Image.open(upload)
        if image.format not in FORMATS:
            raise ValidationError(refusals.not_a_format)
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(refusals.too_many_pixels)
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(refusals.unreadable) from error
    finally:
        upload.seek(0)
    output = "JPEG" if as_jpeg else image.format
    image = ImageOps.exif_transpose(image)
    if max_side:
        image.thumbnail((max_side, max_side))
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    rgba = image.convert("RGBA")
    # A new image holds the pixels and nothing of the original's info.
    if output == "JPEG" or not transparent:
        clean = Image.new("RGB", image.size, "white")
        clean.paste(rgba, mask=rgba.getchannel("A"))
    else:
        clean = Image.new("RGBA", image.size)
        clean.paste(rgba)
    buffer = io.BytesIO()
    if output == "JPEG":
        clean.save(buffer, format="JPEG", quality=85, optimize=True)
    elif output == "WEBP":
        clean.save(buffer, format="WEBP", quality=85)
    else:
        clean.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), output


def image_file_clean(upload, *, not_a_format: str) -> ContentFile:
    """The image re-encoded in its own format without EXIF (a phone's GPS
    position) or other metadata, under its own name; refused when it has too
    many pixels, is unreadable, or is not a JPEG, PNG or WebP (`not_a_format`)."""
    data, _output = image_without_metadata(
        upload, refusals=image_refusals(not_a_format=not_a_format)
    )
    return ContentFile(data, name=upload.name)
