"""Model fields that tables in several apps declare alike."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


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


# A point on the map: degrees (WGS 84) with six decimals (about 10 cm), each
# checked to lie within its range.
def _degrees(verbose_name, limit: int, message, **options) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-limit, message),
            MaxValueValidator(limit, message),
        ],
        **options,
    )


def latitude_field(**options) -> models.DecimalField:
    return _degrees(
        _("latitude"), 90, _("A latitude is between -90 and 90."), **options
    )


def longitude_field(**options) -> models.DecimalField:
    return _degrees(
        _("longitude"), 180, _("A longitude is between -180 and 180."), **options
    )
