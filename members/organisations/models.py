"""Member organisations, their people, invitations and properties."""

import secrets
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bid.fields import acting_user, latitude_field, longitude_field
from bid.money import CURRENCIES, AmountMinorField
from members.organisations.validators import (
    format_org_number,
    validate_org_number,
    validate_peppol_id,
)

LOGO_MAX_BYTES = 2 * 1024 * 1024
INVITATION_LIFETIME = timedelta(days=7)


def logo_upload_to(instance, filename: str) -> str:
    # Random names: an uploaded file name never reaches the file system.
    return f"logos/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


def validate_logo_size(file) -> None:
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo may be at most 2 MB."))


class Organisation(models.Model):
    class Country(models.TextChoices):
        SWEDEN = "SE", _("Sweden")
        DENMARK = "DK", _("Denmark")
        NORWAY = "NO", _("Norway")

    class Type(models.TextChoices):
        PROPERTY_OWNER = "property_owner", _("Property owner")
        HOUSING_COMPANY = "housing_company", _("Housing company")
        BUSINESS = "business", _("Business")
        MUNICIPALITY = "municipality", _("Municipality")
        PUBLIC_AGENCY = "public_agency", _("Public agency")
        ASSOCIATION = "association", _("Association")

    legal_name = models.CharField(_("legal name"), max_length=200)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.SWEDEN
    )
    org_number = models.CharField(
        _("organisation number"),
        max_length=12,
        help_text=_("SE 556677-8899, DK 24256790 (CVR), NO 923609016"),
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=12)
    city = models.CharField(_("city"), max_length=100)
    invoice_email = models.EmailField(_("invoice email"))
    website = models.URLField(_("website"), blank=True)
    listed_publicly = models.BooleanField(
        _("list in the public member directory"), default=False
    )
    public_description = models.TextField(
        _("public description"),
        max_length=400,
        blank=True,
        help_text=_("A few sentences for the member directory."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=logo_upload_to,
        blank=True,
        validators=[
            FileExtensionValidator(["png", "jpg", "jpeg", "webp"]),
            validate_logo_size,
        ],
    )
    contacts_may_pay = models.BooleanField(
        _("contacts may pay contributions"),
        default=False,
        help_text=_(
            "By default only administrators pay; tick to let contacts pay too."
        ),
    )
    peppol_id = models.CharField(
        _("Peppol participant id"),
        max_length=60,
        blank=True,
        validators=[validate_peppol_id],
        help_text=_(
            "For e-invoices: scheme and id, e.g. 0007:2120000142. Public buyers "
            "publish theirs; leave empty to receive PDF invoices by email."
        ),
    )
    buyer_reference = models.CharField(
        _("buyer's reference"),
        max_length=100,
        blank=True,
        help_text=_(
            "The reference your accounts payable asks for (Er referens), e.g. a "
            "cost centre or a person's code."
        ),
    )
    order_reference = models.CharField(
        _("order reference"),
        max_length=100,
        blank=True,
        help_text=_("A purchase order number, when your organisation uses one."),
    )
    managed_by_secretariat = models.BooleanField(
        _("managed by the secretariat"),
        default=False,
        help_text=_("Set when no one at the organisation administers it any longer."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["legal_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "org_number"],
                name="organisations_unique_number_per_country",
                violation_error_message=_(
                    "An organisation with this number is already registered."
                ),
            )
        ]

    def __str__(self):
        return self.legal_name

    def clean(self):
        super().clean()
        if self.org_number and self.country:
            try:
                self.org_number = validate_org_number(self.org_number, self.country)
            except ValidationError as error:
                raise ValidationError({"org_number": error.messages}) from error

    @property
    def org_number_display(self) -> str:
        return format_org_number(self.org_number, self.country)


class OrganisationMember(models.Model):
    """A person acting for an organisation: admins manage it, contacts take part."""

    class Role(models.TextChoices):
        ADMIN = "admin", pgettext_lazy("organisation role", "Administrator")
        CONTACT = "contact", pgettext_lazy("organisation role", "Contact")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=Role.choices, default=Role.CONTACT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person of an organisation")
        verbose_name_plural = _("people of organisations")
        ordering = ["organisation", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisations_member_once"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"


def invitation_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + INVITATION_LIFETIME


class Invitation(models.Model):
    """An emailed invitation to join an organisation: expires, works once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=OrganisationMember.Role.choices,
        default=OrganisationMember.Role.CONTACT,
    )
    token = models.CharField(max_length=64, unique=True, default=invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = acting_user()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class Property(models.Model):
    class UseCategory(models.TextChoices):
        OFFICE = "office", _("Office")
        RETAIL = "retail", _("Retail")
        RESIDENTIAL = "residential", _("Residential")
        INDUSTRIAL = "industrial", _("Industrial")
        PUBLIC = "public", _("Public")
        MIXED = "mixed", _("Mixed")

    designation = models.CharField(
        _("property designation"),
        max_length=120,
        help_text=_("As in the land register, e.g. “Huddinge Flemingsberg 1:2”."),
    )
    street_address = models.CharField(_("street address"), max_length=200)
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area of the district"),
        # None for a property outside every area, or one whose area's name
        # matched no area when the areas became records; the portal's form
        # asks for it all the same.
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="properties",
    )
    gross_floor_area_m2 = models.PositiveIntegerField(
        _("gross floor area (m²)"),
        validators=[
            MinValueValidator(
                1, message=_("The gross floor area must be at least 1 m².")
            )
        ],
    )
    use_category = models.CharField(
        _("use"), max_length=12, choices=UseCategory.choices
    )
    assessed_value_minor = AmountMinorField(
        _("assessed value"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Optional; the tax assessment value."),
    )
    assessed_value_currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCIES, default="SEK"
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="properties",
    )
    # Where the property is (its main entrance or the middle of the building):
    # an observation's land owner is suggested from the nearest property.
    latitude = latitude_field(
        help_text=_("Optional; where the property is, e.g. 57.698300.")
    )
    longitude = longitude_field(help_text=_("Optional; e.g. 11.955000."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("property")
        verbose_name_plural = _("properties")
        ordering = ["designation"]
        constraints = [
            models.UniqueConstraint(
                Lower("designation"),
                name="organisations_property_designation_unique",
                violation_error_message=_(
                    "A property with this designation is already registered in "
                    "the district."
                ),
            )
        ]

    def __str__(self):
        return self.designation

    def clean(self):
        super().clean()
        # "Kajen  1:12" and "Kajen 1:12" are the same designation.
        self.designation = " ".join((self.designation or "").split())
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("A point needs both latitude and longitude."))


class PropertyOwnership(models.Model):
    """Who owned a property when; the open row is the current owner."""

    property = models.ForeignKey(
        Property, on_delete=models.CASCADE, related_name="ownerships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="property_ownerships"
    )
    owned_from = models.DateField(_("owned from"))
    owned_until = models.DateField(_("owned until"), null=True, blank=True)
    recorded_by = acting_user()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ownership")
        verbose_name_plural = _("ownership history")
        ordering = ["property", "owned_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["property"],
                condition=models.Q(owned_until__isnull=True),
                name="organisations_one_current_owner",
            )
        ]

    def __str__(self):
        until = self.owned_until or ""
        return f"{self.property}: {self.organisation} {self.owned_from}–{until}"
