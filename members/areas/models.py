"""The weekly operational work of the district: areas, the parties' weekly
reports, the secretariat's situational picture, action plans and safety walks.

Nothing here may identify a private person: free text says so where it is
typed, photos of people are not allowed by the terms, and reports and
observations past the retention period are anonymised by a command.
"""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bid.fields import acting_user, latitude_field, longitude_field
from members.areas.geo import validate_boundary
from members.organisations.models import Organisation

NO_PERSONS = _(
    "Do not write anything that identifies a private person: no names, "
    "descriptions of individuals or registration numbers."
)


class Colour(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


SEVERITY = {Colour.GREEN: 0, Colour.YELLOW: 1, Colour.RED: 2}
INCIDENT_FIELDS = ("vandalism", "littering", "unrest", "crime_reported", "other")


def validate_polygon(value) -> None:
    """A GeoJSON Polygon or MultiPolygon in longitude/latitude (WGS 84), valid
    (closed, not crossing itself) and inside the district."""
    validate_boundary(value)


class Area(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), unique=True)
    description = models.TextField(_("description"), blank=True)
    boundary = models.JSONField(
        _("boundary (GeoJSON)"),
        validators=[validate_polygon],
        help_text=_(
            "A GeoJSON Polygon or MultiPolygon in longitude and latitude. Draw it in "
            "any map tool (e.g. geojson.io) and paste or upload it here."
        ),
    )
    parties = models.ManyToManyField(
        Organisation,
        verbose_name=_("parties acting in the area"),
        blank=True,
        related_name="areas",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


def iso_week_of(day: datetime.date) -> tuple[int, int]:
    year, week, _weekday = day.isocalendar()
    return year, week


def week_monday(year: int, week: int) -> datetime.date:
    return datetime.date.fromisocalendar(year, week, 1)


class WeeklyReport(models.Model):
    """A party's picture of one area in one ISO week."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("party"),
        on_delete=models.CASCADE,
        related_name="weekly_reports",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    week = models.PositiveSmallIntegerField(
        _("week"), validators=[MinValueValidator(1), MaxValueValidator(53)]
    )
    colour = models.CharField(_("status"), max_length=6, choices=Colour.choices)
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = calm, 5 = serious."),
    )
    vandalism = models.PositiveIntegerField(_("vandalism"), default=0)
    littering = models.PositiveIntegerField(_("littering"), default=0)
    unrest = models.PositiveIntegerField(_("unrest"), default=0)
    crime_reported = models.PositiveIntegerField(_("crimes reported"), default=0)
    other = models.PositiveIntegerField(pgettext_lazy("incidents", "other"), default=0)
    note = models.TextField(
        _("note"), blank=True, max_length=2000, help_text=NO_PERSONS
    )
    reported_by = acting_user()
    # Set by the phone when the report was written offline: the same entry
    # sent twice is recorded once.
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("weekly report")
        verbose_name_plural = _("weekly reports")
        ordering = ["-year", "-week", "area", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "area", "year", "week"],
                name="areas_one_report_per_party_area_week",
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.area} · {self.year}-W{self.week:02d}"

    @property
    def incidents(self) -> int:
        return sum(getattr(self, name) for name in INCIDENT_FIELDS)


class WeekPicture(models.Model):
    """The secretariat's consolidated situational picture of one ISO week."""

    year = models.PositiveSmallIntegerField(_("year"))
    week = models.PositiveSmallIntegerField(_("week"))
    summary = models.TextField(_("summary"), blank=True, help_text=NO_PERSONS)
    consolidated_at = models.DateTimeField(_("consolidated"), default=timezone.now)
    consolidated_by = acting_user()

    class Meta:
        verbose_name = _("situational picture")
        verbose_name_plural = _("situational pictures")
        ordering = ["-year", "-week"]
        permissions = [
            ("consolidate_week", _("Can consolidate the weekly situational picture"))
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "week"], name="areas_one_picture_a_week"
            )
        ]

    def __str__(self):
        return _("Situational picture, week %(week)s, %(year)s") % {
            "week": self.week,
            "year": self.year,
        }

    @property
    def monday(self) -> datetime.date:
        return week_monday(self.year, self.week)


class AreaStatus(models.Model):
    """One area in a week's picture: the agreed colour and score, the suggestion
    it came from, and the reason when it differs."""

    picture = models.ForeignKey(
        WeekPicture, on_delete=models.CASCADE, related_name="statuses"
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="statuses")
    colour = models.CharField(_("status"), max_length=6, choices=Colour.choices)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    suggested_colour = models.CharField(
        max_length=6, choices=Colour.choices, blank=True
    )
    suggested_score = models.PositiveSmallIntegerField(null=True, blank=True)
    override_reason = models.CharField(
        _("reason for the change"), max_length=500, blank=True
    )
    summary = models.TextField(_("summary"), blank=True, help_text=NO_PERSONS)
    reports = models.PositiveSmallIntegerField(default=0)
    incidents = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["area__sort_order", "area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["picture", "area"], name="areas_one_status_per_area"
            )
        ]

    @property
    def overridden(self) -> bool:
        return bool(self.suggested_colour) and (
            self.colour != self.suggested_colour or self.score != self.suggested_score
        )


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("action status", "Open")
        IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
        DONE = "done", pgettext_lazy("action status", "Done")
        CANCELLED = "cancelled", pgettext_lazy("action status", "Cancelled")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=NO_PERSONS)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="actions"
    )
    addressed_to = models.ForeignKey(
        Organisation,
        verbose_name=_("addressed to"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    due_date = models.DateField(pgettext_lazy("action item", "due"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_by = acting_user()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The day the parties were told it is overdue: they are told once.
    overdue_notified_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        permissions = [("manage_actions", _("Can address action items to parties"))]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.is_open and self.due_date < (on or timezone.localdate())


class ActionUpdate(models.Model):
    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="updates"
    )
    status = models.CharField(max_length=12, choices=ActionItem.Status.choices)
    text = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_organisation = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class SafetyWalk(models.Model):
    class Kind(models.TextChoices):
        WALK = "walk", _("Safety walk")
        # A party's staff on their round report between walks; each area's
        # reports of a day are gathered as one walk, followed up as walks are.
        QUICK = "quick", _("Quick reports")

    date = models.DateField(_("date"))
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="walks"
    )
    route = models.TextField(_("route"), help_text=_("Where the walk went."))
    parties = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating parties"),
        related_name="safety_walks",
    )
    kind = models.CharField(
        _("kind"), max_length=5, choices=Kind.choices, default=Kind.WALK
    )
    created_by = acting_user()

    class Meta:
        verbose_name = _("safety walk")
        verbose_name_plural = _("safety walks")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "date"],
                condition=models.Q(kind="quick"),
                name="areas_one_quick_report_walk_a_day",
            )
        ]

    def __str__(self):
        return f"{self.area} {self.date:%Y-%m-%d}"


def photo_upload_to(instance, filename: str) -> str:
    return f"walks/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Observation(models.Model):
    class Category(models.TextChoices):
        LIGHTING = "lighting", _("Lighting")
        VEGETATION = "vegetation", _("Vegetation")
        LITTER = "litter", _("Litter")
        VANDALISM = "vandalism", _("Vandalism")
        ACCESSIBILITY = "accessibility", _("Accessibility")
        OTHER = "other", pgettext_lazy("observation category", "Other")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("observation status", "Open")
        ACTION = "action", _("Action item created")
        RESOLVED = "resolved", _("Resolved")

    walk = models.ForeignKey(
        SafetyWalk, on_delete=models.CASCADE, related_name="observations"
    )
    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    description = models.TextField(
        _("what needs fixing"), max_length=2000, help_text=NO_PERSONS
    )
    address = models.CharField(_("address or place"), max_length=200, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    accuracy = models.PositiveIntegerField(
        _("accuracy (metres)"),
        null=True,
        blank=True,
        help_text=_("How far from the point the phone's position may be."),
    )
    photo = models.ImageField(_("photo"), upload_to=photo_upload_to, blank=True)
    land_owner = models.ForeignKey(
        Organisation,
        verbose_name=_("land owner"),
        on_delete=models.PROTECT,
        related_name="observations_on_land",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    action_item = models.OneToOneField(
        ActionItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observation",
    )
    recorded_by = acting_user()
    # Set by the phone when the observation was made offline: the same entry
    # sent twice is recorded once.
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["walk", "pk"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.description[:50]}"

    def clean(self):
        super().clean()
        if not self.address and (self.latitude is None or self.longitude is None):
            raise ValidationError(
                _("Give the place: a point on the map or an address.")
            )
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("A point needs both latitude and longitude."))
