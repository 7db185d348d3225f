"""The weekly rhythm in a real browser: two parties report, the secretariat
consolidates and overrides a colour with a reason, members see the map, an
action goes to the police, who see only their items."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.areas import services
from members.areas.geo import contains, polygons_of
from members.areas.models import ActionItem, Area, AreaStatus, Observation
from members.organisations.models import Organisation
from tests.browser.test_proposals import log_in
from tests.factories.accounts import MemberUserFactory, SecretariatUserFactory
from tests.factories.areas import area
from tests.factories.contributions import member
from tests.factories.organisations import PropertyFactory, organisation_with_admin
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def report(page, area_name, colour, score, note):
    page.goto("/en/portal/situation/report/")
    page.get_by_label("Area").select_option(label=area_name)
    page.get_by_label(colour, exact=True).check()
    page.get_by_label("Score").fill(str(score))
    page.get_by_label("Vandalism").fill("2")
    page.get_by_label("Note").fill(note)
    page.get_by_role("button", name="Save the report").click()
    expect(page.locator(".messages")).to_contain_text("is saved")


def test_parties_report_the_secretariat_consolidates_and_the_police_see_their_items(
    browser, live_server, assert_accessible
):
    district_settings()
    kajen, karin = member(
        legal_name="Kajfastigheter AB", user=MemberUserFactory(language="en")
    )
    bostader, ali = member(
        legal_name="Hamnens Bostäder AB", user=MemberUserFactory(language="en")
    )
    police, lars = organisation_with_admin(
        legal_name="Polismyndigheten",
        type=Organisation.Type.PUBLIC_AGENCY,
        user=MemberUserFactory(language="en"),
    )
    stationen = area("Stationsområdet", kajen, bostader, police)
    area("Torget", bostader, west=11.96)
    secretary = SecretariatUserFactory(language="en")
    other = ActionItem.objects.create(
        title="Papperskorgar vid torget",
        area=stationen.__class__.objects.get(name="Torget"),
        addressed_to=bostader,
        due_date=timezone.localdate() + datetime.timedelta(days=5),
    )

    # Two parties report on the same area this week.
    karin_page = log_in(browser, live_server, karin)
    report(karin_page, "Stationsområdet", "Yellow", 3, "Klotter på elskåpen.")
    assert_accessible(karin_page)
    ali_page = log_in(browser, live_server, ali)
    report(ali_page, "Stationsområdet", "Yellow", 3, "Nedskräpning vid cykelgaraget.")

    # The secretariat consolidates and overrides the suggested yellow with a reason.
    year, week = timezone.localdate().isocalendar()[:2]
    admin = log_in(browser, live_server, secretary, admin=True)
    admin.goto(f"/admin/situation/weeks/{year}/{week}/")
    expect(admin.locator("main")).to_contain_text("Nedskräpning vid cykelgaraget.")
    admin.locator(f"#id_colour_{stationen.pk}").select_option("red")
    admin.locator(f"#id_score_{stationen.pk}").fill("4")
    admin.get_by_role("button", name="Consolidate the week").click()
    expect(admin.locator(".help-critical, .error-message").first).to_be_visible()
    admin.locator(f"#id_reason_{stationen.pk}").fill(
        "Polisen rapporterar oro vid gångtunneln."
    )
    # Parties that have not reported are named; consolidating without them
    # is confirmed.
    confirm = admin.locator("input[name=confirm_missing]")
    if confirm.count():
        confirm.check()
    admin.get_by_role("button", name="Consolidate the week").click()
    expect(admin.locator("body")).to_contain_text("is consolidated")
    status = AreaStatus.objects.get(area=stationen)
    assert (status.colour, status.suggested_colour) == ("red", "yellow")

    # Members see the map in the agreed colours.
    karin_page.goto("/en/portal/situation/")
    expect(karin_page.locator("path.map-area--red")).to_have_count(1)
    expect(karin_page.locator("path.map-area--green")).to_have_count(1)
    expect(karin_page.locator("main")).to_contain_text("Polisen rapporterar oro")
    assert_accessible(karin_page)

    # An action for the police, addressed in the portal.
    admin.goto("/en/portal/actions/")
    admin.get_by_label("Title").fill("Extra patrullering vid gångtunneln")
    admin.get_by_label("Area").select_option(label="Stationsområdet")
    admin.get_by_label("Addressed to").select_option(label="Polismyndigheten")
    admin.get_by_label("Due").fill(
        (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    )
    admin.get_by_role("button", name="Address the action").click()
    expect(admin.locator(".messages")).to_contain_text("Polismyndigheten")

    # The police see their item, not the one addressed elsewhere, and update it.
    police_page = log_in(browser, live_server, lars)
    police_page.goto("/en/portal/actions/")
    expect(police_page.locator("main")).to_contain_text(
        "Extra patrullering vid gångtunneln"
    )
    expect(police_page.locator("main")).not_to_contain_text(other.title)
    assert_accessible(police_page)
    police_page.get_by_role("link", name="Extra patrullering vid gångtunneln").click()
    police_page.get_by_label("Status").select_option("in_progress")
    police_page.get_by_label("Update").fill("Patrull bokad fredag och lördag.")
    police_page.get_by_role("button", name="Save the update").click()
    expect(police_page.locator(".timeline")).to_contain_text("Patrull bokad")
    assert_accessible(police_page)
    assert ActionItem.objects.get(addressed_to=police).status == "in_progress"


def test_a_boundary_is_drawn_a_point_picked_on_a_walk_and_made_an_action(
    browser, live_server, assert_accessible
):
    district_settings()
    kajen, karin = member(
        legal_name="Kajfastigheter AB", user=MemberUserFactory(language="en")
    )
    stationen = area("Stationsområdet", kajen)
    PropertyFactory(owner=kajen, area="Stationsområdet")
    secretary = SecretariatUserFactory(language="en")

    # The secretariat draws a new area beside the existing one on the admin's
    # map (Geoman): three corners west of it, then the first again to close.
    admin = log_in(browser, live_server, secretary, admin=True)
    admin.set_viewport_size({"width": 1280, "height": 900})
    admin.goto("/admin/situation/areas/new/")
    admin.locator("#id_name").fill("Kajen")
    admin.locator("#id_slug").fill("kajen")
    drawing = admin.locator(".map-draw .tile-map")
    expect(drawing).to_be_visible()
    drawing.scroll_into_view_if_needed()
    box = drawing.bounding_box()
    left = box["x"] + 15
    right = drawing.locator("path.map-area").bounding_box()["x"] - 15
    corners = [
        (left, box["y"] + 120),
        (right, box["y"] + 120),
        ((left + right) / 2, box["y"] + 300),
    ]
    for x, y in [*corners, corners[0]]:
        admin.mouse.click(x, y)
        admin.wait_for_timeout(150)
    expect(admin.locator("[data-draw-status]")).to_contain_text("3")
    admin.locator("footer button[type=submit]").first.click()
    expect(admin.locator(".messages")).to_contain_text("Kajen")
    drawn = Area.objects.get(slug="kajen")
    ring = polygons_of(drawn.boundary)[0][0]
    assert len(ring) == 4 and ring[0] == ring[-1]

    # On a walk, a party clicks the middle of the area to place an observation.
    walk = services.walk_create(
        by=secretary,
        area=stationen,
        date=timezone.localdate(),
        route="Längs spåren",
        parties=[kajen],
    )
    page = log_in(browser, live_server, karin)
    page.goto(f"/en/portal/walks/{walk.pk}/")
    area_shape = page.locator("#walk-map path.map-area")
    area_box = area_shape.bounding_box()
    page.locator("#walk-map svg").click(
        position={
            "x": area_box["x"]
            - page.locator("#walk-map svg").bounding_box()["x"]
            + area_box["width"] / 2,
            "y": area_box["y"]
            - page.locator("#walk-map svg").bounding_box()["y"]
            + area_box["height"] / 2,
        }
    )
    expect(page.get_by_label("Latitude")).not_to_have_value("")
    page.get_by_label("Category").select_option("lighting")
    page.get_by_label("What needs fixing").fill("Belysningen slutar vid spåret.")
    page.get_by_label("Land owner").select_option(label="Kajfastigheter AB")
    page.get_by_role("button", name="Record the observation").click()
    expect(page.locator(".messages")).to_contain_text("recorded")
    expect(page.locator("#walk-map .map-point")).to_have_count(1)
    assert_accessible(page)
    observation = Observation.objects.get()
    assert contains(
        polygons_of(stationen.boundary)[0],
        float(observation.longitude),
        float(observation.latitude),
    )

    # The secretariat turns it into an action item (no server error), and the
    # land owner finds it among its own items.
    admin.goto(f"/en/portal/walks/{walk.pk}/")
    admin.get_by_role("button", name="Make it an action for Kajfastigheter AB").click()
    expect(
        admin.get_by_role("link", name="Action item for Kajfastigheter AB")
    ).to_be_visible()
    assert_accessible(admin)
    item = ActionItem.objects.get(addressed_to=kajen)
    assert Observation.objects.get().action_item == item
    page.goto("/en/portal/actions/")
    expect(page.locator("main")).to_contain_text(item.title)
    page.get_by_role("link", name=item.title).click()
    expect(page.locator("main")).to_contain_text("Belysningen slutar vid spåret.")
    assert_accessible(page)
