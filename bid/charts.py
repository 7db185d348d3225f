"""The look shared by every chart the site draws with pygal: the site's colours
and type, no animation, no script."""

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
