"""Meetings in the admin: bodies and meeting records with agenda, minutes, decisions."""

from django.contrib.auth.models import AnonymousUser
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from bid import dashboard
from bid.hooks import HOME_SECTIONS_HOOK
from members.meetings import admin_views
from members.meetings.models import Body, Meeting
from members.meetings.pages import MeetingIndexPage
from members.meetings.selectors import (
    decisions_visible_to,
    minutes_awaiting_adjustment_count,
    public_meetings,
    upcoming,
)


class BodyViewSet(ModelViewSet):
    model = Body
    name = "meetings_body"
    url_prefix = "meetings/bodies"
    icon = "group"
    menu_label = _("Bodies")
    list_display = ["name", "default_visibility"]
    copy_view_enabled = False


class MeetingViewSet(ModelViewSet):
    model = Meeting
    name = "meetings_meeting"
    url_prefix = "meetings/records"
    icon = "date"
    menu_label = _("Meetings")
    add_view_class = admin_views.MeetingCreateView
    edit_view_class = admin_views.MeetingEditView
    delete_view_class = admin_views.MeetingDeleteView
    inspect_view_class = admin_views.MeetingRecordView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["title", "body", "starts_at", "visibility", "status"]
    list_filter = ["body", "status", "visibility"]
    search_fields = ["title", "place"]


class MeetingsGroup(ViewSetGroup):
    menu_label = _("Meetings")
    menu_icon = "date"
    menu_order = 180
    items = (MeetingViewSet, BodyViewSet)


@hooks.register("register_admin_viewset")
def register_meetings():
    return MeetingsGroup()


@hooks.register("register_admin_urls")
def meetings_admin_urls():
    return [
        path("meetings/decisions.csv", admin_views.decisions_csv, name="meetings_csv")
    ]


@hooks.register(HOME_SECTIONS_HOOK)
def meetings_section(request, page):
    """The next public meetings and the latest public decisions on the home page."""
    index = MeetingIndexPage.objects.live().filter(locale=page.locale).first()
    if index is None:
        return None
    meetings = public_meetings()
    coming = list(upcoming(meetings)[:3])
    decisions = list(decisions_visible_to(user=AnonymousUser())[:3])
    if not coming and not decisions:
        return None
    return {
        "template": "meetings/home_section.html",
        "order": 30,
        "index": index,
        "upcoming": coming,
        "decisions": decisions,
    }


dashboard.register_count(
    name="minutes",
    order=50,
    permission="meetings.record_meeting",
    label=_("Minutes awaiting adjustment"),
    count=minutes_awaiting_adjustment_count,
    url="meetings_meeting:index",
    query="?status=minutes_drafted",
)
