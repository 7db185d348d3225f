"""Open data: the public datasets as CSV and JSON, and the page that lists them.

Only public records ever appear, whoever asks: a board member downloading gets
what an anonymous visitor gets.
"""

import codecs
import csv
import datetime
import io
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.utils import formats, timezone, translation

from bid.spreadsheet import FORMULA_STARTS
from members.meetings.models import Visibility
from members.proposals.models import ProgressUpdate, Proposal
from members.proposals.pages import ProjectIndexPage
from tests.conftest import ROLES
from tests.factories.accounts import BoardUserFactory
from tests.factories.areas import named_area
from tests.factories.contributions import member
from tests.factories.meetings import BodyFactory, MeetingFactory, published_meeting
from tests.factories.organisations import OrganisationFactory
from tests.factories.pages import site_home
from tests.factories.plan import (
    IndicatorFactory,
    MeasurementFactory,
    PriorityPageFactory,
    plan_with_priorities,
)
from tests.factories.proposals import ProposalFactory
from tests.home.test_plan import translate_plan

pytestmark = pytest.mark.django_db

CSV_NAMES = ("priorities", "indicators", "meetings", "decisions", "projects", "members")


def download(client, name: str, **params) -> tuple[list[str], list[dict]]:
    """The CSV's header and rows (as dicts), after checking how it is served."""
    response = client.get(f"/open-data/{name}.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    filename = f"{name}-{params['lang']}" if "lang" in params else name
    assert response["Content-Disposition"] == f'attachment; filename="{filename}.csv"'
    body = b"".join(response.streaming_content)
    assert body.startswith(codecs.BOM_UTF8)
    reader = csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    return reader.fieldnames, rows


def board_client() -> Client:
    client = Client()
    client.force_login(BoardUserFactory())
    return client


# Priorities and indicators


@pytest.fixture
def plan():
    plan, (safety, cleaning) = plan_with_priorities(site_home(), 2)
    safety.title = "Trygghet"
    safety.save_revision().publish()
    cleaning.title = "Renhållning"
    cleaning.district_areas = [named_area("Centrum"), named_area("Hamnen")]
    cleaning.budget_year, cleaning.budget_amount_minor = 2026, 90000000
    cleaning.save_revision().publish()
    litter = IndicatorFactory(
        priority=cleaning,
        name="Skräp på gatan",
        unit="platser",
        texts={"en": ("Litter on the street", "spots")},
        direction="lower",
        baseline_value=5,
        target_value=2,
    )
    MeasurementFactory(indicator=litter, measured_on=datetime.date(2025, 1, 1), value=4)
    MeasurementFactory(
        indicator=litter,
        measured_on=datetime.date(2025, 6, 1),
        value="3.5",
        source="Räkning",
        note="=HYPERLINK(1)",
    )
    IndicatorFactory(priority=safety, name="Upplevd trygghet", is_headline=True)
    draft = PriorityPageFactory(parent=plan, title="Hemligt utkast", slug="utkast")
    draft.unpublish()
    IndicatorFactory(priority=draft, name="Utkastets mått")
    return plan, safety, cleaning


def test_priorities_csv_lists_the_live_priorities_in_rank_order(client, plan):
    _plan, safety, cleaning = plan

    header, rows = download(client, "priorities")

    assert header == [
        "rank",
        "id",
        "title",
        "status",
        "summary",
        "budget_year",
        "budget_amount_minor",
        "currency",
        "areas",
        "indicator_count",
        "url",
    ]
    assert [(r["rank"], r["id"], r["title"]) for r in rows] == [
        ("1", str(safety.pk), "Trygghet"),
        ("2", str(cleaning.pk), "Renhållning"),
    ]
    assert rows[0]["budget_amount_minor"] == rows[0]["currency"] == ""
    assert rows[1] | {"url": ""} == {
        "rank": "2",
        "id": str(cleaning.pk),
        "title": "Renhållning",
        "status": "active",
        "summary": "Kort sammanfattning.",
        "budget_year": "2026",
        "budget_amount_minor": "90000000",
        "currency": "SEK",
        "areas": "Centrum; Hamnen",
        "indicator_count": "1",
        "url": "",
    }
    assert rows[1]["url"].endswith(cleaning.url)


def test_indicators_csv_has_a_row_per_measurement_and_one_for_the_unmeasured(
    client, plan
):
    header, rows = download(client, "indicators")

    assert header[:5] == [
        "priority_rank",
        "priority_id",
        "priority_title",
        "priority_status",
        "indicator_id",
    ]
    assert [
        (r["priority_rank"], r["indicator_name"], r["measured_on"], r["value"])
        for r in rows
    ] == [
        ("1", "Upplevd trygghet", "", ""),
        ("2", "Skräp på gatan", "2025-01-01", "4.00"),
        ("2", "Skräp på gatan", "2025-06-01", "3.50"),
    ]
    last = rows[-1]
    assert last["unit"] == "platser"
    assert last["direction"] == "lower"
    assert (last["baseline_date"], last["baseline_value"]) == ("2024-01-01", "5.00")
    assert (last["target_date"], last["target_value"]) == ("2028-01-01", "2.00")
    assert last["indicator_status"] in {"on_track", "off_track"}
    assert last["source"] == "Räkning"
    # A spreadsheet must not run what a member typed as a formula.
    assert last["note"] == "'=HYPERLINK(1)"
    assert "Utkastets mått" not in str(rows)


def test_priority_csvs_speak_the_requested_language(client, plan):
    the_plan, safety, cleaning = plan
    translate_plan(the_plan, [safety, cleaning], "en")

    _header, priorities = download(client, "priorities", lang="en")
    _header, indicators = download(client, "indicators", lang="en")

    assert [r["title"] for r in priorities] == ["Trygghet (en)", "Renhållning (en)"]
    assert "/en/" in priorities[0]["url"]
    assert indicators[-1]["indicator_name"] == "Litter on the street"
    assert indicators[-1]["unit"] == "spots"
    assert client.get("/open-data/priorities.csv", {"lang": "fi"}).status_code == 404
    assert download(client, "priorities", lang="da")[1] == []  # no Danish plan yet


def test_priority_csvs_have_only_a_header_when_there_is_no_plan(client):
    header, rows = download(client, "priorities")
    assert header[0] == "rank"
    assert rows == []


# Meetings and decisions


@pytest.fixture
def meetings():
    board = BodyFactory(name="Styrelsen", slug="styrelsen")
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    accepted = ProposalFactory(
        organisation=OrganisationFactory(),
        priority=priority,
        status=Proposal.Status.ACCEPTED,
    )
    public = published_meeting(
        body=board,
        title="Öppet styrelsemöte",
        place="Kajgatan 4",
        decisions=("Offentligt beslut", "<p>Bifalla förslaget</p>"),
    )
    decision = public.decisions.get(number=2)
    decision.proposal, decision.outcome = accepted, "accepted"
    decision.save()
    published_meeting(
        body=board,
        title="Medlemsmöte",
        visibility=Visibility.MEMBERS,
        decisions=("Medlemsbeslut",),
    )
    published_meeting(
        body=board,
        title="Slutet möte",
        visibility=Visibility.BOARD,
        decisions=("Styrelsebeslut",),
    )
    upcoming = MeetingFactory(
        body=board,
        title="Kommande möte",
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    return {"public": public, "upcoming": upcoming, "proposal": accepted}


def test_meetings_csv_lists_only_public_meetings_even_for_the_board(meetings):
    public, upcoming = meetings["public"], meetings["upcoming"]

    for client in (Client(), board_client()):
        header, rows = download(client, "meetings")

        assert header == [
            "id",
            "body",
            "body_slug",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "status",
            "published_at",
        ]
        assert [r["title"] for r in rows] == ["Kommande möte", "Öppet styrelsemöte"]
        assert rows[1] == {
            "id": str(public.pk),
            "body": "Styrelsen",
            "body_slug": "styrelsen",
            "title": "Öppet styrelsemöte",
            "starts_at": timezone.localtime(public.starts_at).isoformat(),
            "ends_at": timezone.localtime(public.ends_at).isoformat(),
            "place": "Kajgatan 4",
            "status": "published",
            "published_at": timezone.localtime(public.published_at).isoformat(),
        }
        assert rows[0]["id"] == str(upcoming.pk)
        assert rows[0]["published_at"] == ""


def test_decisions_csv_lists_only_published_public_decisions_even_for_the_board(
    meetings,
):
    public = meetings["public"]
    # Decisions of a public meeting whose minutes are not yet published stay out.
    meetings["upcoming"].decisions.create(number=1, text="Ett utkast till beslut")

    for client in (Client(), board_client()):
        header, rows = download(client, "decisions")

        assert header == [
            "id",
            "meeting_id",
            "meeting_date",
            "body",
            "meeting_title",
            "number",
            "item_number",
            "text",
            "reference",
            "outcome",
            "proposal_id",
        ]
        assert [r["text"] for r in rows] == ["Offentligt beslut", "Bifalla förslaget"]
        on = timezone.localdate(public.starts_at).isoformat()
        assert rows[1] == {
            "id": str(public.decisions.get(number=2).pk),
            "meeting_id": str(public.pk),
            "meeting_date": on,
            "body": "Styrelsen",
            "meeting_title": "Öppet styrelsemöte",
            "number": "2",
            "item_number": "1",
            "text": "Bifalla förslaget",
            "reference": f"Styrelsen {on}, § 2",
            "outcome": "accepted",
            "proposal_id": str(meetings["proposal"].pk),
        }


def test_meeting_and_decision_json_stay_public_for_the_board(meetings):
    board = board_client()
    meetings_json = board.get("/api/v1/meetings/").json()["items"]
    decisions_json = board.get("/api/v1/decisions/").json()["items"]
    assert sorted(m["title"] for m in meetings_json) == [
        "Kommande möte",
        "Öppet styrelsemöte",
    ]
    assert [d["text"] for d in decisions_json] == [
        "Offentligt beslut",
        "Bifalla förslaget",
    ]


# Projects


@pytest.fixture
def projects():
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    organisation, _admin = member(legal_name="Kajens Fastigheter AB")
    decided = timezone.make_aware(datetime.datetime(2026, 3, 12, 19, 0))
    made = {
        status: ProposalFactory(
            organisation=organisation,
            priority=priority,
            status=status,
            title=f"Projekt {status}",
            areas=["Centrum", "Hamnen"],
            decided_at=decided if status in Proposal.Status.values[3:] else None,
            decision_reference="Styrelsen 2026-03-12, § 4",
        )
        for status in Proposal.Status.values
    }
    ProgressUpdate.objects.create(
        proposal=made["in_progress"],
        reported_on=datetime.date(2026, 4, 1),
        text="Bänkarna är beställda.",
        percent=40,
    )
    return {"priority": priority, "proposals": made}


PUBLIC_PROJECTS = [
    "Projekt accepted",
    "Projekt in_progress",
    "Projekt completed",
    "Projekt discontinued",
]


def test_projects_csv_lists_only_accepted_ongoing_and_completed_projects(projects):
    ongoing = projects["proposals"]["in_progress"]
    priority = projects["priority"]

    for client in (Client(), board_client()):
        header, rows = download(client, "projects")

        assert sorted(r["title"] for r in rows) == sorted(PUBLIC_PROJECTS)
        assert header == [
            "id",
            "title",
            "summary",
            "organisation",
            "priority_id",
            "priority_title",
            "status",
            "areas",
            "estimated_cost_minor",
            "requested_funding_minor",
            "currency",
            "decided_on",
            "decision_reference",
            "progress_percent",
            "url",
        ]
        row = next(r for r in rows if r["status"] == "in_progress")
        assert row == {
            "id": str(ongoing.pk),
            "title": "Projekt in_progress",
            "summary": "En kort sammanfattning.",
            "organisation": "Kajens Fastigheter AB",
            "priority_id": str(priority.pk),
            "priority_title": priority.title,
            "status": "in_progress",
            "areas": "Centrum; Hamnen",
            "estimated_cost_minor": "10000000",
            "requested_funding_minor": "5000000",
            "currency": "SEK",
            "decided_on": "2026-03-12",
            "decision_reference": "Styrelsen 2026-03-12, § 4",
            "progress_percent": "40",
            "url": "",  # no public project list page in this test
        }


def test_projects_json_lists_only_public_projects_and_links_their_pages(projects):
    site_home().add_child(instance=ProjectIndexPage(title="Projekt", slug="projekt"))
    draft = projects["proposals"]["draft"]
    ongoing = projects["proposals"]["in_progress"]
    board = board_client()

    body = board.get("/api/v1/projects/").json()

    assert body["count"] == len(PUBLIC_PROJECTS)
    assert sorted(p["title"] for p in body["items"]) == sorted(PUBLIC_PROJECTS)
    item = next(p for p in body["items"] if p["id"] == ongoing.pk)
    assert item["estimated_cost_minor"] == 10000000
    assert item["currency"] == "SEK"
    assert item["areas"] == ["Centrum", "Hamnen"]
    assert item["progress_percent"] == 40
    assert item["decided_on"] == "2026-03-12"
    assert item["url"].endswith(f"/projekt/{ongoing.pk}/")
    assert Client().get(urlparse(item["url"]).path).status_code == 200
    filtered = board.get("/api/v1/projects/", {"status": "completed"}).json()
    assert [p["title"] for p in filtered["items"]] == ["Projekt completed"]
    assert board.get(f"/api/v1/projects/{ongoing.pk}").json()["id"] == ongoing.pk
    for hidden in ("draft", "submitted", "under_review", "rejected", "withdrawn"):
        proposal = projects["proposals"][hidden]
        assert board.get(f"/api/v1/projects/{proposal.pk}").status_code == 404
    assert draft.title not in str(body)


# Member directory


@pytest.fixture
def directory():
    member(
        legal_name="Synlig AB",
        listed_publicly=True,
        public_description="Vi äger kajen.",
        website="https://synlig.example",
        city="Hamnstaden",
    )
    member(legal_name="Kommunen", listed_publicly=True, type="municipality")
    member(legal_name="Dold AB", listed_publicly=False)
    OrganisationFactory(legal_name="Sökande AB", listed_publicly=True)  # no membership


def test_members_csv_lists_only_members_who_opted_in(directory):
    for client in (Client(), board_client()):
        header, rows = download(client, "members")

        assert header == [
            "name",
            "type",
            "city",
            "website",
            "description",
            "logo_url",
        ]
        assert rows == [
            {
                "name": "Kommunen",
                "type": "municipality",
                "city": "Teststaden",
                "website": "",
                "description": "",
                "logo_url": "",
            },
            {
                "name": "Synlig AB",
                "type": "property_owner",
                "city": "Hamnstaden",
                "website": "https://synlig.example",
                "description": "Vi äger kajen.",
                "logo_url": "",
            },
        ]


def test_members_csv_starts_no_formula_where_nordic_excel_splits_on_semicolons(
    client,
):
    member(
        legal_name="Kontor, +46 AB",
        listed_publicly=True,
        public_description="Äger kontor;=1+1",
    )
    response = client.get("/open-data/members.csv")
    data = b"".join(response.streaming_content).decode("utf-8-sig")
    for delimiter in (";", ","):
        # As a spreadsheet that splits without honouring quotes reads it.
        for row in csv.reader(
            io.StringIO(data), delimiter=delimiter, quoting=csv.QUOTE_NONE
        ):
            for cell in row:
                assert not cell.lstrip(" ").startswith(FORMULA_STARTS), cell
    _header, rows = download(client, "members")
    assert rows[0]["name"] == "Kontor, '+46 AB"
    assert rows[0]["description"] == "Äger kontor;'=1+1"


def test_members_json_lists_only_members_who_opted_in(directory):
    board = board_client()
    body = board.get("/api/v1/members/").json()
    assert [m["name"] for m in body["items"]] == ["Kommunen", "Synlig AB"]
    assert set(body["items"][0]) == {
        "name",
        "type",
        "city",
        "website",
        "description",
        "logo_url",
    }
    filtered = board.get("/api/v1/members/", {"type": "municipality"}).json()
    assert [m["name"] for m in filtered["items"]] == ["Kommunen"]


# The page, the addresses and the schema


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_open_data_page_links_every_dataset_and_the_schema(client, prefix):
    response = client.get(f"{prefix}/open-data/")

    assert response.status_code == 200
    html = response.content.decode()
    for name in CSV_NAMES:
        assert f'href="/open-data/{name}.csv"' in html
    for endpoint in ("priorities/", "meetings/", "decisions/", "projects/", "members/"):
        assert f'href="/api/v1/{endpoint}"' in html
    assert 'href="/api/v1/openapi.json"' in html
    assert f'href="{prefix}/api/"' in html
    assert "creativecommons.org/publicdomain/zero/1.0/" in html
    assert "<code>budget_amount_minor</code>" in html
    assert "<code>?lang=en</code>" in html


def test_open_data_page_shows_when_each_dataset_last_changed(client, meetings):
    html = client.get("/en/open-data/").content.decode()
    published = timezone.localdate(meetings["public"].published_at)
    with translation.override("en"):
        assert f"Last updated {formats.date_format(published)}" in html


def test_footer_and_api_reference_link_the_open_data_page(client):
    html = client.get("/en/api/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="/en/open-data/"' in footer
    assert html.count('href="/en/open-data/"') == 2


def test_csv_addresses_have_no_language_prefix_and_unknown_ones_404(client):
    assert client.get("/en/open-data/priorities.csv").status_code == 404
    assert client.get("/open-data/secrets.csv").status_code == 404
    assert client.post("/open-data/members.csv").status_code == 405


def test_every_role_may_open_the_page_and_the_files(client_for):
    for role in ROLES:
        client = client_for(role)
        assert client.get("/open-data/").status_code == 200, role
        for name in CSV_NAMES:
            assert client.get(f"/open-data/{name}.csv").status_code == 200, role


def test_openapi_schema_lists_the_new_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/projects/",
        "/api/v1/projects/{project_id}",
        "/api/v1/members/",
    } <= set(schema["paths"])
    projects = schema["paths"]["/api/v1/projects/"]["get"]
    assert projects["summary"] == "Public projects"
    assert {p["name"] for p in projects["parameters"]} >= {"status", "limit", "offset"}
    assert {"ProjectOut", "MemberOut"} <= set(schema["components"]["schemas"])
    cost = schema["components"]["schemas"]["ProjectOut"]["properties"][
        "estimated_cost_minor"
    ]
    assert "minor units" in cost["description"]
