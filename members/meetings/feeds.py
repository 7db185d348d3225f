"""The meetings' feeds: an iCalendar (RFC 5545) of public meetings, in all or
per body, and an Atom feed of the decisions of published public minutes.

Feeds are fetched without a session, so they carry public records only.
"""

import zoneinfo

import icalendar
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from members.meetings.models import Meeting
from members.meetings.selectors import decisions_visible_to, public_meetings

FEED_LENGTH = 50
CALENDAR_PAST_DAYS = 400


def calendar_bytes(*, meetings, name: str, url_for, host: str) -> bytes:
    """An iCalendar of the meetings, with local times and their VTIMEZONE."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//BID Platform//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property is written unescaped: a line break in a title would end
    # the line (icalendar refuses it; with assertions off it would inject).
    calendar.add("x-wr-calname", " ".join(name.split()))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    since = stamp - timezone.timedelta(days=CALENDAR_PAST_DAYS)
    for meeting in meetings.filter(ends_at__gte=since).order_by("starts_at"):
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("last-modified", meeting.updated_at)
        event.add("created", meeting.created_at)
        event.add("dtstart", meeting.starts_at.astimezone(zone))
        event.add("dtend", meeting.ends_at.astimezone(zone))
        event.add("summary", f"{meeting.title} ({meeting.body.name})")
        if meeting.place:
            event.add("location", meeting.place)
        url = url_for(meeting)
        event.add("url", url)
        description = [url]
        if meeting.video_url:
            description.insert(0, meeting.video_url)
        event.add("description", "\n".join(description))
        if meeting.status == Meeting.Status.CANCELLED:
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        event.add("sequence", int(meeting.updated_at.timestamp()) % 2**31)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def public_calendar(*, body=None):
    meetings = public_meetings()
    return meetings.filter(body=body) if body is not None else meetings


class DecisionsFeed(Feed):
    """Atom: the decisions of published public minutes, newest first."""

    feed_type = Atom1Feed

    def __init__(self, *, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Decisions: %(title)s") % {"title": self.index_page.title}

    def subtitle(self):
        return _("The decisions of the district's published minutes.")

    def link(self):
        return self.index_page.get_url(self.request)

    def feed_url(self):
        return self.index_page.full_url + self.index_page.reverse_subpage(
            "decisions_feed"
        )

    def items(self):
        return decisions_visible_to(user=AnonymousUser())[:FEED_LENGTH]

    def item_title(self, item):
        return f"§ {item.number} {Truncator(strip_tags(item.text)).chars(90)}"

    def item_description(self, item):
        return f"{item.reference}\n\n{strip_tags(item.text)}"

    def item_link(self, item):
        return self.index_page.get_url(self.request) + self.index_page.reverse_subpage(
            "decision", args=[item.meeting_id, item.number]
        )

    def item_guid(self, item):
        return f"urn:bid:decision:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.meeting.published_at or item.meeting.ends_at

    def item_updateddate(self, item):
        return item.meeting.published_at or item.meeting.ends_at

    def item_categories(self, item):
        return [item.meeting.body.name]
