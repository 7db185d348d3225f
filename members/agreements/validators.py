"""The signed agreement's file: a PDF of at most 20 MB, recognised by its
content (`bid.uploads`)."""

from django.utils.translation import gettext as _

from bid.uploads import PDF, upload_type

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def document_check(upload) -> str:
    return upload_type(
        upload,
        max_bytes=DOCUMENT_MAX_BYTES,
        types={PDF},
        too_large=_("The file is larger than 20 MB."),
        refused=_("Attach the signed agreement as a PDF."),
    )
