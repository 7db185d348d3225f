"""Members' and board meetings never reach the wrong audience: not in lists,
pages, feeds, the API or exports."""

import icalendar
import pytest
from django.core.files.base import ContentFile
from django.test import Client

from members.meetings.models import AgendaItem, Decision, MeetingAttachment
from members.meetings.pdf import text_pdf
from tests.trails import trail

TITLES = ("Öppet styrelsemöte", "Medlemsmöte", "Slutet möte")
DECISIONS = ("Offentligt beslut", "Medlemsbeslut", "Styrelsebeslut")


def client(user=None) -> Client:
    c = Client()
    if user:
        c.force_login(user)
    return c


def audiences(records):
    """Who is asking, and how many of the three (public, members, board) they see."""
    return [
        ("anonymous", client(), 1),
        ("member", client(records["member"]), 2),
        ("board", client(records["board_user"]), 3),
    ]


def seen(text: str, phrases) -> list[str]:
    return [phrase for phrase in phrases if phrase in text]


@pytest.mark.django_db
def test_meeting_list_shows_each_audience_its_meetings(records):
    for name, c, count in audiences(records):
        past_year = records["public"].starts_at.year
        html = c.get(records["index"].url, {"year": past_year}).content.decode()
        assert seen(html, TITLES) == list(TITLES[:count]), name
        assert "Kommande möte" in html


def expected_status(name: str, position: int, count: int) -> int:
    """Seen: 200. A members' record sends a visitor to sign in; anything
    else outside the audience does not exist for them."""
    if position < count:
        return 200
    return 302 if name == "anonymous" and position == 1 else 404


@pytest.mark.django_db
def test_meeting_and_decision_pages_answer_404_outside_the_audience(records):
    index = records["index"]
    meetings = [records["public"], records["members"], records["board"]]
    for name, c, count in audiences(records):
        for position, meeting in enumerate(meetings):
            expected = expected_status(name, position, count)
            assert c.get(index.meeting_url(meeting)).status_code == expected, name
            decision = meeting.decisions.get()
            assert c.get(index.decision_url(decision)).status_code == expected, name
            pdf = index.url + index.reverse_subpage("minutes_pdf", args=[meeting.pk])
            assert c.get(pdf).status_code == expected, name


@pytest.mark.django_db
def test_decision_list_shows_each_audience_its_decisions(records):
    url = records["index"].url + records["index"].reverse_subpage("decisions")
    for name, c, count in audiences(records):
        html = c.get(url).content.decode()
        assert seen(html, DECISIONS) == list(DECISIONS[:count]), name


@pytest.mark.django_db
def test_feeds_carry_public_records_even_for_the_board(records):
    index = records["index"]
    board = client(records["board_user"])
    feed = board.get(index.url + index.reverse_subpage("decisions_feed")).content
    assert seen(feed.decode(), DECISIONS) == ["Offentligt beslut"]
    expected = {
        "calendar": ["Öppet styrelsemöte (Styrelsen)", "Kommande möte (Arbetsgruppen)"],
        "body_calendar": ["Öppet styrelsemöte (Styrelsen)"],
    }
    for route, args in (("calendar", []), ("body_calendar", ["styrelsen"])):
        data = board.get(index.url + index.reverse_subpage(route, args=args)).content
        summaries = [
            str(event["SUMMARY"])
            for event in icalendar.Calendar.from_ical(data).walk("VEVENT")
        ]
        assert summaries == expected[route]


@pytest.mark.django_db
def test_api_lists_only_public_meetings_and_decisions(records):
    board = client(records["board_user"])
    meetings = board.get("/api/v1/meetings/").json()["items"]
    assert sorted(m["title"] for m in meetings) == [
        "Kommande möte",
        "Öppet styrelsemöte",
    ]
    decisions = board.get("/api/v1/decisions/").json()["items"]
    assert [d["text"] for d in decisions] == ["Offentligt beslut"]
    for hidden in (records["members"], records["board"]):
        assert board.get(f"/api/v1/meetings/{hidden.pk}").status_code == 404
        decision = hidden.decisions.get()
        assert board.get(f"/api/v1/decisions/{decision.pk}").status_code == 404
    detail = board.get(f"/api/v1/meetings/{records['public'].pk}").json()
    assert detail["decisions"][0]["number"] == 1
    assert detail["agenda"][0]["minutes_html"] == "<p>Protokoll.</p>"


@pytest.mark.django_db
def test_api_hides_minutes_until_published(records):
    upcoming = records["upcoming"]
    AgendaItem.objects.create(meeting=upcoming, title="Punkt", minutes="<p>Utkast</p>")
    detail = client().get(f"/api/v1/meetings/{upcoming.pk}").json()
    assert detail["agenda"][0]["minutes_html"] is None
    assert detail["decisions"] == []


@pytest.mark.django_db
def test_unpublished_minutes_stay_off_the_public_page(records):
    upcoming = records["upcoming"]
    AgendaItem.objects.create(
        meeting=upcoming, title="Punkt", minutes="<p>Hemligt utkast</p>"
    )
    Decision.objects.create(meeting=upcoming, number=1, text="Ett utkast till beslut")
    html = client().get(records["index"].meeting_url(upcoming)).content.decode()
    assert "Punkt" in html
    assert "Hemligt utkast" not in html
    assert "Ett utkast till beslut" not in html


@pytest.mark.django_db
def test_csv_export_is_for_the_board_only(records):
    url = "/admin/meetings/decisions.csv"
    assert client().get(url).status_code == 302
    assert client(records["member"]).get(url).status_code in (302, 403)
    response = client(records["board_user"]).get(url)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert seen(text, DECISIONS) == list(DECISIONS)
    assert text.splitlines()[0].startswith("body,meeting,date,visibility,number")


@pytest.mark.django_db
def test_attachments_follow_the_meeting_visibility(records):
    files = {}
    for key in ("public", "members", "board"):
        attachment = MeetingAttachment(
            meeting=records[key], title=key, content_type="application/pdf", size=10
        )
        attachment.file.save("a.pdf", ContentFile(text_pdf(key, ["text"])), save=True)
        files[key] = attachment
    for name, c, count in audiences(records):
        for position, key in enumerate(("public", "members", "board")):
            response = c.get(f"/portal/meeting-files/{files[key].pk}/")
            assert response.status_code == expected_status(name, position, count), name


@pytest.mark.django_db
def test_a_decision_s_page_leads_back_to_its_meeting_through_the_page_trail(records):
    index, meeting = records["index"], records["public"]
    decision = meeting.decisions.get()
    steps = trail(client().get(index.decision_url(decision)))
    assert steps[-3:-1] == [
        (index.title, index.url),
        (meeting.title, index.meeting_url(meeting)),
    ]
