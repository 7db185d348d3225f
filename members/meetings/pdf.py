"""The adjusted minutes as a PDF: the record a BID files and prints."""

from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from fpdf import FPDF
from wagtail.rich_text import expand_db_html

# The PDF core fonts cover Latin-1 (å, ä, ö, æ, ø, §); typographic punctuation
# outside it is written with its plain equivalent.
PUNCTUATION = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def latin1(text: str) -> str:
    return text.translate(PUNCTUATION).encode("latin-1", "replace").decode("latin-1")


def minutes_pdf(meeting) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(
        latin1(f"{meeting.title} {timezone.localdate(meeting.starts_at):%Y-%m-%d}")
    )
    pdf.set_creator("BID Platform")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, latin1(meeting.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    when = formats.date_format(meeting.starts_at, "DATETIME_FORMAT")
    pdf.multi_cell(
        0,
        5,
        latin1(
            f"{meeting.body.name} · {when}"
            + (f" · {meeting.place}" if meeting.place else "")
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    present = [a for a in meeting.attendance.all() if a.status == "present"]
    if present:
        pdf.ln(2)
        pdf.multi_cell(
            0,
            5,
            latin1(
                _("Present: %(names)s") % {"names": ", ".join(a.name for a in present)}
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    decisions = list(meeting.decisions.all())
    html = []
    for number, item in enumerate(meeting.agenda_items.all(), start=1):
        html.append(f"<h3>{number}. {escape(item.title)}</h3>")
        if item.minutes:
            html.append(expand_db_html(item.minutes))
        for decision in decisions:
            if decision.item_number == number:
                html.append(
                    f"<p><b>§ {decision.number}</b> {escape(decision.text)}</p>"
                )
    loose = [d for d in decisions if not d.item_number]
    for decision in loose:
        html.append(f"<p><b>§ {decision.number}</b> {escape(decision.text)}</p>")
    pdf.ln(4)
    pdf.write_html(latin1("".join(html)))
    pdf.ln(6)
    pdf.set_font("Helvetica", "I", 9)
    for adjuster in meeting.adjusters.select_related("user"):
        if adjuster.approved_at:
            pdf.multi_cell(
                0,
                5,
                latin1(
                    _("Adjusted by %(name)s on %(date)s")
                    % {
                        "name": adjuster.user.display_name,
                        "date": formats.date_format(
                            adjuster.approved_at, "DATE_FORMAT"
                        ),
                    }
                ),
                new_x="LMARGIN",
                new_y="NEXT",
            )
    return bytes(pdf.output())


def text_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A plain document (the demo's board papers)."""
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())
