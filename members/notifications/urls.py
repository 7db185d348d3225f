"""The portal's notification and follow addresses, included under /portal/."""

from django.urls import path

from members.notifications import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path(
        "notifications/read/",
        views.notifications_read,
        name="notifications_read",
    ),
    path(
        "notifications/<int:pk>/",
        views.notification_open,
        name="notification_open",
    ),
    path(
        "notifications/settings/",
        views.notification_settings,
        name="notification_settings",
    ),
    path("follow/", views.follow, name="follow"),
    path(
        "digest/unsubscribe/<str:token>/",
        views.digest_unsubscribe,
        name="digest_unsubscribe",
    ),
]
