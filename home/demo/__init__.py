"""The demo district's own site: settings, home and standard pages, the plan
with its ranked priorities, indicators and history, and the news. The texts
are in district.toml, pages.toml, plan.toml and news.toml."""

from decimal import Decimal
from zoneinfo import ZoneInfo

from wagtail.models import Site

from bid import demo, languages
from home.models import (
    DistrictPlanPage,
    DistrictSettings,
    HomePage,
    Indicator,
    IndicatorText,
    Measurement,
    NewsIndexPage,
    NewsPage,
    PriorityPage,
    PriorityParty,
    RankingChange,
    StandardPage,
)
from home.services import priorities_reorder, ranking_record_initial
from members.accounts import demo as people
from members.areas.models import Area


def paragraph(html: str) -> list:
    return [("paragraph", html)]


def home_page() -> HomePage:
    """The home page in the main language, parent of every section."""
    return HomePage.objects.get(locale__language_code=languages.default(), depth=2)


def district_settings() -> None:
    site = Site.objects.get(is_default_site=True)
    settings_row, created = DistrictSettings.objects.get_or_create(
        site=site, defaults=demo.data(__file__, "district")["district"]
    )
    if created:
        settings_row.full_clean()


def pages() -> None:
    """The home page filled in every language, then the standard pages."""
    spec = demo.data(__file__, "pages")
    home = home_page()
    if home.latest_revision_id is None:
        _fill_home(home, spec["home"], languages.default())
    for code in languages.translations():
        if not home.has_translation(demo.locale(code)):
            translated = home.copy_for_translation(demo.locale(code))
            _fill_home(translated.specific, spec["home"], code)
    for page in spec["standard_pages"]:
        demo.page_in_every_language(
            parent=home,
            model=StandardPage,
            text={
                "title": page["title"],
                "slug": page["slug"],
                "intro": page["intro"],
                "body": {code: paragraph(html) for code, html in page["body"].items()},
            },
            show_in_menus=True,
        )
    about = StandardPage.objects.child_of(home).get(slug=spec["home"]["hero_cta_page"])
    for page in HomePage.objects.filter(translation_key=home.translation_key):
        if page.hero_cta_page_id is None:
            page.hero_cta_page = about
            page.save(update_fields=["hero_cta_page"])
            page.save_revision().publish()


def _fill_home(home: HomePage, spec: dict, code: str) -> None:
    for field in ("title", "hero_heading", "hero_text", "hero_cta_text", "description"):
        setattr(home, field, spec[field][code])
    home.draft_title = home.title
    home.full_clean()
    home.save_revision().publish()


def plan() -> None:
    """The plan and its priorities in every language, ranked first as the
    annual meeting adopted them and then as the board changed them."""
    home = home_page()
    if DistrictPlanPage.objects.child_of(home).exists():
        _indicator_areas(demo.data(__file__, "plan"))
        return
    spec = demo.data(__file__, "plan")
    text, priorities = spec["plan"], spec["priorities"]
    by_slug = {
        priority["slug"][languages.default()]: priority for priority in priorities
    }
    source = DistrictPlanPage(
        title=text["title"][languages.default()],
        slug=text["slug"][languages.default()],
        intro=text["intro"][languages.default()],
        period_start=text["period_start"],
        period_end=text["period_end"],
        body=_plan_body(text, languages.default()),
        show_in_menus=True,
    )
    home.add_child(instance=source)
    source.save_revision().publish()
    pages = {}
    # The areas demo loads the district's areas before the plan.
    areas = {area.name: area for area in Area.objects.all()}
    for slug in spec["ranking"]["initial_order"]:
        priority = by_slug[slug]
        page = PriorityPage(
            title=priority["title"][languages.default()],
            slug=slug,
            **_priority_fields(priority, text, languages.default(), areas),
        )
        source.add_child(instance=page)
        page.save_revision().publish()
        pages[slug] = page
        _indicators(page, priority, spec["measurements"])
    for code in languages.translations():
        translated = demo.translation_at(source, code, text["slug"][code])
        translated.title = translated.draft_title = text["title"][code]
        translated.intro = text["intro"][code]
        translated.body = _plan_body(text, code)
        translated.save_revision().publish()
        for slug in spec["ranking"]["initial_order"]:
            priority = by_slug[slug]
            page = demo.translation_at(pages[slug], code, priority["slug"][code])
            page.title = page.draft_title = priority["title"][code]
            for field, value in _priority_fields(priority, text, code, areas).items():
                setattr(page, field, value)
            page.full_clean()
            page.save_revision().publish()
    _ranking(source, pages, spec["ranking"], list(by_slug))


def _ranking(plan: DistrictPlanPage, pages: dict, story: dict, order: list) -> None:
    board = people.person("styrelse")
    adopted = ranking_record_initial(
        plan=plan, by=board, rationale=story["adopted"]["rationale"]
    )
    changed = priorities_reorder(
        plan=plan,
        ordered_ids=[pages[slug].pk for slug in order],
        by=board,
        rationale=story["changed"]["rationale"],
    )
    # Date the demo history as the story tells it.
    zone = ZoneInfo(story["timezone"])
    for change, step in ((adopted, "adopted"), (changed, "changed")):
        when = story[step]["at"].replace(tzinfo=zone)
        RankingChange.objects.filter(pk=change.pk).update(changed_at=when)
    # A change the board has submitted and the secretariat has yet to approve.
    pending = PriorityPage.objects.get(pk=pages[story["pending"]["priority"]].pk)
    pending.summary = story["pending"]["summary"]
    pending.save_revision(user=board)
    pending.get_workflow().start(pending, board)


def _plan_body(text: dict, code: str) -> list:
    return [
        ("paragraph", text["vision"][code]),
        (
            "figures",
            {
                "heading": text["figures_heading"][code],
                "figures": [
                    {"value": figure["value"], "label": figure["label"][code]}
                    for figure in text["figures"]
                ],
            },
        ),
        (
            "budget_summary",
            {
                "heading": text["budget_heading"][code],
                "year": text["budget_year"],
                "currency": text["currency"],
                "lines": [
                    {"item": line["item"][code], "amount": line["amount"]}
                    for line in text["budget_lines"]
                ],
            },
        ),
    ]


def _priority_fields(priority: dict, plan_text: dict, code: str, areas: dict) -> dict:
    budget = priority.get("budget_amount_minor")
    return {
        "summary": priority["summary"][code],
        "status": priority["status"],
        "budget_year": plan_text["budget_year"] if budget is not None else None,
        "budget_amount_minor": budget,
        "budget_currency": plan_text["currency"],
        "district_areas": [areas[name] for name in priority["areas"]],
        "show_in_menus": False,
        "responsible_parties": [
            PriorityParty(
                name=party["name"], role=party["role"][code] if "role" in party else ""
            )
            for party in priority["parties"]
        ],
    }


def _indicators(page: PriorityPage, priority: dict, dates: dict) -> None:
    for order, item in enumerate(priority["indicators"]):
        baseline = Decimal(str(item["baseline"]))
        target = Decimal(str(item["target"]))
        indicator = Indicator(
            priority=page,
            name=item["name"][languages.default()],
            unit=item["unit"][languages.default()],
            direction=item["direction"],
            baseline_value=baseline,
            baseline_date=dates["baseline_date"],
            target_value=target,
            target_date=dates["target_date"],
            is_headline=item["headline"],
            sort_order=order,
            area=Area.objects.filter(slug=item.get("area")).first(),
        )
        indicator.full_clean()
        indicator.save()
        for code in languages.translations():
            text = IndicatorText(
                indicator=indicator,
                locale=demo.locale(code),
                name=item["name"][code],
                unit=item["unit"][code],
            )
            text.full_clean()
            text.save()
        for measured_on, share in zip(
            dates["measured_on"], item["progress"], strict=True
        ):
            # As precise as the plan's own figures: whole jobs stay whole.
            exponent = min(baseline.as_tuple().exponent, target.as_tuple().exponent)
            value = baseline + (target - baseline) * Decimal(str(share))
            measurement = Measurement(
                indicator=indicator,
                measured_on=measured_on,
                value=value.quantize(Decimal(1).scaleb(exponent)),
                source=item["source"],
            )
            measurement.full_clean()
            measurement.save()


def _indicator_areas(spec: dict) -> None:
    """A plan loaded before indicators had areas learns them."""
    for priority in spec["priorities"]:
        for item in priority["indicators"]:
            if "area" in item:
                Indicator.objects.filter(
                    name=item["name"][languages.default()], area=None
                ).update(area=Area.objects.filter(slug=item["area"]).first())


def news() -> None:
    """The news index and its articles, each in every language."""
    home = home_page()
    if NewsIndexPage.objects.child_of(home).exists():
        return
    spec = demo.data(__file__, "news")
    index = demo.page_in_every_language(
        parent=home, model=NewsIndexPage, text=spec["index"], show_in_menus=True
    )
    for article in spec["articles"]:
        demo.page_in_every_language(
            parent=index,
            model=NewsPage,
            text={
                "title": article["title"],
                "slug": article["slug"],
                "summary": article["summary"],
                "body": {
                    code: paragraph(f"<p>{summary}</p>")
                    for code, summary in article["summary"].items()
                },
            },
            published_on=article["published_on"],
        )
