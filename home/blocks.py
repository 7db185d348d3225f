"""The plan's and the activity report's blocks: key figures, budget summaries,
tables and indicator charts on top of the shared body blocks (bid.blocks); one
template per block."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from bid.blocks import BodyBlock


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label=_("Figure"), max_length=30, help_text=_("E.g. 9 000")
    )
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)


class FiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    figures = blocks.ListBlock(FigureBlock(), label=_("Figures"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "home/blocks/figures_block.html"


class BudgetLineBlock(blocks.StructBlock):
    item = blocks.CharBlock(label=_("Item"), max_length=120)
    amount = blocks.DecimalBlock(
        label=_("Amount"), min_value=0, max_digits=15, decimal_places=2
    )


class BudgetSummaryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    year = blocks.IntegerBlock(label=_("Year"), min_value=2000, max_value=2100)
    currency = blocks.ChoiceBlock(
        label=_("Currency"),
        choices=[("SEK", "SEK"), ("DKK", "DKK"), ("NOK", "NOK")],
        default="SEK",
    )
    lines = blocks.ListBlock(BudgetLineBlock(), label=_("Lines"), min_num=1)

    class Meta:
        icon = "form"
        label = _("Budget summary")
        template = "home/blocks/budget_summary_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        rows = [(line["item"], int(line["amount"] * 100)) for line in value["lines"]]
        context["rows"] = rows
        context["total_minor"] = sum(amount for _item, amount in rows)
        return context


class PlanBodyBlock(BodyBlock):
    figures = FiguresBlock()
    budget_summary = BudgetSummaryBlock()


class TableRowBlock(blocks.StructBlock):
    cells = blocks.ListBlock(
        blocks.CharBlock(label=_("Cell"), required=False), label=_("Cells")
    )


class TableBlock(blocks.StructBlock):
    """A table of figures: a caption, the column headings and the rows; every
    column after the first is read as figures (aligned right)."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=200)
    columns = blocks.ListBlock(
        blocks.CharBlock(label=_("Column heading")), label=_("Column headings")
    )
    rows = blocks.ListBlock(TableRowBlock(), label=_("Rows"))

    class Meta:
        icon = "table"
        label = _("Table")
        template = "home/blocks/table_block.html"


class IndicatorChartBlock(blocks.StructBlock):
    """One of the plan's indicators with its chart and figures, as on the
    priority's page."""

    indicator = SnippetChooserBlock("home.Indicator", label=_("Indicator"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Indicator chart")
        template = "home/blocks/indicator_chart_block.html"


class ReportBodyBlock(BodyBlock):
    figures = FiguresBlock()
    table = TableBlock()
    indicator_chart = IndicatorChartBlock()
