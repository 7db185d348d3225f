"""Contributions in the admin menu: overview, schemes, invoices."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from bid import dashboard
from bid.menu import PermissionMenuItem
from bid.money import format_money
from members.contributions import (
    admin_bank,
    admin_books,
    admin_pdf,
    admin_views,
    einvoice_views,
)
from members.contributions.models import Contribution, ContributionScheme
from members.contributions.selectors import overdue_tally, payments_to_review_count


class SchemeViewSet(ModelViewSet):
    model = ContributionScheme
    name = "contribution_schemes"
    icon = "cog"
    menu_label = _("Schemes")
    copy_view_enabled = True
    inspect_view_enabled = True
    list_display = ["__str__", "currency", "due_date", "locked_at"]
    list_filter = ["year"]


class MoneyColumn(Column):
    """An amount in minor units, shown in the row's currency and the reader's
    language (the list would otherwise show öre: 25000000)."""

    def get_value(self, instance):
        return format_money(getattr(instance, self.accessor), instance.currency)


class ContributionViewSet(ModelViewSet):
    model = Contribution
    name = "contributions"
    icon = "doc-full"
    menu_label = _("Invoices")
    inspect_view_enabled = True
    inspect_view_class = admin_views.ContributionInspectView
    copy_view_enabled = False
    list_display = [
        "number",
        "organisation",
        "year",
        "kind",
        MoneyColumn("amount_minor", label=_("Amount")),
        MoneyColumn("outstanding_minor", label=_("Left to pay")),
        Column("status", label=_("Status"), accessor="status_label"),
        "due_date",
    ]
    list_filter = ["year", "kind", "currency"]
    search_fields = ["number", "payment_reference", "organisation__legal_name"]
    form_fields = ["due_date"]

    index_view_class = admin_views.ContributionIndexView


class ContributionsGroup(ViewSetGroup):
    menu_label = _("Contributions")
    menu_icon = "table"
    menu_order = 160
    items = (SchemeViewSet, ContributionViewSet)

    def get_submenu_items(self):
        overview = PermissionMenuItem(
            _("Overview"),
            reverse("contributions_overview"),
            icon_name="table",
            order=0,
            permission="contributions.view_contribution",
        )
        books = PermissionMenuItem(
            _("Books (SIE)"),
            reverse("contributions_books"),
            icon_name="list-ul",
            permission="contributions.export_books",
        )
        return [
            overview,
            *super().get_submenu_items(),
            *admin_bank.menu_items(),
            books,
        ]


@hooks.register("register_admin_viewset")
def register_contributions():
    return ContributionsGroup()


@hooks.register("register_admin_urls")
def bank_admin_urls():
    return admin_bank.urls()


@hooks.register("register_admin_urls")
def contributions_admin_urls():
    return [
        path(
            "contributions/overview/",
            admin_views.overview,
            name="contributions_overview",
        ),
        path(
            "contributions/export/<int:year>.csv",
            admin_views.export_csv,
            name="contributions_export",
        ),
        path(
            "contributions/issue/<int:scheme_id>/",
            admin_views.start_invoicing,
            name="contributions_issue",
        ),
        path(
            "contributions/runs/<int:run_id>/",
            admin_views.invoicing_run,
            name="contributions_run",
        ),
        path(
            "contributions/<int:pk>/invoice.pdf",
            admin_pdf.invoice_download,
            name="contributions_invoice_pdf",
        ),
        path(
            "contributions/<int:pk>/credit-note.pdf",
            admin_pdf.credit_note_download,
            name="contributions_credit_note_pdf",
        ),
        path(
            "contributions/<int:pk>/invoice.xml",
            einvoice_views.admin_contribution_ubl,
            name="contributions_invoice_ubl",
        ),
        path(
            "contributions/<int:pk>/credit-note.xml",
            einvoice_views.admin_credit_note_ubl,
            name="contributions_credit_note_ubl",
        ),
        path(
            "contributions/receipts/<int:pk>/receipt.pdf",
            admin_pdf.receipt_download,
            name="contributions_receipt_pdf",
        ),
        path("contributions/books/", admin_books.books, name="contributions_books"),
        path(
            "contributions/books/<int:year>.se",
            admin_books.books_download,
            name="contributions_books_download",
        ),
    ]


def overdue_invoices(request) -> dashboard.Item:
    count, oldest_year = overdue_tally()
    url = reverse("contributions_overview")
    return dashboard.Item(
        label=_("Overdue invoices"),
        count=count,
        # The overview lists one year's overdue invoices: the oldest first.
        url=f"{url}?year={oldest_year}" if oldest_year else url,
    )


dashboard.register(
    dashboard.Waiting(
        name="overdue_invoices",
        order=30,
        permission="contributions.change_contribution",
        item=overdue_invoices,
    )
)
dashboard.register_count(
    name="payments_to_review",
    order=40,
    permission="contributions.change_paymentreview",
    label=_("Payments to review"),
    count=payments_to_review_count,
    url="contributions_reviews",
)
