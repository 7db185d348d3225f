"""The portal's application and agreement addresses, included under /portal/."""

from django.urls import path

from members.enrolment import views

urlpatterns = [
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("applications/<int:pk>/", views.enrolment_detail, name="enrolment"),
    path(
        "applications/<int:pk>/send/",
        views.enrolment_send,
        name="enrolment_send",
    ),
    path(
        "applications/<int:pk>/properties/new/",
        views.enrolment_property_add,
        name="enrolment_property_add",
    ),
    path(
        "agreements/<int:pk>/notice/",
        views.agreement_give_notice,
        name="agreement_notice",
    ),
]
