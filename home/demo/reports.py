"""The demo's activity reports section in every language and the 2026 report,
drafted from the demo's data by the secretariat for the board to edit."""

from bid import demo
from home.annual_report import annual_report_generate
from home.models import AnnualReportIndexPage, AnnualReportPage
from members.accounts import demo as people


def load(*, home) -> None:
    spec = demo.data(__file__, "reports")
    index = demo.page_in_every_language(
        parent=home,
        model=AnnualReportIndexPage,
        text=spec["index"],
        show_in_menus=True,
    )
    year = spec["report"]["year"]
    if not AnnualReportPage.objects.child_of(index).filter(year=year).exists():
        annual_report_generate(year=year, by=people.person("sekretariat"))
