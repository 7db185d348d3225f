"""The portal's premises addresses, included under /portal/."""

from django.urls import path

from members.premises import views

urlpatterns = [
    path(
        "properties/<int:pk>/premises/new/",
        views.premises_add,
        name="premises_add",
    ),
    path("premises/<int:pk>/", views.premises_edit, name="premises_edit"),
    path("premises/<int:pk>/status/", views.premises_status, name="premises_status"),
    path("premises/requests/", views.request_list, name="premises_requests"),
    path("premises/requests/new/", views.request_new, name="premises_request_new"),
    path(
        "premises/requests/<int:pk>/close/",
        views.request_close,
        name="premises_request_close",
    ),
]
