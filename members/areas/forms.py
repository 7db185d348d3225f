import datetime
import json

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import InvalidJSONInput
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from bid.forms import DATE_INPUT, RecordChoiceField, fit_inputs
from members.areas.geo import (
    MapArea,
    district_bounds,
    geometry,
    map_data,
    overlapping,
    polygons_of,
    svg_map,
    tile_source,
)
from members.areas.models import (
    INCIDENT_FIELDS,
    NO_PERSONS,
    ActionItem,
    Area,
    Colour,
    Observation,
    WeeklyReport,
)


class OfflineEntryForm(forms.Form):
    """The id a phone gives an entry it keeps offline (static/js/offline-forms.js),
    so that the entry sent twice is recorded once."""

    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)


class ReportForm(OfflineEntryForm, forms.ModelForm):
    organisation = RecordChoiceField(queryset=None, label=_("Reporting for"))

    class Meta:
        model = WeeklyReport
        fields = ["organisation", "area", "colour", "score", *INCIDENT_FIELDS, "note"]
        widgets = {
            "colour": forms.RadioSelect,
            "score": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisations, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["area"].queryset = areas
        first_two = list(organisations[:2])
        if len(first_two) == 1:
            self.fields["organisation"].initial = first_two[0]
        for name in INCIDENT_FIELDS:
            self.fields[name].widget.attrs.update({"min": 0, "max": 10000})
        fit_inputs(
            self, score="small-number", **dict.fromkeys(INCIDENT_FIELDS, "count")
        )

    def validate_unique(self):
        """One report per party, area and week is the service's rule: saving
        again edits the report."""


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    text = forms.CharField(
        label=_("Update"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActionForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["title", "area", "addressed_to", "due_date", "description"]
        widgets = {
            "due_date": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fit_inputs(self, due_date="date")

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate() - datetime.timedelta(days=1):
            raise forms.ValidationError(_("The due date has passed."))
        return due


class ObservationForm(OfflineEntryForm, forms.ModelForm):
    class Meta:
        model = Observation
        fields = [
            "category",
            "description",
            "address",
            "latitude",
            "longitude",
            "accuracy",
            "land_owner",
            "photo",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "land_owner": _(
                "Suggested from the property register when the point is set; check it."
            ),
            "photo": _(
                "Photograph the place, never people. The photo's own location and "
                "camera data are removed; the point above is kept."
            ),
        }

    def __init__(self, *args, land_owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["land_owner"].queryset = land_owners
        self.fields["accuracy"] = accuracy_field()
        camera_input(self.fields["photo"])
        fit_inputs(self, latitude="coordinate", longitude="coordinate")


# A position less certain than this is no help in finding the place again.
MAX_ACCURACY_METRES = 1000


def accuracy_field() -> forms.IntegerField:
    """How far the phone's position may be off, set by the "Use my position"
    button (static/js/observation-place.js), never typed."""
    return forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_ACCURACY_METRES,
        widget=forms.HiddenInput,
        error_messages={
            "min_value": _("The position's accuracy cannot be below 0 m."),
            "max_value": _(
                "The position is too uncertain: set the point on the map or type "
                "the address."
            ),
        },
    )


def camera_input(field) -> None:
    """On a phone the photo is taken with the back camera."""
    field.widget.attrs.update({"accept": "image/*", "capture": "environment"})


class QuickReportForm(OfflineEntryForm):
    """A party's observation between walks, in three taps: the area (chosen
    from the phone's position where it gives one), the category and a photo."""

    area = forms.ModelChoiceField(
        label=_("Area"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    category = forms.ChoiceField(
        label=_("What needs fixing"),
        choices=Observation.Category.choices,
        widget=forms.RadioSelect,
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("Photograph the place, never people."),
    )
    description = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NO_PERSONS,
    )
    address = forms.CharField(
        label=_("Address or place"),
        required=False,
        max_length=200,
        help_text=_("Needed when the phone gives no position."),
    )
    latitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
    )
    longitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["accuracy"] = accuracy_field()
        camera_input(self.fields["photo"])
        fit_inputs(self)

    def clean(self):
        cleaned = super().clean()
        has_point = (
            cleaned.get("latitude") is not None and cleaned.get("longitude") is not None
        )
        if not has_point and not (cleaned.get("address") or "").strip():
            self.add_error(
                "address",
                _("No position from the phone: type the address or the place."),
            )
        return cleaned


class ConsolidateForm(forms.Form):
    """The week's picture: per area a colour, a score, a reason if either
    differs from the suggestion, and a summary."""

    summary = forms.CharField(
        label=_("Summary of the week"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row["area"].pk
            status = row.get("status")
            self.fields[f"colour_{pk}"] = forms.ChoiceField(
                label=_("Status"),
                choices=Colour.choices,
                initial=status.colour if status else row["colour"],
            )
            self.fields[f"score_{pk}"] = forms.IntegerField(
                label=_("Score"),
                min_value=1,
                max_value=5,
                initial=status.score if status else (row["score"] or 1),
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("Reason for the change"),
                required=False,
                max_length=500,
                initial=status.override_reason if status else "",
            )
            self.fields[f"summary_{pk}"] = forms.CharField(
                label=_("Summary"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=status.summary if status else "",
            )

    def decisions(self) -> dict:
        data = self.cleaned_data
        return {
            row["area"].pk: {
                "colour": data[f"colour_{row['area'].pk}"],
                "score": data[f"score_{row['area'].pk}"],
                "reason": data[f"reason_{row['area'].pk}"],
                "summary": data[f"summary_{row['area'].pk}"],
            }
            for row in self.rows
        }


class BoundaryWidget(forms.Textarea):
    """The GeoJSON text, and above it (where JavaScript runs) a Leaflet map with
    the other areas to draw and edit the boundary on (Geoman's tools), on the
    tile map when one is configured; the SVG map with a click per corner where
    Leaflet does not load."""

    template_name = "areas/admin/boundary_widget.html"
    context_map = ""
    map_data = None

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 6, "spellcheck": "false", **(attrs or {})})

    class Media:
        css = {
            "all": [
                "vendor/leaflet/leaflet.css",
                "vendor/leaflet/leaflet-geoman.css",
            ]
        }
        js = [
            "vendor/leaflet/leaflet.js",
            "vendor/leaflet/leaflet-geoman.min.js",
            "js/map.js",
        ]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["context_map"] = self.context_map
        context["map_data"] = self.map_data
        return context


class BoundaryField(forms.JSONField):
    """Django's JSON field lets a number too long to read or arrays nested
    thousands deep escape as ValueError or RecursionError (a server error);
    here they are invalid input like any other."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (ValueError, RecursionError) as error:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from error

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except (ValueError, RecursionError):
            return InvalidJSONInput(data)


class AreaAdminForm(WagtailAdminModelForm):
    boundary_file = forms.FileField(
        label=_("or upload a GeoJSON file"),
        required=False,
        help_text=_(
            "A .geojson file with one Polygon or MultiPolygon; "
            "it replaces the text above."
        ),
    )

    class Meta:
        model = Area
        fields = ["name", "slug", "description", "boundary", "parties", "sort_order"]
        widgets = {"parties": forms.CheckboxSelectMultiple, "boundary": BoundaryWidget}
        field_classes = {"boundary": BoundaryField}
        help_texts = {
            "boundary": _(
                "A GeoJSON Polygon or MultiPolygon in longitude and latitude: draw it "
                "on the map above, paste it from any map tool, or upload a file."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Area.objects.exclude(pk=self.instance.pk).exclude(boundary=None)
        mapped = [MapArea(name=a.name, boundary=a.boundary) for a in others]
        if self.instance.boundary:
            mapped.append(
                MapArea(name=self.instance.name, boundary=self.instance.boundary)
            )
        widget = self.fields["boundary"].widget
        title = str(_("Areas to draw beside"))
        widget.context_map = svg_map(mapped, title=title, padding=120) if mapped else ""
        reference = [MapArea(name=a.name, boundary=a.boundary) for a in others]
        widget.map_data = {
            **map_data(reference, title=title, tiles=tile_source()),
            "bounds": district_bounds(),
        }
        self.other_boundaries = {a.name: a.boundary for a in others}
        if not self.is_bound and not self.instance.pk:
            self.fields["boundary"].required = False
        self.fields["boundary"].required = False

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("boundary_file")
        if upload:
            if upload.size > 2 * 1024 * 1024:
                self.add_error("boundary_file", _("The file is larger than 2 MB."))
                return cleaned
            try:
                value = json.loads(upload.read().decode("utf-8"))
                polygons_of(value)
            # ValueError covers bad UTF-8, bad JSON and numbers too long to
            # read; RecursionError, arrays nested thousands deep.
            except (ValueError, RecursionError):
                self.add_error("boundary_file", _("The file is not GeoJSON."))
                return cleaned
            except ValidationError as error:
                self.add_error("boundary_file", error)
                return cleaned
            cleaned["boundary"] = geometry(value)
            self.instance.boundary = cleaned["boundary"]
        elif not cleaned.get("boundary"):
            self.add_error(
                "boundary", _("Paste the boundary or upload a GeoJSON file.")
            )
            return cleaned
        self._refuse_overlap(cleaned["boundary"])
        return cleaned

    def _refuse_overlap(self, boundary) -> None:
        try:
            names = overlapping(boundary, self.other_boundaries)
        except ValidationError:
            return  # the field's own validation says what is wrong
        if names:
            self.add_error(
                "boundary",
                _(
                    "The boundary overlaps %(areas)s: areas may share a border "
                    "but not cover each other."
                )
                % {"areas": ", ".join(names)},
            )
