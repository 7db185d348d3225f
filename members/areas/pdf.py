"""A safety walk's summary as a PDF for the follow-up meeting: the route, the
area's map with the numbered observations, each observation with its photo,
the land owners and the action items made."""

import io

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from bid.pdf import FONT, GREY, PlatformPDF
from members.areas.geo import FILL, STROKE, Projection, polygons_of
from members.areas.selectors import WalkSummary

MARGIN = 16
WIDTH = 210 - 2 * MARGIN
MAP_WIDTH_MM = 120
THUMBNAIL_MM = 45
MARKER = (31, 58, 95)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


class _SummaryPDF(PlatformPDF):
    def __init__(self, title: str):
        super().__init__(title, margin=MARGIN)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(FONT, "B", 12)
        self.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 10)

    def para(self, text: str, height: float = 5) -> None:
        self.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def _draw_map(pdf: _SummaryPDF, summary: WalkSummary) -> None:
    """The area's outline and the numbered points, as vector drawing: the same
    projection as the page's SVG map."""
    try:
        polygons = polygons_of(summary.walk.area.boundary)
    except ValidationError:
        return  # a boundary that cannot be read leaves the map out
    size = 720
    projection = Projection(polygons, size, padding=24)
    factor = MAP_WIDTH_MM / size
    height = projection.height * factor
    if pdf.will_page_break(height + 4):
        pdf.add_page()
    left, top = MARGIN + (WIDTH - MAP_WIDTH_MM) / 2, pdf.get_y() + 2

    def at(lon: float, lat: float) -> tuple[float, float]:
        x, y = projection.point(lon, lat)
        return left + x * factor, top + y * factor

    pdf.set_line_width(0.5)
    pdf.set_draw_color(*_rgb(STROKE[""]))
    pdf.set_fill_color(*_rgb(FILL[""]))
    for rings in polygons:
        for ring in rings:
            pdf.polygon([at(lon, lat) for lon, lat in ring], style="DF")
    pdf.set_font(FONT, "B", 7)
    for number, observation in enumerate(summary.observations, start=1):
        if observation.latitude is None or observation.longitude is None:
            continue
        x, y = at(float(observation.longitude), float(observation.latitude))
        pdf.set_fill_color(*MARKER)
        pdf.set_draw_color(255, 255, 255)
        pdf.circle(x=x, y=y, radius=2.6, style="DF")
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(x - 2.6, y - 2.6)
        pdf.cell(5.2, 5.2, str(number), align="C")
        pdf.set_text_color(0)
    pdf.set_font(FONT, "", 10)
    pdf.set_xy(MARGIN, top + height + 2)


def _photo(pdf: _SummaryPDF, observation) -> None:
    if not observation.photo:
        return
    try:
        with observation.photo.open("rb") as handle:
            data = io.BytesIO(handle.read())
    except OSError:
        return
    if pdf.will_page_break(THUMBNAIL_MM + 2):
        pdf.add_page()
    try:
        pdf.image(data, w=THUMBNAIL_MM)
    except (OSError, ValueError, RuntimeError):
        # A photo the PDF library cannot read is left out, not the summary.
        return
    pdf.ln(1)


def walk_summary_pdf(summary: WalkSummary) -> bytes:
    walk = summary.walk
    date = formats.date_format(walk.date, "DATE_FORMAT")
    title = _("Safety walk: %(area)s, %(date)s") % {
        "area": walk.area.name,
        "date": date,
    }
    pdf = _SummaryPDF(title)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.para(title, 8)
    pdf.set_font(FONT, "", 10)
    pdf.heading(_("Route"))
    pdf.para(walk.route)
    pdf.heading(_("Participating parties"))
    pdf.para(", ".join(p.legal_name for p in summary.parties) or "–")
    if summary.statuses:
        pdf.heading(_("Status"))
        pdf.para(", ".join(f"{label}: {count}" for label, count in summary.statuses))
    pdf.heading(_("Map of %(area)s with the observations") % {"area": walk.area.name})
    _draw_map(pdf, summary)
    pdf.heading(_("Observations"))
    if not summary.observations:
        pdf.para(_("No observations yet."))
    for number, observation in enumerate(summary.observations, start=1):
        pdf.set_font(FONT, "B", 10)
        pdf.para(
            f"{number}. {observation.get_category_display()} · "
            f"{observation.get_status_display()}"
        )
        pdf.set_font(FONT, "", 10)
        pdf.para(observation.description)
        place = [observation.address] if observation.address else []
        if observation.latitude is not None:
            place.append(f"{observation.latitude}, {observation.longitude}")
        place.append(
            _("Land owner: %(owner)s") % {"owner": observation.land_owner.legal_name}
        )
        pdf.set_text_color(*GREY)
        pdf.para(" · ".join(place))
        pdf.set_text_color(0)
        if observation.action_item_id:
            item = observation.action_item
            pdf.para(
                _("Action item for %(party)s") % {"party": item.addressed_to.legal_name}
                + f": {item.title} ({item.get_status_display()})"
            )
        _photo(pdf, observation)
        pdf.ln(2)
    pdf.heading(_("Land owners"))
    pdf.para(", ".join(o.legal_name for o in summary.land_owners) or "–")
    pdf.heading(_("Action items made"))
    if not summary.action_items:
        pdf.para(_("No action items yet."))
    for item in summary.action_items:
        pdf.para(
            f"{item.title} – {item.addressed_to.legal_name} · "
            + _("due %(date)s")
            % {"date": formats.date_format(item.due_date, "DATE_FORMAT")}
            + f" · {item.get_status_display()}"
        )
    return bytes(pdf.output())
