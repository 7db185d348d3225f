"""Action plans reach only the parties concerned; safety walks turn what
needs fixing into actions for the owner of the land."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from PIL import Image

from members.areas import selectors, services
from members.areas.models import ActionItem, Observation, WeeklyReport
from tests.factories.accounts import MemberUserFactory
from tests.factories.contributions import member

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def action(district, area="centrum", to="police", due=7, title="Extra patruller"):
    return services.action_create(
        by=district["secretariat"],
        area=district[area],
        addressed_to=district[to],
        title=title,
        due_date=TODAY + datetime.timedelta(days=due),
    )


def test_a_party_sees_its_items_and_its_areas_but_never_others(district):
    for_police = action(district, title="Polisens punkt")
    in_hamnen = action(district, area="hamnen", to="bostader", title="Hamnens punkt")
    police = district["police_user"]
    assert set(selectors.actions_visible_to(police)) == {for_police}
    assert set(selectors.actions_visible_to(district["kajen_user"])) == {for_police}
    assert set(selectors.actions_visible_to(district["bostader_user"])) == {
        for_police,
        in_hamnen,
    }
    assert client(police).get(f"/portal/actions/{in_hamnen.pk}/").status_code == 404
    listing = client(police).get("/portal/actions/").content.decode()
    assert "Polisens punkt" in listing and "Hamnens punkt" not in listing
    outsider = Client()
    outsider.force_login(MemberUserFactory())
    assert outsider.get(f"/portal/actions/{for_police.pk}/").status_code == 404


def test_only_the_addressed_party_updates_its_item(district):
    item = action(district)
    services.action_update(by=district["police_user"], item=item, status="in_progress")
    with pytest.raises(PermissionDenied):
        services.action_update(by=district["kajen_user"], item=item, status="done")
    response = client(district["kajen_user"]).post(
        f"/portal/actions/{item.pk}/", {"status": "done"}
    )
    assert response.status_code == 403
    with pytest.raises(ValidationError):
        services.action_update(
            by=district["police_user"], item=item, status="cancelled"
        )
    client(district["police_user"]).post(
        f"/portal/actions/{item.pk}/", {"status": "done", "text": "Genomfört"}
    )
    item.refresh_from_db()
    assert item.status == "done"
    assert [u.status for u in item.updates.all()] == ["open", "in_progress", "done"]
    assert item.updates.last().by_organisation == "Polisen"


def test_overdue_items_are_flagged_and_listed_in_the_picture(district):
    late = action(district, title="Sen punkt")
    ActionItem.objects.filter(pk=late.pk).update(
        due_date=TODAY - datetime.timedelta(days=3)
    )
    late.refresh_from_db()
    on_time = action(district, title="I tid", due=10)
    done = action(district, title="Klar", due=1)
    ActionItem.objects.filter(pk=done.pk).update(
        due_date=TODAY - datetime.timedelta(days=3), status="done"
    )
    assert late.is_overdue() and not on_time.is_overdue()
    assert set(selectors.overdue(ActionItem.objects.all())) == {late}
    year, week = TODAY.isocalendar()[:2]
    services.report_save(
        by=district["kajen_user"],
        organisation=district["kajen"],
        area=district["centrum"],
        year=year,
        week=week,
        colour="green",
        score=1,
    )
    services.week_consolidate(
        by=district["secretariat"], year=year, week=week, decisions={}
    )
    html = client(district["police_user"]).get("/portal/situation/").content.decode()
    assert "Sen punkt" in html and "I tid" not in html and "Klar" not in html
    assert 'class="map-area map-area--green"' in html


def jpeg_with_location() -> bytes:
    image = Image.new("RGB", (400, 300), (120, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Phone"
    gps = {1: "N", 2: (57.0, 42.0, 1.0), 3: "E", 4: (11.0, 57.0, 3.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # it has GPS
    return data


def test_observation_photos_lose_their_exif_but_keep_the_chosen_point(
    district, walk, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    response = client(district["kajen_user"]).post(
        f"/portal/walks/{walk.pk}/",
        {
            "category": "lighting",
            "description": "Mörk passage",
            "latitude": "57.701000",
            "longitude": "11.955000",
            "land_owner": district["kajen"].pk,
            "photo": SimpleUploadedFile("p.jpg", jpeg_with_location(), "image/jpeg"),
        },
    )
    assert response.status_code == 302
    observation = Observation.objects.get()
    stored = Image.open(observation.photo.path)
    assert not stored.getexif()
    assert stored.format == "JPEG"
    assert (str(observation.latitude), str(observation.longitude)) == (
        "57.701000",
        "11.955000",
    )
    photo = client(district["police_user"]).get(
        f"/portal/observations/{observation.pk}/photo/"
    )
    assert photo.status_code == 200
    # A party of the area sees it; a member acting elsewhere does not.
    assert (
        client(district["bostader_user"])
        .get(f"/portal/observations/{observation.pk}/photo/")
        .status_code
        == 200
    )
    _outsider, outsider_user = member(legal_name="Annanstans AB")
    assert (
        client(outsider_user)
        .get(f"/portal/observations/{observation.pk}/photo/")
        .status_code
        == 404
    )


def test_a_file_that_is_not_a_photo_is_refused(district, walk, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    response = client(district["kajen_user"]).post(
        f"/portal/walks/{walk.pk}/",
        {
            "category": "lighting",
            "description": "Mörk passage",
            "address": "Kajgatan 1",
            "land_owner": district["kajen"].pk,
            "photo": SimpleUploadedFile(
                "p.jpg", b"%PDF-1.4 not an image", "image/jpeg"
            ),
        },
    )
    assert response.status_code == 200
    assert not Observation.objects.exists()


def test_an_observation_becomes_an_action_for_the_land_owner(district, walk):
    assert set(selectors.land_owners(district["centrum"])) == {
        district["kajen"],
        district["municipality"],
    }
    with pytest.raises(ValidationError):
        services.observation_add(
            by=district["kajen_user"],
            walk=walk,
            category="litter",
            description="Skräp",
            address="Hamnen 1",
            land_owner=district["bostader"],  # owns nothing in Centrum
        )
    observation = services.observation_add(
        by=district["police_user"],
        walk=walk,
        category="vegetation",
        description="Buskar skymmer sikten",
        address="Lekplatsen",
        land_owner=district["municipality"],
    )
    assert (
        client(district["police_user"])
        .post(f"/portal/observations/{observation.pk}/action/")
        .status_code
        == 302
    )
    observation.refresh_from_db()
    assert observation.action_item is None  # parties ask; the secretariat addresses
    client(district["secretariat"]).post(
        f"/portal/observations/{observation.pk}/action/"
    )
    client(district["secretariat"]).post(
        f"/portal/observations/{observation.pk}/action/"
    )
    observation.refresh_from_db()
    item = observation.action_item
    assert ActionItem.objects.count() == 1
    assert (item.addressed_to, item.area) == (
        district["municipality"],
        district["centrum"],
    )
    # In the district's language (Swedish), whoever clicked.
    assert item.title == "Växtlighet: Lekplatsen"
    assert observation.status == "action"
    services.action_update(by=district["secretariat"], item=item, status="done")
    observation.refresh_from_db()
    assert observation.status == "resolved"


def test_the_next_walk_lists_the_previous_walks_open_observations(district, walk):
    open_one = services.observation_add(
        by=district["kajen_user"],
        walk=walk,
        category="litter",
        description="Skräp vid bänken",
        address="Bänken",
        land_owner=district["kajen"],
    )
    fixed = services.observation_add(
        by=district["kajen_user"],
        walk=walk,
        category="vandalism",
        description="Trasig skylt",
        address="Skylten",
        land_owner=district["kajen"],
    )
    Observation.objects.filter(pk=fixed.pk).update(status="resolved")
    later = services.walk_create(
        by=district["secretariat"],
        area=district["centrum"],
        date=TODAY,
        route="Samma runda",
        parties=[district["kajen"]],
    )
    previous, recheck = selectors.previous_open_observations(later)
    assert previous == walk and list(recheck) == [open_one]
    html = (
        client(district["kajen_user"])
        .get(f"/portal/walks/{later.pk}/")
        .content.decode()
    )
    assert "Skräp vid bänken" in html and "Trasig skylt" not in html


def test_old_reports_are_anonymised_by_the_command(district):
    old_day = TODAY - datetime.timedelta(days=800)
    year, week = old_day.isocalendar()[:2]
    WeeklyReport.objects.create(
        organisation=district["kajen"],
        area=district["centrum"],
        year=year,
        week=week,
        colour="red",
        score=4,
        vandalism=3,
        note="Detaljer",
        reported_by=district["kajen_user"],
    )
    recent_year, recent_week = (TODAY - datetime.timedelta(weeks=1)).isocalendar()[:2]
    recent, _ = services.report_save(
        by=district["kajen_user"],
        organisation=district["kajen"],
        area=district["centrum"],
        year=recent_year,
        week=recent_week,
        colour="green",
        score=1,
        note="Lugnt",
    )
    call_command("anonymise_situation_reports", days=730, stdout=io.StringIO())
    call_command("anonymise_situation_reports", days=730, stdout=io.StringIO())
    old = WeeklyReport.objects.get(year=year, week=week)
    assert (old.note, old.reported_by, old.vandalism, old.colour) == (
        "",
        None,
        3,
        "red",
    )
    assert old.anonymised_at is not None
    recent.refresh_from_db()
    assert recent.note == "Lugnt" and recent.reported_by == district["kajen_user"]


def test_the_walk_page_maps_the_observations_and_offers_the_picker(district, walk):
    services.observation_add(
        by=district["kajen_user"],
        walk=walk,
        category="lighting",
        description="Mörk passage",
        latitude="57.705",
        longitude="11.955",
        land_owner=district["kajen"],
    )
    page = client(district["kajen_user"]).get(f"/portal/walks/{walk.pk}/")
    html = page.content.decode()
    assert "data-map-picker" in html
    assert 'class="map-point"' in html
    assert "data-west=" in html
    # Someone who may read the walk but not record on it gets the map, no picker.
    html = (
        client(district["bostader_user"]).get(f"/portal/walks/{walk.pk}/").content
    ).decode()
    assert 'class="map-point"' in html
    assert "data-map-picker" not in html
