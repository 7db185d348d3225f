"""The activity report as a PDF on A4: its text and tables as the board left
them, and the year's key figures as the generator counted them, in the page's
language and the bundled Unicode font."""

import html
import re

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from fpdf import FontFace
from fpdf.enums import XPos, YPos

from bid.money import format_money, format_number
from bid.pdf import FONT, GREY, PlatformPDF

MARGIN = 18
WIDTH = 210 - 2 * MARGIN
SHADE = (236, 242, 241)
BREAKS = re.compile(r"</(p|li|h[1-6])>|<br\s*/?>", re.IGNORECASE)


class _ReportPDF(PlatformPDF):
    def __init__(self, title: str):
        super().__init__(title, margin=MARGIN)

    def heading(self, text: str, size: float = 13) -> None:
        if self.will_page_break(20):
            self.add_page()
        self.ln(3)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", 10)
        self.ln(1)

    def para(self, text: str, *, colour=None) -> None:
        if colour:
            self.set_text_color(*colour)
        self.multi_cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.ln(1.5)

    def grid(self, caption: str, columns: list[str], rows: list[list[str]]) -> None:
        self.set_font(FONT, "B", 10)
        self.para(caption)
        self.set_font(FONT, "", 8.5)
        aligns = ["LEFT", *(["RIGHT"] * (len(columns) - 1))] if columns else None
        with self.table(
            width=WIDTH,
            text_align=aligns or "LEFT",
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=SHADE),
            line_height=4.5,
            padding=(1, 1.5),
            repeat_headings=1,
            first_row_as_headings=bool(columns),
        ) as table:
            if columns:
                heading = table.row()
                for text in columns:
                    heading.cell(text)
            for cells in rows:
                row = table.row()
                for index in range(max(len(columns), len(cells))):
                    row.cell(cells[index] if index < len(cells) else "")
        self.set_font(FONT, "", 10)
        self.ln(3)


def _text(rich_html: str) -> str:
    text = html.unescape(strip_tags(BREAKS.sub("\n", str(rich_html))))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _block(pdf: _ReportPDF, block) -> None:
    kind, value = block.block_type, block.value
    if kind == "heading":
        pdf.heading(value["text"], 13 if value["level"] == "h2" else 11)
    elif kind == "paragraph":
        pdf.para(_text(value.source))
    elif kind == "quote":
        pdf.para(f"“{value['text']}”", colour=GREY)
        if value["attribution"]:
            pdf.para(f"– {value['attribution']}", colour=GREY)
    elif kind == "call_to_action":
        pdf.heading(value["heading"], 11)
        if value["text"]:
            pdf.para(value["text"])
    elif kind == "image":
        if value["caption"] or value["alt_text"]:
            pdf.para(value["caption"] or value["alt_text"], colour=GREY)
    elif kind == "figures":
        pdf.grid(
            value["heading"] or _("Key figures"),
            [],
            [[figure["label"], figure["value"]] for figure in value["figures"]],
        )
    elif kind == "table":
        pdf.grid(
            value["caption"],
            list(value["columns"]),
            [list(row["cells"]) for row in value["rows"]],
        )
    elif kind == "indicator_chart" and value["indicator"]:
        _indicator(pdf, value["indicator"])


def _indicator(pdf: _ReportPDF, indicator) -> None:
    unit = indicator.localized_unit
    latest = indicator.assessment.latest
    pdf.set_font(FONT, "B", 10)
    pdf.para(indicator.localized_name)
    pdf.set_font(FONT, "", 10)
    parts = [
        _("Baseline: %(value)s %(unit)s")
        % {"value": format_number(indicator.baseline_value), "unit": unit}
    ]
    if latest:
        parts.append(
            _("Latest: %(value)s %(unit)s")
            % {"value": format_number(latest.value), "unit": unit}
        )
    parts.append(
        _("Target: %(value)s %(unit)s")
        % {"value": format_number(indicator.target_value), "unit": unit}
    )
    parts.append(str(indicator.assessment.status.label))
    pdf.para(" · ".join(parts), colour=GREY)


def _key_figures(pdf: _ReportPDF, figures: dict) -> None:
    """The generator's count, whatever the text says: what the PDF is checked
    against."""
    if not figures:
        return
    membership = figures["membership"]
    contributions = figures["contributions"]
    currency = contributions["currency"]
    pdf.heading(_("The year's figures"))
    pdf.grid(
        _("Membership and contributions %(year)s") % {"year": figures["year"]},
        [_("Figure"), _("Value")],
        [
            [
                _("Members at the end of the year"),
                format_number(membership["at_year_end"]),
            ],
            [_("Joined during the year"), format_number(membership["joined"])],
            [_("Left during the year"), format_number(membership["left"])],
            [_("Contributions due"), format_money(contributions["due"], currency)],
            [_("Contributions paid"), format_money(contributions["paid"], currency)],
            [
                _("Contributions outstanding"),
                format_money(contributions["outstanding"], currency),
            ],
            [_("Decisions"), format_number(figures["decisions"]["count"])],
            [_("Projects"), format_number(figures["projects"]["count"])],
        ],
    )


def annual_report_pdf(page) -> bytes:
    """The report page as it is served (live or the draft being previewed)."""
    with translation.override(page.locale.language_code):
        page.prefetch_indicators()
        pdf = _ReportPDF(page.title)
        pdf.add_page()
        pdf.set_font(FONT, "B", 18)
        pdf.multi_cell(0, 9, page.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
        pdf.set_font(FONT, "", 11)
        pdf.para(page.summary)
        pdf.set_font(FONT, "", 10)
        for block in page.body:
            _block(pdf, block)
        _key_figures(pdf, page.figures)
        return bytes(pdf.output())
