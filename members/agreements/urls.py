"""The portal's agreements addresses, included under /portal/."""

from django.urls import path

from members.agreements import views

urlpatterns = [
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path(
        "agreements/documents/<int:pk>/",
        views.agreement_document,
        name="agreement_document",
    ),
]
