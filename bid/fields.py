"""Model fields that tables in several apps declare alike."""

from django.conf import settings
from django.db import models


def acting_user(verbose_name=None) -> models.ForeignKey:
    """The person who recorded, created or decided a row: optional, emptied
    (not deleted with the row) when their account goes, and with no way back
    from the user to the rows."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
