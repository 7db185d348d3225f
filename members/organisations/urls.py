"""The portal's dashboard and organisation addresses, included under /portal/."""

from django.urls import path

from members.organisations import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path(
        "organisations/<int:pk>/edit/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<int:pk>/properties/new/",
        views.property_add,
        name="property_add",
    ),
    path("organisations/<int:pk>/invite/", views.invite, name="invite"),
    path("properties/<int:pk>/", views.property_edit, name="property_edit"),
    path("properties/<int:pk>/delete/", views.property_delete, name="property_delete"),
    path("people/<int:pk>/role/", views.member_role, name="member_role"),
    path("people/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
]
