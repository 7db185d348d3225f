"""The calendar is valid RFC 5545 and the decisions feed valid Atom."""

import datetime

import feedparser
import icalendar
import pytest
from django.test import Client

from members.meetings.models import Meeting


@pytest.mark.django_db
def test_calendar_parses_with_uid_dtstamp_and_time_zone(records):
    index = records["index"]
    response = Client().get(index.url + index.reverse_subpage("calendar"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Stockholm"]
    events = calendar.walk("VEVENT")
    assert {str(e["SUMMARY"]) for e in events} == {
        "Öppet styrelsemöte (Styrelsen)",
        "Kommande möte (Arbetsgruppen)",
    }
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert event["DTSTAMP"].dt.tzinfo is not None
        start = event["DTSTART"]
        assert start.params["TZID"] == "Europe/Stockholm"
        assert event["DTEND"].dt > start.dt
        assert str(event["URL"]).startswith("http://")


@pytest.mark.django_db
def test_calendar_marks_cancelled_meetings_and_keeps_uids_stable(records):
    index = records["index"]
    upcoming = records["upcoming"]
    url = index.url + index.reverse_subpage("calendar")
    before = icalendar.Calendar.from_ical(Client().get(url).content)
    Meeting.objects.filter(pk=upcoming.pk).update(status=Meeting.Status.CANCELLED)
    after = icalendar.Calendar.from_ical(Client().get(url).content)

    def by_uid(calendar):
        return {str(e["UID"]): e for e in calendar.walk("VEVENT")}

    assert by_uid(before).keys() == by_uid(after).keys()
    cancelled = [e for e in after.walk("VEVENT") if "Kommande" in str(e["SUMMARY"])]
    assert str(cancelled[0]["STATUS"]) == "CANCELLED"


@pytest.mark.django_db
def test_body_calendar_has_only_that_body(records):
    index = records["index"]
    url = index.url + index.reverse_subpage("body_calendar", args=["gruppen"])
    events = icalendar.Calendar.from_ical(Client().get(url).content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Kommande möte (Arbetsgruppen)"]
    missing = index.url + index.reverse_subpage("body_calendar", args=["nobody"])
    assert Client().get(missing).status_code == 404


@pytest.mark.django_db
def test_decisions_feed_parses_as_atom(records):
    index = records["index"]
    response = Client().get(index.url + index.reverse_subpage("decisions_feed"))
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    (entry,) = feed.entries
    assert entry.title.startswith("§ 1 Offentligt beslut")
    assert entry.id == f"urn:bid:decision:{records['public'].decisions.get().pk}"
    assert Client().get(entry.link).status_code == 200
    assert isinstance(entry.updated_parsed, tuple)
    assert entry.tags[0].term == "Styrelsen"


@pytest.mark.django_db
def test_calendar_leaves_out_meetings_older_than_a_year(records):
    index = records["index"]
    old = records["public"]
    Meeting.objects.filter(pk=old.pk).update(
        starts_at=old.starts_at - datetime.timedelta(days=800),
        ends_at=old.ends_at - datetime.timedelta(days=800),
    )
    data = Client().get(index.url + index.reverse_subpage("calendar")).content
    summaries = [
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
    ]
    assert summaries == ["Kommande möte (Arbetsgruppen)"]
