"""Indicator charts as SVG, drawn on the server by pygal (no script, no CDN).

Each chart shows the measurements with the baseline and the target as lines;
the page beside it carries the same figures as a table for screen readers.
"""

from datetime import date

import pygal
from babel.dates import format_date
from babel.numbers import format_decimal
from django.utils.translation import gettext as _

from bid.charts import new_chart
from bid.money import babel_locale


def indicator_chart_svg(indicator) -> bytes:
    locale = babel_locale()
    points = indicator.series
    first = min([indicator.baseline_date, *(p.on for p in points)])
    last = max([indicator.target_date, *(p.on for p in points)])
    values = [
        indicator.baseline_value,
        indicator.target_value,
        *(p.value for p in points),
    ]
    low, high = float(min(values)), float(max(values))
    padding = (high - low) * 0.15 or 1

    chart = new_chart(
        pygal.DateLine,
        height=340,
        show_legend=True,
        legend_at_bottom_columns=3,
        show_x_guides=False,
        show_y_guides=True,
        dots_size=4,
        truncate_label=-1,
        truncate_legend=-1,
        x_label_rotation=0,
        range=(low - padding, high + padding),
        x_value_formatter=lambda day: format_date(day, "MMM yyyy", locale=locale),
        value_formatter=lambda value: format_decimal(value, locale=locale),
        x_labels=_year_starts(first, last),
        no_data_text=_("No measurements yet"),
    )
    chart.add(
        _("Measured (%(unit)s)") % {"unit": indicator.localized_unit},
        [(p.on, float(p.value)) for p in points],
    )
    chart.add(
        _("Target"),
        [(first, float(indicator.target_value)), (last, float(indicator.target_value))],
        stroke_style={"width": 2, "dasharray": "8, 6"},
        show_dots=False,
    )
    chart.add(
        _("Baseline"),
        [
            (first, float(indicator.baseline_value)),
            (last, float(indicator.baseline_value)),
        ],
        stroke_style={"width": 2, "dasharray": "2, 4"},
        show_dots=False,
    )
    return chart.render()


def _year_starts(first: date, last: date) -> list[date]:
    years = range(first.year + (first.month > 1 or first.day > 1), last.year + 1)
    labels = [date(year, 1, 1) for year in years]
    return labels or [first, last]
