"""Premises (lokaler) in the members' properties, search requests from
businesses looking for premises, the matches between them, and the plan
indicator the vacancies feed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Use(models.TextChoices):
    SHOP = "shop", _("Shop")
    RESTAURANT = "restaurant", _("Restaurant or café")
    OFFICE = "office", _("Office")
    SERVICE = "service", _("Service")
    OTHER = "other", _("Other")


class RentBand(models.TextChoices):
    """Asking rent in SEK per m² and year."""

    UNDER_1000 = "under_1000", _("Under 1,000 SEK/m² a year")
    FROM_1000 = "1000_1500", _("1,000–1,500 SEK/m² a year")
    FROM_1500 = "1500_2000", _("1,500–2,000 SEK/m² a year")
    FROM_2000 = "2000_3000", _("2,000–3,000 SEK/m² a year")
    OVER_3000 = "over_3000", _("Over 3,000 SEK/m² a year")


class Premises(models.Model):
    class Status(models.TextChoices):
        LET = "let", _("Let")
        VACANT = "vacant", _("Vacant")
        RESERVED = "reserved", _("Reserved")

    property = models.ForeignKey(
        "organisations.Property",
        verbose_name=_("property"),
        on_delete=models.CASCADE,
        related_name="premises",
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("E.g. “Kajgatan 4, shop”.")
    )
    use = models.CharField(_("use"), max_length=12, choices=Use.choices)
    floor_area_m2 = models.PositiveIntegerField(
        _("floor area (m²)"),
        validators=[
            MinValueValidator(1, message=_("The floor area must be at least 1 m²."))
        ],
    )
    street_level = models.BooleanField(_("at street level"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LET
    )
    vacant_since = models.DateField(_("vacant since"), null=True, blank=True)
    rent_band = models.CharField(
        _("asking rent"), max_length=12, choices=RentBand.choices, blank=True
    )
    rent_public = models.BooleanField(_("show the asking rent publicly"), default=False)
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("premises")
        verbose_name_plural = _("premises")
        ordering = ["property__designation", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.status == self.Status.VACANT and self.vacant_since is None:
            raise ValidationError(
                {"vacant_since": _("Say since when the premises are vacant.")}
            )
        if self.status != self.Status.VACANT:
            self.vacant_since = None
        if self.rent_public and not self.rent_band:
            self.rent_public = False

    def shown_rent(self) -> str:
        """The asking rent a visitor may see: only when the owner made it public.
        (A method: the field `property` hides the builtin in this class.)"""
        return self.get_rent_band_display() if self.rent_public else ""


class PremisesRequest(models.Model):
    """A business looking for premises: a member organisation, or a name and an
    e-mail address for a business not in the register."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="premises_requests",
    )
    name = models.CharField(_("business name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    use = models.CharField(_("use"), max_length=12, choices=Use.choices)
    min_m2 = models.PositiveIntegerField(_("at least (m²)"), default=0)
    max_m2 = models.PositiveIntegerField(_("at most (m²)"), null=True, blank=True)
    areas = models.ManyToManyField(
        "areas.Area",
        verbose_name=_("areas"),
        blank=True,
        related_name="premises_requests",
        help_text=_("None chosen: anywhere in the district."),
    )
    street_level = models.BooleanField(_("street level wanted"), default=False)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("search request for premises")
        verbose_name_plural = _("search requests for premises")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        who = self.organisation.legal_name if self.organisation_id else self.name
        return f"{who}: {self.get_use_display()}"

    def clean(self):
        super().clean()
        if not self.organisation_id and not (self.name and self.email):
            raise ValidationError(
                _("Name the business and an email address to reply to.")
            )
        if self.max_m2 is not None and self.max_m2 < self.min_m2:
            raise ValidationError(
                {"max_m2": _("The largest size must not be below the smallest.")}
            )


class Match(models.Model):
    """A vacancy that fits a search request; its owner is told once."""

    request = models.ForeignKey(
        PremisesRequest, on_delete=models.CASCADE, related_name="matches"
    )
    premises = models.ForeignKey(
        Premises, on_delete=models.CASCADE, related_name="matches"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "premises"], name="premises_match_once"
            )
        ]

    def __str__(self):
        return f"{self.request} ↔ {self.premises}"


class VacancyIndicator(models.Model):
    """A plan indicator fed by the register: the share of street-level floor
    area vacant, in the whole district or in one area."""

    indicator = models.OneToOneField(
        "home.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="vacancy_feed",
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the whole district."),
    )

    class Meta:
        verbose_name = _("vacancy indicator")
        verbose_name_plural = _("vacancy indicators")

    def __str__(self):
        return str(self.indicator)


# The app's Wagtail pages are models too.
from members.premises import pages  # noqa: E402, F401
