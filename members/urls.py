"""The member portal's addresses, under /portal/ in every language: each app's own."""

from django.urls import include, path

app_name = "portal"

urlpatterns = [
    path("", include("members.organisations.urls")),
    path("", include("members.enrolment.urls")),
    path("", include("members.contributions.urls")),
    path("", include("members.proposals.urls")),
    path("", include("members.meetings.urls")),
    path("", include("members.areas.urls")),
    path("", include("members.agreements.urls")),
    path("", include("members.notifications.urls")),
    path("", include("members.premises.urls")),
    path("", include("members.auditing.urls")),
]
