"""The auditor's addresses, included under /portal/."""

from django.urls import path

from members.auditing import views

urlpatterns = [
    path("audit/", views.overview, name="audit"),
    path("audit/<int:year>/", views.year_overview, name="audit_year"),
    path("audit/<int:year>/agreements/", views.agreements, name="audit_agreements"),
    path(
        "audit/<int:year>/agreements/<int:pk>/",
        views.agreement,
        name="audit_agreement",
    ),
    path(
        "audit/<int:year>/documents/<int:pk>/",
        views.agreement_document,
        name="audit_document",
    ),
    path("audit/<int:year>/decisions/", views.decisions, name="audit_decisions"),
    path("audit/<int:year>/ledger/", views.ledger, name="audit_ledger"),
    path("audit/<int:year>/exports/<str:kind>/", views.export, name="audit_export"),
]
