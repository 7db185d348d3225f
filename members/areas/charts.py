"""The trend of each area's score over the last weeks, drawn by pygal on the
server; the table beside it carries the same figures."""

import copy

import pygal
from django.utils.translation import gettext as _

from bid.charts import STYLE, new_chart
from members.areas.models import Area

COLOURS = ("#0b5e61", "#8a4b00", "#a4161a", "#4a5156", "#1d6b2f", "#5b3c88")


def trend_chart_svg(pictures, series: dict) -> bytes:
    """The SVG document, served as an image beside a table of the figures."""
    style = copy.copy(STYLE)
    style.colors = COLOURS
    names = {area.pk: area.name for area in Area.objects.all()}
    chart = new_chart(
        pygal.Line,
        style=style,
        height=320,
        show_legend=True,
        legend_at_bottom_columns=4,
        range=(1, 5),
        min_scale=4,
        max_scale=4,
        y_title=_("Score (1 = calm, 5 = serious)"),
        x_label_rotation=0,
        show_minor_x_labels=True,
        title=_("Score per area, week by week"),
    )
    chart.x_labels = [_("w. %(week)s") % {"week": p.week} for p in pictures]
    for area_id, statuses in series.items():
        chart.add(
            names.get(area_id, ""),
            [status.score if status else None for status in statuses],
        )
    return chart.render()
