"""The portal's adjustment and meeting-file addresses, included under /portal/."""

from django.urls import path

from members.meetings import views

urlpatterns = [
    path("adjustments/", views.adjustment_list, name="adjustments"),
    path("adjustments/<int:pk>/", views.adjustment_detail, name="adjustment"),
    path(
        "adjustments/<int:pk>/approve/",
        views.adjustment_approve,
        name="adjustment_approve",
    ),
    path(
        "adjustments/<int:pk>/change/",
        views.adjustment_request_change,
        name="adjustment_change",
    ),
    path(
        "meeting-files/<int:pk>/",
        views.attachment_download,
        name="meeting_attachment",
    ),
]
