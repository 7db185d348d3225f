"""On a phone on a walk: "Use my position" fills the point and says how exact
it is, the land owner of the nearest property is preselected, a large photo is
made smaller before it is sent, and the observation is saved with all of it.
The quick report and the walk's summary pass axe at a phone's and a desktop's
width."""

import io
from decimal import Decimal

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from members.areas import services
from members.areas.models import Observation
from members.organisations.models import Organisation
from tests.browser.phone import PHONE, sign_in
from tests.factories.accounts import MemberUserFactory, SecretariatUserFactory
from tests.factories.areas import area
from tests.factories.contributions import member
from tests.factories.organisations import PropertyFactory, organisation_with_admin
from tests.factories.pages import district_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP = {"width": 1280, "height": 900}
# Inside Centrum (tests/factories/areas.py: 11.95–11.96 E, 57.70–57.71 N).
HERE = {"latitude": 57.705, "longitude": 11.955, "accuracy": 12}

LONGEST_SIDE = """async () => {
  const file = document.querySelector("input[name=photo]").files[0];
  const bitmap = await createImageBitmap(file);
  return [file.type, Math.max(bitmap.width, bitmap.height)];
}"""


def big_photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 2000), (40, 60, 90)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_an_observation_takes_the_phones_position_owner_and_photo(
    browser, live_server, assert_accessible, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    district_settings()
    kajen, karin = member(
        legal_name="Kajfastigheter AB", user=MemberUserFactory(language="en")
    )
    organisation_with_admin(legal_name="Kommunen", type=Organisation.Type.MUNICIPALITY)
    centrum = area("Centrum", kajen)
    PropertyFactory(
        owner=kajen,
        area="Centrum",
        designation="Centrum Kajen 1:1",
        latitude=Decimal("57.705300"),
        longitude=Decimal("11.955100"),
    )
    walk = services.walk_create(
        by=SecretariatUserFactory(),
        area=centrum,
        date=timezone.localdate(),
        route="Runt torget",
        parties=[kajen],
    )
    context, page = sign_in(browser, live_server, karin, here=HERE)
    page.goto(f"/en/portal/walks/{walk.pk}/")
    assert_accessible(page)

    owner = page.get_by_label("Land owner")
    # Nothing chosen yet: the municipality comes first in the list.
    expect(owner).not_to_have_value(str(kajen.pk))
    page.get_by_label("Category").select_option("lighting")
    page.get_by_label("What needs fixing").fill("The lamp at the gate is out.")
    page.get_by_role("button", name="Use my position").click()
    expect(page.locator("[data-locate-status]")).to_have_text(
        "Your position is set, within about 12 m."
    )
    expect(page.get_by_label("Latitude")).to_have_value("57.705")
    expect(page.get_by_label("Longitude")).to_have_value("11.955")
    expect(owner).to_have_value(str(kajen.pk))
    expect(page.locator("[data-suggestion-status]")).to_contain_text(
        "Centrum Kajen 1:1"
    )

    page.get_by_label("Photo").set_input_files(
        files=[{"name": "gate.jpg", "mimeType": "image/jpeg", "buffer": big_photo()}]
    )
    page.wait_for_function(
        "() => !document.querySelector('form[data-observation-place]')"
        ".dataset.photoResizing"
    )
    kind, longest = page.evaluate(LONGEST_SIDE)
    assert (kind, longest) == ("image/jpeg", 2048)
    assert_accessible(page)
    page.get_by_role("button", name="Record the observation").click()
    expect(page.get_by_text("The observation is recorded.")).to_be_visible()

    observation = Observation.objects.get()
    assert observation.accuracy == 12
    assert observation.land_owner == kajen
    assert (observation.latitude, observation.longitude) == (
        Decimal("57.705"),
        Decimal("11.955"),
    )
    with Image.open(observation.photo.path) as stored:
        assert max(stored.size) == 2048  # the phone's size, below the server's
        assert not stored.getexif()
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_quick_report_and_summary_pass_axe(
    browser, live_server, assert_accessible, viewport
):
    district_settings()
    kajen, karin = member(
        legal_name="Kajfastigheter AB", user=MemberUserFactory(language="en")
    )
    organisation_with_admin(legal_name="Kommunen", type=Organisation.Type.MUNICIPALITY)
    centrum = area("Centrum", kajen)
    PropertyFactory(owner=kajen, area=centrum)
    walk = services.walk_create(
        by=SecretariatUserFactory(),
        area=centrum,
        date=timezone.localdate(),
        route="Runt torget",
        parties=[kajen],
    )
    services.observation_add(
        by=karin,
        walk=walk,
        category="litter",
        description="Litter by the bench.",
        latitude=Decimal("57.705"),
        longitude=Decimal("11.955"),
        accuracy=8,
        land_owner=kajen,
    )
    context, page = sign_in(browser, live_server, karin, here=HERE, viewport=viewport)
    page.goto("/en/portal/quick-report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quick report")
    page.get_by_role("button", name="Use my position").click()
    # The area holding the position is chosen.
    expect(page.get_by_label("Centrum")).to_be_checked()
    assert_accessible(page)
    page.goto(f"/en/portal/walks/{walk.pk}/summary/")
    expect(page.get_by_text("Litter by the bench.")).to_be_visible()
    assert_accessible(page)
    context.close()
