"""The activity report drafted from the data: the year's figures match the
ledger and the registers, regenerating is idempotent, the PDF holds the key
figures, and only the secretariat generates it."""

import datetime
import io
import re
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone, translation
from pypdf import PdfReader
from wagtail.models import Locale

from bid.money import format_money
from home.annual_report import annual_report_generate
from home.models import AnnualReportIndexPage, AnnualReportPage
from members.areas.models import (
    ActionItem,
    ActionUpdate,
    AreaStatus,
    SafetyWalk,
    WeekPicture,
)
from members.contributions import services as ledger
from members.contributions.models import Contribution, ContributionScheme
from members.contributions.selectors import years_overview
from members.enrolment.models import Membership
from members.meetings.models import Visibility
from members.projects.models import Evaluation, Expenditure, FundingLine, Milestone
from members.proposals.models import Proposal
from tests.factories.accounts import BoardUserFactory, SecretariatUserFactory
from tests.factories.areas import area
from tests.factories.contributions import SchemeFactory, member
from tests.factories.meetings import BodyFactory, published_meeting
from tests.factories.pages import district_settings, site_home
from tests.factories.plan import (
    IndicatorFactory,
    MeasurementFactory,
    plan_with_priorities,
)
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db

YEAR = 2026


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))


def report_index(home=None) -> AnnualReportIndexPage:
    home = home or site_home()
    index = AnnualReportIndexPage(
        title="Verksamhetsberättelser", slug="verksamhetsberattelser"
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def year_data():
    """A year of the district: three members at year end (one joined, one
    left), contributions partly paid, decisions, a project and an area."""
    district_settings()
    home = site_home()
    plan, (priority,) = plan_with_priorities(home, 1)
    indicator = IndicatorFactory(priority=priority, name="Nöjda besökare")
    MeasurementFactory(indicator=indicator, value=61)
    report_index(home)

    alfa, _ = member(legal_name="Alfa AB", since=datetime.date(2025, 1, 1))
    beta, _ = member(legal_name="Beta AB", since=datetime.date(2025, 1, 1))
    gone, _ = member(legal_name="Gamma AB", since=datetime.date(2024, 1, 1))
    SchemeFactory(year=YEAR, due_date=datetime.date(2026, 3, 31))
    ledger.contributions_issue(
        scheme=ContributionScheme.objects.get(year=YEAR),
        on=datetime.date(2026, 1, 15),
    )
    Membership.objects.filter(organisation=gone).update(
        ends_on=datetime.date(2026, 6, 30)
    )
    member(legal_name="Delta AB", since=datetime.date(2026, 5, 1))
    paid = Contribution.objects.get(organisation=alfa, year=YEAR)
    ledger.entry_record(
        contribution=paid,
        kind="bank_payment",
        source="bank",
        external_id="bank-1",
        amount_minor=paid.amount_minor,
        occurred_on=datetime.date(2026, 3, 20),
    )
    part = Contribution.objects.get(organisation=beta, year=YEAR)
    ledger.entry_record(
        contribution=part,
        kind="bank_payment",
        source="bank",
        external_id="bank-2",
        amount_minor=5_000_00,
        occurred_on=datetime.date(2026, 4, 2),
    )

    body = BodyFactory(name="Styrelsen")
    published_meeting(
        body=body,
        starts_at=at(datetime.date(2026, 4, 14)),
        decisions=("Beslut om belysning vid kajen", "Beslut om städdagar"),
    )
    published_meeting(
        body=body,
        starts_at=at(datetime.date(2026, 9, 8)),
        visibility=Visibility.BOARD,
        decisions=("Styrelsens interna beslut",),
    )
    published_meeting(
        body=body,
        starts_at=at(datetime.date(2025, 11, 4)),
        decisions=("Beslut från förra året",),
    )

    project = ProposalFactory(
        title="Ljus på kajen",
        priority=priority,
        organisation=alfa,
        status=Proposal.Status.IN_PROGRESS,
        decided_at=at(datetime.date(2026, 2, 10)),
        estimated_cost_minor=300_000_00,
    )
    FundingLine.objects.create(
        project=project, party="bid", amount_minor=150_000_00, status="paid"
    )
    FundingLine.objects.create(
        project=project,
        party="municipality",
        party_name="Staden",
        amount_minor=100_000_00,
        status="decided",
    )
    FundingLine.objects.create(
        project=project,
        party="member",
        organisation=beta,
        amount_minor=50_000_00,
        status="pledged",
    )
    Expenditure.objects.create(
        project=project,
        spent_on=datetime.date(2026, 6, 1),
        description="Armaturer",
        amount_minor=120_000_00,
    )
    Milestone.objects.create(
        project=project,
        title="Upphandling",
        due_on=datetime.date(2026, 4, 1),
        state="done",
        done_on=datetime.date(2026, 3, 28),
    )
    Milestone.objects.create(
        project=project, title="Montering", due_on=datetime.date(2027, 2, 1)
    )
    closed = ProposalFactory(
        title="Blomlådor",
        priority=priority,
        organisation=beta,
        status=Proposal.Status.COMPLETED,
        decided_at=at(datetime.date(2025, 3, 1)),
        closed_at=at(datetime.date(2026, 5, 30)),
    )
    Evaluation.objects.create(
        project=closed,
        what_was_done="Trettio lådor längs gågatan.",
        cost_minor=40_000_00,
        repeat="Plantera tidigt på våren.",
        visibility="public",
    )

    kajen = area("Kajen", alfa)
    for week, colour, incidents in ((10, "red", 4), (11, "green", 1), (12, "red", 2)):
        picture = WeekPicture.objects.create(year=YEAR, week=week)
        AreaStatus.objects.create(
            picture=picture, area=kajen, colour=colour, score=3, incidents=incidents
        )
    walk = SafetyWalk.objects.create(
        date=datetime.date(2026, 5, 5), area=kajen, route="Längs kajen"
    )
    walk.parties.set([alfa])
    action = ActionItem.objects.create(
        title="Byt lampor",
        area=kajen,
        addressed_to=alfa,
        due_date=datetime.date(2026, 6, 1),
        status=ActionItem.Status.DONE,
    )
    ActionUpdate.objects.create(item=action, status=ActionItem.Status.DONE)
    ActionUpdate.objects.filter(item=action).update(at=at(datetime.date(2026, 5, 20)))
    return {"plan": plan, "priority": priority, "project": project}


def latest(page: AnnualReportPage) -> AnnualReportPage:
    return AnnualReportPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_report_counts_the_contributions_exactly_as_the_ledger(year_data):
    result = annual_report_generate(year=YEAR, by=SecretariatUserFactory())
    contributions = latest(result.page).figures["contributions"]

    overview = next(row for row in years_overview() if row["year"] == YEAR)
    assert contributions["due"] == overview["due"]
    assert contributions["paid"] == overview["collected"]
    assert contributions["outstanding"] == overview["outstanding"]
    invoices = Contribution.objects.filter(year=YEAR, kind="annual")
    due = invoices.aggregate(total=Sum("amount_minor"))["total"]
    paid = invoices.get(organisation__legal_name="Alfa AB").amount_minor + 5_000_00
    assert (contributions["count"], contributions["due"]) == (3, due)
    assert contributions["paid"] == paid
    assert contributions["outstanding"] == due - paid


def test_report_holds_the_years_membership_decisions_projects_and_areas(year_data):
    figures = latest(annual_report_generate(year=YEAR).page).figures

    # Alfa, Beta and Delta at year end; Delta joined, Gamma left.
    assert figures["membership"] == {"at_year_end": 3, "joined": 1, "left": 1}
    assert figures["decisions"]["count"] == 3
    assert [d["text"] for d in figures["decisions"]["public"]] == [
        "Beslut om belysning vid kajen",
        "Beslut om städdagar",
    ]
    projects = {p["title"]: p for p in figures["projects"]["items"]}
    assert set(projects) == {"Ljus på kajen", "Blomlådor"}
    light = projects["Ljus på kajen"]
    assert (light["pledged"], light["partners"], light["received"]) == (
        300_000_00,
        100_000_00,
        150_000_00,
    )
    assert light["spent"] == 120_000_00
    assert (light["milestones_done"], light["milestones_total"]) == (1, 2)
    assert projects["Blomlådor"]["lesson"] == "Plantera tidigt på våren."
    assert figures["projects"]["completed"] == 1
    (kajen,) = figures["areas"]
    assert (kajen["green"], kajen["yellow"], kajen["red"]) == (1, 0, 2)
    assert (kajen["incidents"], kajen["walks"], kajen["actions_done"]) == (7, 1, 1)
    (priority,) = figures["priorities"]
    assert priority["indicators"][0]["name"] == "Nöjda besökare"


def test_published_report_shows_the_figures_and_public_decisions_only(
    client, year_data
):
    page = annual_report_generate(year=YEAR).page
    page.get_latest_revision().publish()
    page.refresh_from_db()
    figures = page.figures

    html = client.get(page.url).content.decode()
    assert "Beslut om belysning vid kajen" in html
    assert "Styrelsens interna beslut" not in html
    contributions = figures["contributions"]
    for amount in ("due", "paid", "outstanding"):
        assert format_money(contributions[amount], "SEK") in html
    assert "Ljus på kajen" in html
    assert "/charts/indicators/" in html
    index = client.get(page.get_parent().url).content.decode()
    assert page.title in index


def test_report_pages_stay_within_the_query_budget(
    client, settings, year_data, django_assert_max_num_queries
):
    # As in production and tests/members/test_portal_query_budget.py: the
    # fragments every visitor shares are cached, the pages themselves not.
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    page = annual_report_generate(year=YEAR).page
    page.get_latest_revision().publish()
    page.refresh_from_db()
    for url in (page.url, page.get_parent().url):
        client.get(url)  # per-process caches
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200


def test_regenerating_keeps_one_draft_with_a_new_revision(year_data):
    first = annual_report_generate(year=YEAR)
    Membership.objects.filter(organisation__legal_name="Beta AB").update(
        ends_on=datetime.date(2026, 10, 1)
    )
    second = annual_report_generate(year=YEAR)

    assert first.created and not second.created
    assert AnnualReportPage.objects.count() == 1
    assert second.page.pk == first.page.pk
    assert AnnualReportPage.objects.get().revisions.count() == 2
    assert latest(first.page).figures["membership"]["left"] == 2
    with translation.override("en"):
        assert "draft was updated" in second.message


def test_regenerating_a_published_report_leaves_its_live_content(year_data):
    page = annual_report_generate(year=YEAR).page
    page.get_latest_revision().publish()
    page.refresh_from_db()
    live_members = page.figures["membership"]["at_year_end"]
    Membership.objects.filter(organisation__legal_name="Beta AB").update(
        ends_on=datetime.date(2026, 10, 1)
    )

    result = annual_report_generate(year=YEAR)

    page.refresh_from_db()
    assert page.live and page.has_unpublished_changes
    assert page.figures["membership"]["at_year_end"] == live_members
    assert latest(page).figures["membership"]["at_year_end"] == live_members - 1
    assert result.was_live
    with translation.override("en"):
        assert "saved as a draft" in result.message


def test_the_command_is_idempotent(year_data):
    for _ in range(2):
        out = StringIO()
        call_command("annual_report", "--year", str(YEAR), stdout=out)
    assert AnnualReportPage.objects.filter(year=YEAR).count() == 1
    page = AnnualReportPage.objects.get()
    assert not page.live
    assert page.revisions.count() == 2
    assert f"/admin/pages/{page.pk}/edit/" in out.getvalue()


def test_generating_needs_the_reports_section():
    AnnualReportIndexPage.objects.all().delete()
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="activity reports section"),
    ):
        annual_report_generate(year=YEAR)


def test_only_the_secretariat_generates_the_report(year_data):
    with pytest.raises(PermissionDenied):
        annual_report_generate(year=YEAR, by=BoardUserFactory())
    assert not AnnualReportPage.objects.exists()


def test_pdf_opens_and_holds_the_key_figures(client, year_data):
    page = annual_report_generate(year=YEAR).page
    page.get_latest_revision().publish()
    page.refresh_from_db()

    response = client.get(page.url + "pdf/")

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    contributions = page.figures["contributions"]
    for amount in ("due", "paid", "outstanding"):
        expected = format_money(contributions[amount], "SEK")
        assert re.sub(r"\s+", " ", expected) in text
    assert "Beslut om belysning vid kajen" in text
    assert "Ljus på kajen" in text
    assert page.title in text


def test_a_draft_report_and_its_pdf_are_not_public(client, year_data):
    page = annual_report_generate(year=YEAR).page
    assert client.get(f"/verksamhetsberattelser/{YEAR}/").status_code == 404
    assert client.get(f"/verksamhetsberattelser/{YEAR}/pdf/").status_code == 404
    assert page.title not in client.get("/verksamhetsberattelser/").content.decode()


def test_the_admin_button_is_for_the_secretariat(client_for, year_data):
    index = AnnualReportIndexPage.objects.get()
    url = "/admin/annual-report/generate/"

    board = client_for("board")
    assert board.get(url).status_code == 302
    assert board.post(url, {"year": YEAR}).status_code == 302
    assert not AnnualReportPage.objects.exists()
    assert url not in board.get(f"/admin/pages/{index.pk}/").content.decode()

    secretariat = client_for("secretariat")
    assert url in secretariat.get(f"/admin/pages/{index.pk}/").content.decode()
    assert secretariat.get(url + "?year=2026").status_code == 200
    response = secretariat.post(url, {"year": YEAR})
    page = AnnualReportPage.objects.get()
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live


def test_the_board_submits_the_draft_and_the_secretariat_publishes_it(year_data):
    board, secretariat = BoardUserFactory(), SecretariatUserFactory()
    page = annual_report_generate(year=YEAR, by=secretariat).page
    assert not page.permissions_for_user(board).can_publish()
    assert page.permissions_for_user(board).can_edit()

    draft = latest(page)
    draft.summary = "Styrelsens sammanfattning av året."
    draft.save_revision(user=board)
    state = page.get_workflow().start(page, board)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, secretariat, "approve")

    page.refresh_from_db()
    assert page.live
    assert page.summary == "Styrelsens sammanfattning av året."


def test_the_index_falls_back_to_the_main_languages_report(client, year_data):
    page = annual_report_generate(year=YEAR).page
    page.get_latest_revision().publish()
    index = AnnualReportIndexPage.objects.get()
    site_home("en")
    english = index.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    english.refresh_from_db()

    html = client.get(english.url).content.decode()

    assert 'lang="sv"' in html and page.title in html
