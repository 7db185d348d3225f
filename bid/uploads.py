"""What an uploaded file really is: recognised by its content, never by its
name, and refused when it is too large or of a kind the caller does not take.

A DOCX is a zip archive, so its head alone cannot tell it from any zip: only
the whole archive shows what it unpacks to, and a zip bomb is refused by the
sizes it declares (which zipfile never reads past).
"""

import zipfile

import filetype
from django.core.exceptions import ValidationError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
# The pictures every upload takes, by MIME type, with the extension they keep.
IMAGES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
# What a real DOCX of at most 20 MB unpacks to, with room to spare.
DOCX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
DOCX_MAX_MEMBERS = 2000


def upload_type(upload, *, max_bytes: int, types, too_large: str, refused: str) -> str:
    """The file's real MIME type, if it is one of `types` and at most
    `max_bytes` long; otherwise a ValidationError with the caller's message."""
    if upload.size > max_bytes:
        raise ValidationError(too_large)
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if DOCX in types and mime in ("application/zip", DOCX):
        mime = DOCX if is_docx(upload) else ""
    if mime not in types:
        raise ValidationError(refused)
    return mime


def is_docx(upload) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            return (
                "word/document.xml" in archive.namelist()
                and len(members) <= DOCX_MAX_MEMBERS
                and sum(member.file_size for member in members)
                <= DOCX_MAX_UNPACKED_BYTES
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return False
    finally:
        upload.seek(0)
