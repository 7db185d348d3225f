"""What the platform's PDFs (fpdf2) share: A4 in the bundled Unicode font
(DejaVu Sans, so å, æ, ø and typographic punctuation print), the margins, and
a footer with the running title and the page number."""

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
GREY = (95, 99, 104)


class PlatformPDF(FPDF):
    def __init__(self, title: str = "", *, margin: float = 16, bottom: float = 18):
        super().__init__(format="A4")
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_margins(margin, 16, margin)
        self.set_auto_page_break(auto=True, margin=bottom)
        self.running_title = title
        if title:
            self.set_title(title)
            self.set_creator("BID Platform")

    def footer(self):
        """The running title and the page number, right-aligned."""
        if not self.running_title:
            return
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 4, f"{self.running_title} · {self.page_no()}", align="R")
        self.set_text_color(0)
