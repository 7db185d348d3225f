"""Observations from a phone: the position and its accuracy, the land owner
suggested from the property register, quick reports between walks and the
walk's summary page and PDF for the follow-up meeting."""

import datetime
import io
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from members.areas import selectors, services
from members.areas.models import Observation, SafetyWalk
from members.organisations import services as organisation_services
from tests.factories.contributions import member
from tests.factories.organisations import PropertyFactory
from tests.fuzz.uploads import jpeg

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
JSON = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "fetch"}
# Centrum (tests/factories/areas.py) is the square 11.95–11.96 E, 57.70–57.71 N.
INSIDE = {"lat": "57.705", "lon": "11.955"}


def client(user) -> Client:
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(user)
    return c


@pytest.fixture
def walk(district):
    return services.walk_create(
        by=district["secretariat"],
        area=district["centrum"],
        date=TODAY - datetime.timedelta(days=1),
        route="Runt kvarteret",
        parties=[district["kajen"]],
    )


@pytest.fixture
def placed(district):
    """Kajen AB's property in Centrum 40 m from INSIDE, Bostäder AB's (in
    Hamnen, so not a land owner of Centrum) nearer still."""
    near = PropertyFactory(
        owner=district["kajen"],
        area="Centrum",
        latitude=Decimal("57.705360"),
        longitude=Decimal("11.955000"),
    )
    PropertyFactory(
        owner=district["bostader"],
        area="Hamnen",
        latitude=Decimal("57.705050"),
        longitude=Decimal("11.955000"),
    )
    return near


# The land owner from the property register


def test_the_owner_of_the_nearest_property_in_the_area_is_suggested(district, placed):
    far_owner, _ = member(legal_name="Långt Bort AB", properties=())
    PropertyFactory(
        owner=far_owner,
        area="Centrum",
        latitude=Decimal("57.705700"),
        longitude=Decimal("11.955000"),
    )
    found = selectors.owner_near(district["centrum"], lat=57.705, lon=11.955)
    # Bostäder AB's property is nearer, but it is not a land owner of Centrum.
    assert found.owner == district["kajen"]
    assert found.property == placed
    assert 35 < found.metres < 45


def test_no_owner_is_suggested_beyond_the_radius(district, placed):
    assert selectors.owner_near(district["centrum"], lat=57.7085, lon=11.955) is None


def test_the_owner_endpoint_answers_the_walks_parties(district, walk, placed):
    answer = client(district["kajen_user"]).get(
        reverse("portal:walk_owner", args=[walk.pk]), INSIDE
    )
    assert answer.status_code == 200
    data = answer.json()
    assert data["owner"] == district["kajen"].pk
    assert data["name"] == "Kajen AB"
    assert placed.designation in data["message"]


def test_the_owner_endpoint_refuses_others_and_bad_points(district, walk, placed):
    url = reverse("portal:walk_owner", args=[walk.pk])
    # The police act in the area (they see the walk) but did not walk it.
    assert client(district["police_user"]).get(url, INSIDE).status_code == 403
    assert client(district["kajen_user"]).get(url, {"lat": "x"}).status_code == 400
    outsider, outsider_user = member(legal_name="Utanför AB")
    assert client(outsider_user).get(url, INSIDE).status_code == 404


def test_a_property_position_needs_both_coordinates(district):
    with pytest.raises(ValidationError):
        organisation_services.property_add(
            organisation=district["kajen"],
            by=district["kajen_user"],
            designation="Teststaden Udda 1",
            street_address="Storgatan 99",
            area=district["centrum"],
            gross_floor_area_m2=100,
            use_category="office",
            latitude=Decimal("57.7"),
        )


# The position on the walk's form


def post_observation(district, walk, **fields):
    return client(district["kajen_user"]).post(
        reverse("portal:walk", args=[walk.pk]),
        {
            "category": "lighting",
            "description": "Mörk passage",
            "land_owner": district["kajen"].pk,
            **fields,
        },
        follow=True,
    )


def test_the_phones_accuracy_is_kept_with_the_point(district, walk):
    post_observation(district, walk, latitude="57.705", longitude="11.955", accuracy=12)
    observation = Observation.objects.get()
    assert observation.accuracy == 12
    assert (observation.latitude, observation.longitude) == (
        Decimal("57.705"),
        Decimal("11.955"),
    )


@pytest.mark.parametrize("accuracy", ["-1", "5000"])
def test_an_accuracy_out_of_range_is_refused(district, walk, accuracy):
    answer = post_observation(
        district, walk, latitude="57.705", longitude="11.955", accuracy=accuracy
    )
    assert answer.status_code == 200
    assert not Observation.objects.exists()


def test_a_point_outside_the_area_is_recorded_with_a_warning(district, walk):
    answer = post_observation(district, walk, latitude="57.720", longitude="11.955")
    assert Observation.objects.count() == 1
    text = answer.content.decode()
    assert "utanför Centrum" in text or "outside Centrum" in text


def test_a_point_inside_the_area_has_no_warning(district, walk):
    answer = post_observation(district, walk, latitude="57.705", longitude="11.955")
    text = answer.content.decode()
    assert Observation.objects.count() == 1
    assert "utanför Centrum" not in text and "outside Centrum" not in text


def test_the_photo_input_opens_the_camera(district, walk):
    page = client(district["kajen_user"]).get(reverse("portal:walk", args=[walk.pk]))
    html = page.content.decode()
    assert 'accept="image/*"' in html
    assert 'capture="environment"' in html
    assert reverse("portal:walk_owner", args=[walk.pk]) in html


# Quick reports


def quick(district, who="kajen_user", **fields):
    return client(district[who]).post(
        reverse("portal:quick_report"),
        {"area": district["centrum"].pk, "category": "litter", **fields},
        **JSON,
    )


def test_a_quick_report_is_recorded_once_with_its_client_id(district, placed):
    entry = str(uuid.uuid4())
    photo = SimpleUploadedFile("p.jpg", jpeg(80, 60), content_type="image/jpeg")
    first = quick(
        district, client_id=entry, latitude="57.705", longitude="11.955", photo=photo
    )
    again = quick(district, client_id=entry, latitude="57.705", longitude="11.955")
    assert first.status_code == again.status_code == 200
    assert first.json()["ok"] and again.json()["ok"]
    observation = Observation.objects.get()
    assert observation.client_id == uuid.UUID(entry)
    assert observation.land_owner == district["kajen"]  # the nearest property's
    assert observation.photo
    walk = observation.walk
    assert (walk.kind, walk.date, walk.area) == (
        SafetyWalk.Kind.QUICK,
        TODAY,
        district["centrum"],
    )
    assert list(walk.parties.all()) == [district["kajen"]]


def test_quick_reports_of_a_day_share_the_areas_walk(district, placed):
    quick(district, latitude="57.705", longitude="11.955")
    quick(district, who="bostader_user", address="Torget", description="Trasig bänk")
    walks = SafetyWalk.objects.filter(kind=SafetyWalk.Kind.QUICK)
    assert walks.count() == 1
    assert walks.get().observations.count() == 2
    by_address = Observation.objects.get(address="Torget")
    # No point: the municipality is the land owner until followed up.
    assert by_address.land_owner == district["municipality"]


def test_a_quick_report_needs_a_place(district):
    answer = quick(district)
    assert answer.status_code == 400
    assert "address" in answer.json()["errors"]
    assert not Observation.objects.exists()


def test_a_quick_report_is_for_the_areas_parties(district):
    outsider, outsider_user = member(legal_name="Utanför AB")
    assert client(outsider_user).get(reverse("portal:quick_report")).status_code == 403
    # Bostäder AB acts in Hamnen and Centrum; Hamnen's parties cannot report
    # on an area that is not theirs.
    answer = quick(
        district,
        who="bostader_user",
        area=district["hamnen"].pk,
        address="Kajen",
    )
    assert answer.status_code == 200
    answer = client(district["police_user"]).post(
        reverse("portal:quick_report"),
        {"area": district["hamnen"].pk, "category": "litter", "address": "Kajen"},
        **JSON,
    )
    assert answer.status_code == 400
    assert "area" in answer.json()["errors"]


def test_the_area_is_found_from_the_position(district):
    url = reverse("portal:quick_report_area")
    kajen = client(district["kajen_user"])
    assert kajen.get(url, INSIDE).json()["area"] == district["centrum"].pk
    # Hamnen (11.96–11.97 E) is not one of Kajen AB's areas.
    assert kajen.get(url, {"lat": "57.705", "lon": "11.965"}).json()["area"] is None
    bostader = client(district["bostader_user"])
    hamnen = bostader.get(url, {"lat": "57.705", "lon": "11.965"}).json()
    assert hamnen["area"] == district["hamnen"].pk


def test_the_quick_report_page_is_in_the_portal_navigation(district):
    page = client(district["kajen_user"]).get(reverse("portal:walks"))
    assert reverse("portal:quick_report") in page.content.decode()
    form = client(district["kajen_user"]).get(reverse("portal:quick_report"))
    html = form.content.decode()
    assert 'data-offline-form="quick-report"' in html
    assert 'name="client_id"' in html


# The walk's summary


@pytest.fixture
def walked(district, walk, placed):
    first = services.observation_add(
        by=district["kajen_user"],
        walk=walk,
        category="lighting",
        description="Trasig lykta vid porten",
        latitude=Decimal("57.705"),
        longitude=Decimal("11.955"),
        accuracy=9,
        land_owner=district["kajen"],
        photo=SimpleUploadedFile("p.jpg", jpeg(400, 300), content_type="image/jpeg"),
    )
    services.observation_add(
        by=district["kajen_user"],
        walk=walk,
        category="litter",
        description="Nedskräpad gränd",
        address="Gränden 2",
        land_owner=district["municipality"],
    )
    item = services.observation_to_action(by=district["secretariat"], observation=first)
    return walk, item


def test_the_summary_shows_observations_owners_and_actions(district, walked):
    walk, item = walked
    page = client(district["kajen_user"]).get(
        reverse("portal:walk_summary", args=[walk.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Trasig lykta vid porten" in html and "Nedskräpad gränd" in html
    assert "Kommunen" in html and "Kajen AB" in html
    assert item.title in html
    assert reverse("portal:observation_photo", args=[walk.observations.first().pk]) in (
        html
    )
    assert 'class="district-map"' in html


def test_the_summary_pdf_has_the_observations_text(district, walked):
    walk, item = walked
    answer = client(district["secretariat"]).get(
        reverse("portal:walk_summary_pdf", args=[walk.pk])
    )
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Trasig lykta vid porten" in text
    assert "Nedskräpad gränd" in text
    assert "Runt kvarteret" in text
    assert item.title.split(":")[0] in text
    # The photo is in the document as an image.
    assert any(page.images for page in reader.pages)


@pytest.mark.parametrize("name", ["portal:walk_summary", "portal:walk_summary_pdf"])
def test_the_summary_is_seen_by_whoever_sees_the_walk(district, walked, name):
    walk, _ = walked
    outsider, outsider_user = member(legal_name="Utanför AB")
    for user, status in [
        (district["kajen_user"], 200),
        (district["police_user"], 200),
        (district["board"], 200),
        (outsider_user, 404),
    ]:
        walk_page = client(user).get(reverse("portal:walk", args=[walk.pk]))
        summary = client(user).get(reverse(name, args=[walk.pk]))
        assert walk_page.status_code == summary.status_code == status
