"""The district plan and its ranked priorities on the public site."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import PriorityPage, RankingChange
from home.selectors import priorities_ranked
from home.services import priorities_reorder
from tests.factories.accounts import BoardUserFactory, MemberUserFactory
from tests.factories.pages import site_home
from tests.factories.plan import (
    IndicatorFactory,
    MeasurementFactory,
    PriorityPageFactory,
    plan_with_priorities,
)

pytestmark = pytest.mark.django_db


def titles_in_order(html: str, titles: list[str]) -> list[str]:
    found = [(html.index(title), title) for title in titles if title in html]
    return [title for _position, title in sorted(found)]


def translate_plan(plan, priorities, code):
    """Translate the plan and its priorities into another language."""
    locale = site_home(code).locale
    translated = plan.copy_for_translation(locale)
    translated.save_revision().publish()
    pages = []
    for priority in priorities:
        page = priority.copy_for_translation(locale)
        page.title = f"{priority.title} ({code})"
        page.save_revision().publish()
        pages.append(page)
    return translated, pages


def test_plan_page_lists_priorities_in_tree_order_with_status(client):
    plan, (first, second, third) = plan_with_priorities(site_home(), 3)
    second.status = PriorityPage.Status.PAUSED
    second.save_revision().publish()

    html = client.get("/plan/").content.decode()

    assert titles_in_order(html, [third.title, first.title, second.title]) == [
        first.title,
        second.title,
        third.title,
    ]
    assert "badge--paused" in html
    assert "/plan/history/" in html


def test_plan_page_shows_the_headline_indicator_progress(client):
    plan, (priority,) = plan_with_priorities(site_home(), 1)
    indicator = IndicatorFactory(priority=priority, name="Trygghet")
    MeasurementFactory(indicator=indicator, value=60)

    html = client.get("/plan/").content.decode()

    assert "Trygghet" in html
    assert '<progress max="100" value="50">' in html


def test_draft_priorities_are_not_listed_and_answer_404(client):
    plan, (published,) = plan_with_priorities(site_home(), 1)
    draft = PriorityPageFactory(parent=plan, title="Hemlig plan", slug="hemlig")
    draft.unpublish()

    assert "Hemlig plan" not in client.get("/plan/").content.decode()
    assert client.get("/plan/hemlig/").status_code == 404


def queries_for(client, url) -> int:
    client.get(url)  # warm per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_priorities(plan, count):
    for _ in range(count):
        priority = PriorityPageFactory(parent=plan)
        MeasurementFactory(indicator=IndicatorFactory(priority=priority))


def test_plan_page_query_count_is_the_same_for_6_and_60_priorities(client):
    plan, _none = plan_with_priorities(site_home(), 0)
    add_priorities(plan, 6)
    with_6, html_6 = queries_for(client, "/plan/")
    add_priorities(plan, 54)
    with_60, html_60 = queries_for(client, "/plan/")

    assert html_6.count('class="priority-card"') == 6
    assert html_60.count('class="priority-card"') == 60
    assert with_6 == with_60


def test_priority_page_shows_rank_budget_parties_and_indicator_table(client):
    plan, (first, second) = plan_with_priorities(site_home(), 2)
    second.budget_year = 2026
    second.budget_amount_minor = 1_250_000_00
    second.responsible_parties.create(name="Polisen", role="samverkan")
    second.save_revision().publish()
    indicator = IndicatorFactory(priority=second, name="Trygghet", unit="%")
    MeasurementFactory(indicator=indicator, value="61.5", source="Enkäten 2025")

    html = client.get(second.url).content.decode()

    assert "Prioritering 2" in html
    assert "1\xa0250\xa0000\xa0kr" in html
    assert "Polisen (samverkan)" in html
    assert f'src="/charts/indicators/{indicator.pk}.svg"' in html
    assert "Enkäten 2025" in html
    assert "61,5\xa0%" in html or "61,5 %" in html


def test_indicator_chart_is_an_svg_for_public_priorities_only(client):
    plan, (public,) = plan_with_priorities(site_home(), 1)
    draft = PriorityPageFactory(parent=plan, slug="utkast")
    draft.unpublish()
    shown = IndicatorFactory(priority=public)
    MeasurementFactory(indicator=shown, value=55)
    hidden = IndicatorFactory(priority=draft)

    response = client.get(f"/en/charts/indicators/{shown.pk}.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg")
    assert "<script" not in svg.split("<defs>")[0]
    assert "Target" in svg and "Baseline" in svg
    assert client.get(f"/charts/indicators/{hidden.pk}.svg").status_code == 404
    assert client.get("/charts/indicators/999999.svg").status_code == 404


def test_indicator_names_follow_the_language(client):
    plan, (priority,) = plan_with_priorities(site_home(), 1)
    IndicatorFactory(
        priority=priority, name="Trygga kvällar", texts={"en": "Safe evenings"}
    )
    _translated_plan, (english,) = translate_plan(plan, [priority], "en")

    assert "Safe evenings" in client.get(english.url).content.decode()
    assert "Trygga kvällar" in client.get(priority.url).content.decode()


def test_indicator_units_follow_the_language_and_missing_texts_fall_back(client):
    plan, (priority,) = plan_with_priorities(site_home(), 1)
    IndicatorFactory(
        priority=priority,
        name="Skräp på gatan",
        unit="platser",
        texts={"en": ("Litter on the street", "spots"), "da": "Affald på gaden"},
    )
    IndicatorFactory(priority=priority, name="Trygga kvällar", unit="procent")
    _plan, (english,) = translate_plan(plan, [priority], "en")
    _plan, (norwegian,) = translate_plan(plan, [priority], "nb")

    html = client.get(english.url).content.decode()
    assert "Litter on the street (spots)" in html
    # No English text: the main language's name and unit, not another language's.
    assert "Trygga kvällar (procent)" in html
    assert "Affald" not in html and "Skräp" not in html
    norwegian_html = client.get(norwegian.url).content.decode()
    assert "Skräp på gatan (platser)" in norwegian_html
    assert "Litter" not in norwegian_html and "Affald" not in norwegian_html


def add_indicators(priority, count):
    for _ in range(count):
        indicator = IndicatorFactory(
            priority=priority, texts={"en": "In English", "da": "På dansk"}
        )
        MeasurementFactory(indicator=indicator)


def test_translated_pages_query_count_is_the_same_for_2_and_20_indicators(client):
    plan, (priority,) = plan_with_priorities(site_home(), 1)
    english_plan, (english,) = translate_plan(plan, [priority], "en")
    add_indicators(priority, 2)
    plan_2, plan_html_2 = queries_for(client, english_plan.url)
    priority_2, priority_html_2 = queries_for(client, english.url)
    add_indicators(priority, 18)
    plan_20, _plan_html = queries_for(client, english_plan.url)
    priority_20, priority_html_20 = queries_for(client, english.url)

    assert "In English" in plan_html_2
    assert priority_html_2.count('<h3 id="indicator-') == 2
    assert priority_html_20.count('<h3 id="indicator-') == 20
    assert priority_html_20.count("In English") >= 20
    assert (plan_2, priority_2) == (plan_20, priority_20)


# Ranking


def test_reorder_moves_priorities_in_every_language_and_records_why():
    board = BoardUserFactory(first_name="Johan", last_name="Berg")
    plan, (a, b, c) = plan_with_priorities(site_home(), 3)
    english_plan, english_pages = translate_plan(plan, [a, b, c], "en")

    change = priorities_reorder(
        plan=plan, ordered_ids=[c.pk, a.pk, b.pk], by=board, rationale="Årsmötet § 5"
    )

    assert [p.pk for p in priorities_ranked(plan=plan)] == [c.pk, a.pk, b.pk]
    assert [p.translation_key for p in priorities_ranked(plan=english_plan)] == [
        c.translation_key,
        a.translation_key,
        b.translation_key,
    ]
    assert change.changed_by_name == "Johan Berg"
    assert change.rationale == "Årsmötet § 5"
    assert [entry["key"] for entry in change.ranking_before] == [
        str(p.translation_key) for p in (a, b, c)
    ]


@pytest.mark.parametrize(
    ("order", "rationale"),
    [("missing", "Skäl"), ("same", "Skäl"), ("reordered", "   "), ("foreign", "Skäl")],
)
def test_reorder_refuses_bad_input_and_changes_nothing(order, rationale):
    board = BoardUserFactory()
    plan, (a, b, c) = plan_with_priorities(site_home(), 3)
    other_plan, (stranger,) = plan_with_priorities(site_home("en"), 1, slug="other")
    ids = {
        "missing": [b.pk, a.pk],
        "same": [a.pk, b.pk, c.pk],
        "reordered": [b.pk, a.pk, c.pk],
        "foreign": [b.pk, a.pk, stranger.pk],
    }[order]

    with pytest.raises(ValidationError):
        priorities_reorder(plan=plan, ordered_ids=ids, by=board, rationale=rationale)

    assert [p.pk for p in priorities_ranked(plan=plan)] == [a.pk, b.pk, c.pk]
    assert not RankingChange.objects.exists()


def test_members_cannot_reorder():
    plan, (a, b) = plan_with_priorities(site_home(), 2)
    with pytest.raises(PermissionDenied):
        priorities_reorder(
            plan=plan, ordered_ids=[b.pk, a.pk], by=MemberUserFactory(), rationale="x"
        )
    assert [p.pk for p in priorities_ranked(plan=plan)] == [a.pk, b.pk]


def test_nobody_can_drag_reorder_priorities_in_the_explorer(admin_user):
    plan, _priorities = plan_with_priorities(site_home(), 2)
    assert not plan.permissions_for_user(admin_user).can_reorder_children()


def test_history_page_shows_each_change_with_author_and_rationale(client):
    board = BoardUserFactory(first_name="Johan", last_name="Berg")
    plan, (a, b) = plan_with_priorities(site_home(), 2)
    priorities_reorder(
        plan=plan, ordered_ids=[b.pk, a.pk], by=board, rationale="Enkäten"
    )

    html = client.get("/en/plan/history/").content.decode()
    assert client.get("/plan/history/").status_code == 200
    html = client.get("/plan/history/").content.decode()

    assert "Johan Berg" in html
    assert "Enkäten" in html
    assert html.index(b.title) < html.index(a.title)
    assert 'class="moved"' in html


# The ranking form in the admin


def test_board_ranks_priorities_through_the_admin_form(client_for):
    board = BoardUserFactory()
    client = client_for("board", user=board)
    plan, (a, b, c) = plan_with_priorities(site_home(), 3)
    url = f"/admin/plan/{plan.pk}/rank/"

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            f"rank_{a.pk}": 2,
            f"rank_{b.pk}": 1,
            f"rank_{c.pk}": 3,
            "rationale": "Beslut § 4 i mars",
        },
    )

    assert response.status_code == 302
    assert [p.pk for p in priorities_ranked(plan=plan)] == [b.pk, a.pk, c.pk]
    assert RankingChange.objects.get().changed_by == board


@pytest.mark.parametrize(
    "data",
    [
        {"ranks": (1, 1, 3), "rationale": "Ett skäl som är långt nog"},
        {"ranks": (1, 2, 3), "rationale": "Ett skäl som är långt nog"},
        {"ranks": (2, 1, 3), "rationale": "kort"},
    ],
)
def test_ranking_form_rejects_bad_input_and_changes_nothing(client_for, data):
    client = client_for("board")
    plan, pages = plan_with_priorities(site_home(), 3)
    post = {
        f"rank_{page.pk}": rank for page, rank in zip(pages, data["ranks"], strict=True)
    }
    post["rationale"] = data["rationale"]

    response = client.post(f"/admin/plan/{plan.pk}/rank/", post)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert [p.pk for p in priorities_ranked(plan=plan)] == [p.pk for p in pages]
    assert not RankingChange.objects.exists()
