"""CSV and iCalendar exports with whatever titles and names people type: a
spreadsheet never runs a cell as a formula, a calendar reads every title back."""

import csv
import datetime
import io

import icalendar
import pytest
from django.urls import reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bid.spreadsheet import FORMULA_STARTS, text_cell
from home.opendata import _csv_lines
from members.contributions import services as contributions
from members.meetings.feeds import calendar_bytes
from members.meetings.models import Meeting
from tests.factories.contributions import SchemeFactory, member
from tests.factories.meetings import BodyFactory, MeetingFactory, published_meeting

HOSTILE = [
    '=HYPERLINK("http://evil","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "Äger kontor;=1+1",
    "Kajen, -2; @SUM(A1)\t+1\n=2",
]
titles = st.sampled_from(HOSTILE) | st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
)


def read_csv(data: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))


def naive_cells(data: str, delimiter: str) -> list[str]:
    """Every cell of the file as a spreadsheet sees it that splits on
    `delimiter` and line breaks without honouring quotes (Nordic Excel on
    paste or import splits on ";"), with the spaces a trimming import drops."""
    rows = csv.reader(
        io.StringIO(data.lstrip("\ufeff"), newline=""),
        delimiter=delimiter,
        quoting=csv.QUOTE_NONE,
    )
    return [cell.lstrip(" ") for row in rows for cell in row]


def assert_inert_however_split(data: str) -> None:
    for delimiter in (";", ",", "\t"):
        for cell in naive_cells(data, delimiter):
            assert_inert(cell)


def lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def assert_inert(cell: str) -> None:
    assert not cell.startswith(FORMULA_STARTS), cell


@given(titles)
@example("=1+1")
@example("Äger kontor;=1+1")
def test_a_text_cell_never_starts_like_a_formula_and_keeps_the_text(text):
    cell = text_cell(text)
    assert_inert(cell)
    for delimiter in (";", ",", "\t", "\r", "\n"):
        for piece in cell.split(delimiter):
            assert_inert(piece.lstrip(" "))
    # Only apostrophes are added.
    assert cell.replace("'", "") == text.replace("'", "")


@given(st.lists(titles, min_size=1, max_size=5))
def test_open_data_csv_cells_never_start_like_a_formula(values):
    rows = [{"title": value} for value in values]
    data = "".join(_csv_lines(("title",), rows))
    cells = [row[0] for row in read_csv(data)[1:] if row]
    for cell in cells:
        assert_inert(cell)
    assert_inert_however_split(data)


HOSTILE_ROW = {"name": "Kajen AB, -2", "description": "Äger kontor;=1+1"}


def test_a_semicolon_in_a_cell_does_not_start_a_formula_in_nordic_excel():
    data = "".join(_csv_lines(("name", "description"), [HOSTILE_ROW]))
    assert "=1+1" in naive_cells(data, ";")[-1]
    assert_inert_however_split(data)
    # A reader that honours the quotes still reads the text, apostrophes added.
    assert read_csv(data)[1] == ["Kajen AB, '-2", "Äger kontor;'=1+1"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", HOSTILE)
def test_contributions_export_shows_member_names_as_text(client_for, name):
    scheme = SchemeFactory()
    member(legal_name=name)
    contributions.contributions_issue(scheme=scheme, on=datetime.date(2026, 1, 15))
    response = client_for("admin").get(
        reverse("contributions_export", args=[scheme.year])
    )
    assert response.status_code == 200
    data = response.content.decode()
    rows = read_csv(data)
    assert rows[1][1] == text_cell(name)
    assert rows[1][1].replace("'", "") == name.replace("'", "")
    for row in rows[1:]:
        for cell in row[1:3] + row[-1:]:
            assert_inert(cell)
    assert_inert_however_split(data)


@pytest.mark.django_db
@pytest.mark.parametrize("title", HOSTILE)
def test_decisions_export_shows_titles_and_texts_as_text(client_for, title):
    published_meeting(title=title, decisions=[title])
    response = client_for("admin").get(reverse("meetings_csv"))
    assert response.status_code == 200
    data = response.content.decode()
    rows = read_csv(data)
    assert rows[1][1] == rows[1][5] == text_cell(title)
    assert rows[1][1].replace("'", "") == title.replace("'", "")
    assert_inert_however_split(data)


@pytest.mark.django_db
@settings(max_examples=15)
@given(st.lists(titles, min_size=1, max_size=3), titles)
@example(["Möten\nBEGIN:VEVENT\nSUMMARY:injected\nEND:VEVENT"], "Kajen\r\n1")
def test_the_calendar_reads_back_every_title_and_place(meeting_titles, place):
    Meeting.objects.all().delete()
    body = BodyFactory(name="Styrelsen")
    for title in meeting_titles:
        MeetingFactory(body=body, title=title, place=place)
    data = calendar_bytes(
        meetings=Meeting.objects.all(),
        name=meeting_titles[0],
        url_for=lambda m: f"https://example.org/m/{m.pk}/",
        host="example.org",
    )
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    # Line ends are the format's own; every other character reads back.
    assert sorted(lines(str(e["summary"])) for e in events) == sorted(
        f"{lines(title)} (Styrelsen)" for title in meeting_titles
    )
    assert {lines(str(e["location"])) for e in events} == {lines(place)}
    assert str(calendar["x-wr-calname"]) == " ".join(meeting_titles[0].split())
