"""The look shared by every chart the site draws with pygal: the site's colours
and type, no animation, no script, and the options every chart starts from."""

from pygal.style import Style

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1d1f",
    foreground_strong="#1a1d1f",
    foreground_subtle="#4a5156",
    font_family="system-ui, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=13,
    colors=("#0b5e61", "#8a4b00", "#4a5156"),
    guide_stroke_color="#c9d0d3",
    major_guide_stroke_color="#c9d0d3",
    stroke_width=3,
    opacity="1",
    opacity_hover="1",
    transition="0s",
)


def new_chart(kind, *, style=STYLE, **options):
    """A pygal chart of `kind` (`pygal.Line`, `pygal.Bar` …) in the site's look:
    no script, 760 units wide and scaled by the page, the legend below, no XML
    declaration. `options` are the chart's own (height, range, title …)."""
    return kind(
        style=style,
        js=[],
        width=760,
        explicit_size=False,
        legend_at_bottom=True,
        disable_xml_declaration=True,
        **options,
    )
