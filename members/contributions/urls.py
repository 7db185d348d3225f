"""The portal's contribution, receipt and e-invoice addresses, under /portal/."""

from django.urls import path

from members.contributions import einvoice_views, views

urlpatterns = [
    path("contributions/", views.contribution_list, name="contributions"),
    path(
        "contributions/<int:pk>/",
        views.contribution_detail,
        name="contribution",
    ),
    path(
        "contributions/<int:pk>/pay/",
        views.contribution_pay,
        name="contribution_pay",
    ),
    path("receipts/<int:pk>/", views.receipt, name="receipt"),
    path(
        "contributions/<int:pk>/invoice.xml",
        einvoice_views.contribution_ubl,
        name="contribution_ubl",
    ),
    path(
        "contributions/<int:pk>/credit-note.xml",
        einvoice_views.credit_note_ubl,
        name="credit_note_ubl",
    ),
    path(
        "contributions/<int:pk>/invoice.pdf",
        views.invoice_download,
        name="contribution_pdf",
    ),
    path(
        "contributions/<int:pk>/credit-note.pdf",
        views.credit_note_download,
        name="credit_note_pdf",
    ),
    path(
        "receipts/<int:pk>/receipt.pdf",
        views.receipt_download,
        name="receipt_pdf",
    ),
]
