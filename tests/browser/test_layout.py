"""The layout on a 360px phone and a 1280px screen, for every role.

The sweep loads the demo district once and walks every kind of page each role
reaches by following links (one page per URL name, one Wagtail page per level
of each section), checking each on both widths (the page loaded once, on the
wide screen, then narrowed to the phone's): nothing scrolls the page sideways,
axe-core finds nothing, the header's and the portal's links and buttons are at
least 44px tall, chart and map text renders at 12px or more, and keyboard focus
is visible. The smaller tests build their own data: the menu button works
without JavaScript, the phone header is short, and the links fit the role.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from wagtail import views as wagtail_views

from home.management.commands.load_demo_data import DEMO_DOMAIN
from members.accounts.models import User
from members.enrolment.pages import JoinPage
from tests.browser.sessions import sign_in
from tests.factories.accounts import (
    AdminUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
    enrol_in_two_factor,
)
from tests.factories.contributions import member
from tests.factories.pages import district_settings, site_home

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 740}
TALL_PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Not pages: files, feeds, other languages (the language tests cover them),
# the admin (visited by name below), actions behind a link.
SKIPPED = re.compile(
    r"^/(admin|documents|static|media|api/v\d+|charts|stripe|da|nb|en)(/|$)"
    r"|\.(pdf|xml|csv|svg|json|ics|atom|rss|zip|png|jpe?g)$"
    r"|^/accounts/(logout|delete|data/download)/"
    r"|^/portal/(digest/unsubscribe|notifications/\d+|meeting-files/\d+)/"
)
NAV_CONTROLS = (
    ".site-header a, .site-header button, .site-header summary, "
    ".site-header input, .portal-nav a, .breadcrumbs a[href]"
)

# Returns what is wrong with the page as it is rendered now.
MEASURE = """(controls) => {
    const problems = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
        const wide = [...document.querySelectorAll("body *")].filter((el) => {
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.right <= root.clientWidth + 1) return false;
            for (let up = el.parentElement; up; up = up.parentElement) {
                if (getComputedStyle(up).overflowX !== "visible") return false;
            }
            return true;
        }).slice(0, 3).map((el) => el.tagName.toLowerCase() + "." + el.className);
        problems.push(
            `scrolls sideways: ${root.scrollWidth} > ${root.clientWidth} ${wide}`
        );
    }
    for (const el of document.querySelectorAll(controls)) {
        if (!el.checkVisibility({ visibilityProperty: true })) continue;
        const box = el.getBoundingClientRect();
        if (box.height < 43.5) {
            const html = el.outerHTML.slice(0, 80);
            problems.push(`${Math.round(box.height)}px tall: ${html}`);
        }
    }
    for (const text of document.querySelectorAll("svg text")) {
        if (text.getClientRects().length === 0 || !text.textContent.trim()) continue;
        const matrix = text.getScreenCTM();
        const size = parseFloat(getComputedStyle(text).fontSize)
            * Math.hypot(matrix.a, matrix.b);
        if (size < 11.95) {
            problems.push(`SVG text ${size.toFixed(1)}px: ${text.textContent.trim()}`);
        }
    }
    return problems;
}"""

# The smallest visible text of an SVG chart opened at the width it is shown.
SMALLEST_SVG_TEXT = """() => {
    let smallest = Infinity;
    for (const text of document.querySelectorAll("text")) {
        const box = text.getBoundingClientRect();
        if (box.width === 0 || !text.textContent.trim()) continue;
        const style = getComputedStyle(text);
        if (style.visibility === "hidden" || style.display === "none") continue;
        let shown = true;
        for (let up = text; up && up.tagName !== "svg"; up = up.parentElement) {
            const own = getComputedStyle(up);
            if (own.display === "none" || own.opacity === "0") shown = false;
        }
        if (!shown) continue;
        const matrix = text.getScreenCTM();
        smallest = Math.min(
            smallest, parseFloat(style.fontSize) * Math.hypot(matrix.a, matrix.b)
        );
    }
    return smallest;
}"""

FOCUS_SHOWN = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "nothing has focus";
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    if (outline || style.boxShadow !== "none") return "";
    return `no focus indicator on ${el.outerHTML.slice(0, 80)}`;
}"""

STOPS_BEFORE_MAIN = """() => {
    const main = document.getElementById("main-content");
    const focusable = document.querySelectorAll(
        'a[href], button, input:not([type="hidden"]), select, textarea, summary, '
        + '[tabindex]:not([tabindex="-1"])'
    );
    return [...focusable].filter((el) =>
        el.checkVisibility({ visibilityProperty: true })
        && el.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING
        && !main.contains(el)
    ).length;
}"""


def page_key(path: str):
    """One visit per kind of page: the URL name, or for a page of the Wagtail
    tree its section and level; None for what is not a page to visit."""
    if SKIPPED.search(path):
        return None
    with translation.override("sv"):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    if match.func is wagtail_views.serve:
        parts = [part for part in path.split("/") if part]
        return ("page", parts[0] if parts else "", len(parts))
    return (match.namespace, match.url_name)


def signed_in(browser, live_server, user, viewport):
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport=viewport
    )
    context.set_default_timeout(15_000)
    if user is not None:
        sign_in(context, user, live_server.url)
    return context


def check(page, axe, problems, label):
    """Everything the layout promises on the page now shown, problems noted."""
    found = [f"{label}: {problem}" for problem in page.evaluate(MEASURE, NAV_CONTROLS)]
    violations = axe.run(page).response["violations"]
    found += [
        f"{label}: axe {v['id']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]
    for image in page.locator("main img[src*='.svg']").all()[:2]:
        width = image.evaluate("img => img.getBoundingClientRect().width")
        if width:
            found += chart_text(page, image.get_attribute("src"), width, label)
    problems.extend(found)


def chart_text(page, src, width, label):
    chart = page.context.new_page()
    chart.set_viewport_size({"width": max(int(width), 1), "height": 800})
    chart.goto(src)
    smallest = chart.evaluate(SMALLEST_SVG_TEXT)
    chart.close()
    if smallest < 11.95:
        return [f"{label}: chart {src} text {smallest:.1f}px at {width:.0f}px wide"]
    return []


def focus_problems(page, label):
    problems = []
    page.locator("body").click(position={"x": 1, "y": 1})
    for _ in range(3):
        page.keyboard.press("Tab")
        message = page.evaluate(FOCUS_SHOWN)
        if message:
            problems.append(f"{label}: {message}")
    return problems


def both_widths(page, axe, problems, path, *, focus=False):
    """The page now shown checked on a wide screen, then on a phone: the same
    document narrowed to 360px, where the stylesheet's phone rules apply as on
    a phone that loaded it (one visit a page instead of two)."""
    check(page, axe, problems, f"{path} at 1280")
    page.set_viewport_size(PHONE)
    check(page, axe, problems, f"{path} at 360")
    if focus:
        problems.extend(focus_problems(page, f"{path} at 360"))
    page.set_viewport_size(DESKTOP)


def sweep(browser, live_server, axe, user, starts, *, follow=r"", extra=()):
    """Follows links (to paths matching `follow`) from `starts`, checking each
    page on a wide screen and on a phone; returns the problems found and the
    paths seen."""
    problems, paths, keys = [], [], set()
    context = signed_in(browser, live_server, user, DESKTOP)
    page = context.new_page()
    queue = list(starts)
    while queue:
        path = queue.pop(0)
        key = page_key(urlsplit(path).path)
        if key is None or key in keys:
            continue
        keys.add(key)
        try:
            response = page.goto(path)
        except PlaywrightError as error:
            # A file served as an attachment (a meeting's document) is not a page.
            if "Download is starting" in str(error):
                continue
            raise
        # A link to what this role may not open is the permission matrix's
        # business; files (photos, JSON) are not pages.
        if response is not None and response.status == 403:
            continue
        if response is None or response.status >= 400:
            problems.append(f"{path}: answered {response and response.status}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        paths.append(path)
        # Links are read on the wide screen, where every menu shows them.
        links = page.eval_on_selector_all(
            "a[href]:not([download])", "links => links.map(a => a.href)"
        )
        both_widths(page, axe, problems, path, focus=len(paths) <= 5)
        for href in links:
            parts = urlsplit(href)
            if parts.netloc == urlsplit(live_server.url).netloc and re.match(
                follow, parts.path
            ):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    for path in extra:
        page.goto(path)
        paths.append(path)
        both_widths(page, axe, problems, path)
    context.close()
    return problems, paths


def test_every_page_of_every_role_fits_a_phone_and_a_wide_screen(
    browser, live_server, axe, capsys
):
    call_command("load_demo_data")
    capsys.readouterr()
    person = {
        name: User.objects.get(email=f"{name}@{DEMO_DOMAIN}")
        for name in ("karin", "styrelse", "sekretariat")
    }
    # Staff have set up their authenticator app, as the admin requires.
    enrol_in_two_factor(person["styrelse"])
    enrol_in_two_factor(person["sekretariat"])
    public = [
        "/",
        "/search/?q=trygghet",
        "/accounts/login/",
        "/accounts/signup/",
        "/open-data/",
    ]
    # Signed in, the public pages differ only in the header: the home page
    # stands for them, the portal and the account pages are walked.
    portal = ["/portal/", "/accounts/email/", "/accounts/data/", "/"]
    signed_in_pages = r"^/(portal|accounts)/"
    roles = {
        "anonymous": (None, public, r"", ()),
        "member": (person["karin"], portal, signed_in_pages, ()),
        "board": (person["styrelse"], portal, signed_in_pages, ("/admin/",)),
        "secretariat": (
            person["sekretariat"],
            portal,
            signed_in_pages,
            ("/admin/", "/admin/situation/weeks/"),
        ),
    }
    problems = []
    for role, (user, starts, follow, admin_pages) in roles.items():
        found, paths = sweep(
            browser, live_server, axe, user, starts, follow=follow, extra=admin_pages
        )
        problems += [f"{role} {problem}" for problem in found]
        # The walk reached the pages each role has: public sections, deep pages
        # and, signed in, the portal's own.
        assert len(paths) >= 8, f"{role} reached only {paths}"
        if role == "anonymous":
            for reached in ("/projekt/", "/nyheter/", "/moten/", "/bli-medlem/"):
                assert reached in paths, f"{reached} was not reached: {paths}"
        if role == "member":
            for reached in ("/portal/proposals/", "/portal/contributions/"):
                assert reached in paths, f"{reached} was not reached: {paths}"
            assert any(re.match(r"^/portal/proposals/\d+/$", p) for p in paths)
            assert any(re.match(r"^/portal/walks/\d+/$", p) for p in paths)
    # The week to consolidate, which the weeks page links to.
    consolidate = signed_in(browser, live_server, person["sekretariat"], DESKTOP)
    page = consolidate.new_page()
    page.goto("/admin/situation/weeks/")
    week = page.locator("main a[href*='/admin/situation/weeks/2']").first
    response = page.goto(week.get_attribute("href"))
    assert response.status == 200, response.status
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check(page, axe, problems, "secretariat: the week to consolidate")
    consolidate.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def menu_site():
    district_settings(organisation_name="Hamnstaden BID ekonomisk förening")
    home = site_home()
    home.add_child(
        instance=JoinPage(title="Bli medlem", slug="bli-medlem", show_in_menus=True)
    )
    return home


def test_the_menu_button_opens_and_closes_without_javascript(
    browser, live_server, menu_site, assert_accessible
):
    context = browser.new_context(
        base_url=live_server.url,
        locale="sv-SE",
        viewport=PHONE,
        java_script_enabled=False,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    join = menu.get_by_role("link", name="Bli medlem")
    log_in = page.get_by_role("link", name="Logga in")
    toggle = page.locator(".site-menu > summary")
    expect(join).to_be_hidden()
    expect(log_in).to_be_hidden()

    toggle.click()
    expect(join).to_be_visible()
    expect(log_in).to_be_visible()
    expect(page.get_by_role("searchbox")).to_be_visible()

    toggle.click()
    expect(join).to_be_hidden()

    # On a wide screen the whole menu shows and the button does not.
    page.set_viewport_size(DESKTOP)
    expect(toggle).to_be_hidden()
    expect(join).to_be_visible()
    expect(log_in).to_be_visible()
    context.close()

    # The open menu, measured where scripts may run (axe is one).
    context = signed_in(browser, live_server, None, PHONE)
    page = context.new_page()
    page.goto("/")
    page.locator(".site-menu > summary").click()
    expect(page.get_by_role("link", name="Logga in")).to_be_visible()
    assert page.evaluate(MEASURE, NAV_CONTROLS) == []
    assert_accessible(page)
    context.close()


def test_the_phone_header_is_short_and_the_content_a_few_tabs_away(
    browser, live_server, menu_site
):
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport=TALL_PHONE
    )
    page = context.new_page()
    page.goto("/")
    height = page.locator(".site-header").evaluate(
        "el => el.getBoundingClientRect().height"
    )
    assert height <= 120
    # Skip link, home link, menu button.
    assert page.evaluate(STOPS_BEFORE_MAIN) <= 3

    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Hoppa till huvudinnehållet")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_class("site-brand")
    assert page.evaluate(FOCUS_SHOWN) == ""
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_class("site-menu__toggle")
    assert page.evaluate(FOCUS_SHOWN) == ""
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Start")
    assert page.evaluate(FOCUS_SHOWN) == ""
    context.close()


def header_links(page):
    page.goto("/")
    return page.locator(".site-header").evaluate(
        "header => [...header.querySelectorAll('a, button')]"
        ".map(el => el.textContent.trim())"
    )


def test_the_header_links_fit_who_is_looking(browser, live_server, menu_site):
    _organisation, karin = member(user=MemberUserFactory(email="karin@example.org"))
    applicant = MemberUserFactory(email="lisa@example.org")
    secretary = SecretariatUserFactory()
    admin = AdminUserFactory()

    anonymous = header_links(signed_in(browser, live_server, None, DESKTOP).new_page())
    assert "Bli medlem" in anonymous
    assert "Skapa konto" in anonymous
    assert "Administration" not in anonymous

    links = header_links(signed_in(browser, live_server, karin, DESKTOP).new_page())
    assert "Bli medlem" not in links
    assert "Skapa konto" not in links
    assert "Administration" not in links
    assert "Medlemsportalen" in links

    links = header_links(signed_in(browser, live_server, applicant, DESKTOP).new_page())
    assert "Bli medlem" in links
    assert "Skapa konto" not in links
    assert "Administration" not in links

    for staff in (secretary, admin):
        links = header_links(signed_in(browser, live_server, staff, DESKTOP).new_page())
        assert "Administration" in links
        assert "Skapa konto" not in links


def test_the_portal_shows_its_sections_with_the_current_one_marked(
    browser, live_server, menu_site, assert_accessible
):
    _organisation, karin = member(user=MemberUserFactory(email="karin@example.org"))
    context = signed_in(browser, live_server, karin, PHONE)
    page = context.new_page()
    page.goto("/portal/contributions/")
    sections = page.get_by_role("navigation", name="Medlemsportalen")
    expect(sections.get_by_role("link", name="Avgifter")).to_have_attribute(
        "aria-current", "page"
    )
    expect(sections.get_by_role("link", name="Översikt")).not_to_have_attribute(
        "aria-current", "page"
    )
    # A phone scrolls the sections sideways inside their own row.
    assert page.evaluate(MEASURE, NAV_CONTROLS) == []
    assert_accessible(page)

    sections.get_by_role("link", name="Översikt").click()
    expect(page).to_have_url(re.compile(r"/portal/$"))
    expect(
        page.get_by_role("navigation", name="Medlemsportalen").get_by_role(
            "link", name="Översikt"
        )
    ).to_have_attribute("aria-current", "page")

    # Pages outside the portal have no section navigation.
    page.goto("/")
    expect(page.get_by_role("navigation", name="Medlemsportalen")).to_have_count(0)
    context.close()
