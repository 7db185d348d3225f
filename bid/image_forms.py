"""The Wagtail admin's image form (adding, replacing, the multiple upload and
the chooser's upload): each picture editors upload is re-encoded by
`bid.images`, so nothing of the camera's metadata (EXIF location above all) is
stored, and one with too many pixels is refused before it is decoded."""

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext as _
from wagtail.images.forms import BaseImageForm

from bid.images import image_refusals, image_without_metadata

MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


class ImageForm(BaseImageForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Editing an image without replacing its file keeps the stored one.
        if not isinstance(upload, UploadedFile):
            return upload
        data, output = image_without_metadata(
            upload,
            refusals=image_refusals(
                not_a_format=_("Upload a JPEG, PNG or WebP photo.")
            ),
        )
        return SimpleUploadedFile(upload.name, data, content_type=MIME_TYPES[output])
