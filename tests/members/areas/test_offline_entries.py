"""Entries made on a phone without a connection carry the phone's id for them
(client_id): sent twice, they are recorded once and the second sending is
answered as a success. The forms answer JSON to the offline script and keep
their HTML flow for everyone else."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from members.areas import services
from members.areas.models import Observation, WeeklyReport, iso_week_of
from tests.fuzz.uploads import jpeg

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
LAST_WEEK = iso_week_of(TODAY - datetime.timedelta(weeks=1))
JSON = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "fetch"}


def client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def observation(district, walk, client_id, who="kajen_user", **extra):
    return services.observation_add(
        by=district[who],
        walk=walk,
        client_id=client_id,
        land_owner=district["kajen"],
        **{
            "category": "lighting",
            "description": "Mörk passage",
            "address": "Kajgatan 3",
            **extra,
        },
    )


def report(district, client_id, who="kajen", **values):
    year, week = values.pop("week", LAST_WEEK)
    return services.report_save(
        by=district[f"{who}_user"],
        organisation=district[who],
        area=district["centrum"],
        year=year,
        week=week,
        client_id=client_id,
        **{"colour": "yellow", "score": 3, **values},
    )


def test_an_observation_sent_twice_is_recorded_once(district, walk):
    entry = uuid.uuid4()
    first = observation(district, walk, entry)
    again = observation(district, walk, entry, description="Ändrad text")
    assert again.pk == first.pk
    assert Observation.objects.count() == 1
    assert Observation.objects.get().description == "Mörk passage"
    # Without an id, or with another, each sending is its own observation.
    observation(district, walk, None)
    observation(district, walk, uuid.uuid4())
    assert Observation.objects.count() == 3


def test_an_observation_id_used_by_someone_else_is_refused(district, walk):
    entry = uuid.uuid4()
    observation(district, walk, entry)
    with pytest.raises(ValidationError):
        observation(district, walk, entry, who="police_user")
    assert Observation.objects.count() == 1


def test_a_report_sent_again_changes_nothing_even_after_an_edit(district):
    entry = uuid.uuid4()
    first, created = report(district, entry, note="Första")
    # Edited since in the browser, without the offline script.
    edited, _ = report(district, None, colour="red", score=4, note="Andra")
    # The phone's entry arrives once more (its answer was lost on the way).
    again, created_again = report(district, entry, note="Första")
    assert created and not created_again
    assert first.pk == edited.pk == again.pk
    assert WeeklyReport.objects.count() == 1
    saved = WeeklyReport.objects.get()
    assert (saved.colour, saved.score, saved.note) == ("red", 4, "Andra")


def test_a_report_sent_again_after_consolidation_is_still_a_success(district):
    entry = uuid.uuid4()
    report(district, entry)
    year, week = LAST_WEEK
    services.week_consolidate(
        by=district["secretariat"], year=year, week=week, decisions={}
    )
    again, created = report(district, entry)
    assert not created and again.client_id == entry
    # A new entry for the consolidated week is still refused.
    with pytest.raises(ValidationError):
        report(district, uuid.uuid4())


def test_a_report_id_of_another_week_is_refused(district):
    entry = uuid.uuid4()
    report(district, entry)
    with pytest.raises(ValidationError):
        report(
            district,
            entry,
            week=iso_week_of(TODAY - datetime.timedelta(weeks=2)),
        )
    assert WeeklyReport.objects.count() == 1


def observation_post(district, entry, **extra):
    return {
        "category": "lighting",
        "description": "Mörk passage",
        "address": "Kajgatan 3",
        "land_owner": district["kajen"].pk,
        "client_id": str(entry),
        "photo": SimpleUploadedFile("p.jpg", jpeg(80, 60), "image/jpeg"),
        **extra,
    }


def test_the_walk_page_answers_json_and_records_a_resent_entry_once(
    district, walk, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    browser = client(district["kajen_user"])
    url = f"/portal/walks/{walk.pk}/"
    entry = uuid.uuid4()
    first = browser.post(url, observation_post(district, entry), **JSON)
    second = browser.post(url, observation_post(district, entry), **JSON)
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/json"
    assert first.json() == second.json()
    assert first.json()["ok"] is True
    assert first.json()["redirect"] == url
    assert Observation.objects.count() == 1
    saved = Observation.objects.get()
    assert saved.client_id == entry and saved.photo
    # The duplicate's photo is not kept beside the first.
    assert len([path for path in tmp_path.rglob("*") if path.is_file()]) == 1


def test_the_walk_page_answers_field_errors_as_json(district, walk):
    response = client(district["kajen_user"]).post(
        f"/portal/walks/{walk.pk}/",
        {"category": "", "description": "", "client_id": str(uuid.uuid4())},
        **JSON,
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert response.json()["ok"] is False
    assert {"category", "description", "land_owner"} <= set(errors)
    assert Observation.objects.count() == 0


def test_the_walk_page_answers_a_refusal_as_json(district, walk):
    response = client(district["bostader_user"]).post(
        f"/portal/walks/{walk.pk}/",
        {"category": "lighting", "description": "x", "client_id": str(uuid.uuid4())},
        **JSON,
    )
    assert response.status_code == 403
    assert response.json()["errors"]["__all__"]
    missing = client(district["kajen_user"]).post(
        "/portal/walks/999999/", {"category": "lighting"}, **JSON
    )
    assert missing.status_code == 404 and missing.json()["ok"] is False


def test_the_walk_form_without_script_still_posts_and_redirects(district, walk):
    response = client(district["kajen_user"]).post(
        f"/portal/walks/{walk.pk}/",
        {
            "category": "lighting",
            "description": "Mörk passage",
            "address": "Kajgatan 3",
            "land_owner": district["kajen"].pk,
        },
    )
    assert response.status_code == 302
    assert Observation.objects.get().client_id is None
    page = client(district["kajen_user"]).get(f"/portal/walks/{walk.pk}/")
    html = page.content.decode()
    assert 'name="client_id"' in html and "js/offline-forms.js" in html
    assert 'data-offline-form="observation"' in html


def report_post(district, entry, **extra):
    return {
        "organisation": district["kajen"].pk,
        "area": district["centrum"].pk,
        "colour": "yellow",
        "score": "3",
        "vandalism": "2",
        "littering": "0",
        "unrest": "0",
        "crime_reported": "0",
        "other": "0",
        "note": "Klotter",
        "client_id": str(entry),
        **extra,
    }


def test_the_report_page_answers_json_and_records_a_resent_entry_once(district):
    browser = client(district["kajen_user"])
    year, week = LAST_WEEK
    url = f"/portal/situation/report/?year={year}&week={week}"
    entry = uuid.uuid4()
    first = browser.post(url, report_post(district, entry), **JSON)
    second = browser.post(url, report_post(district, entry), **JSON)
    assert first.status_code == second.status_code == 200
    assert first.json()["ok"] and second.json()["ok"]
    assert first.json()["redirect"] == url
    saved = WeeklyReport.objects.get()
    assert (saved.client_id, saved.vandalism) == (entry, 2)
    bad = browser.post(url, report_post(district, uuid.uuid4(), score="9"), **JSON)
    assert bad.status_code == 400 and "score" in bad.json()["errors"]
    # The browser's own post still redirects.
    assert browser.post(url, report_post(district, uuid.uuid4())).status_code == 302
    assert WeeklyReport.objects.count() == 1


def test_the_report_form_posts_to_its_week(district):
    year, week = LAST_WEEK
    html = (
        client(district["kajen_user"])
        .get(f"/en/portal/situation/report/?year={year}&week={week}")
        .content.decode()
    )
    assert f'action="?year={year}&amp;week={week}"' in html
    assert 'data-offline-form="report"' in html and "Waiting to send ({n})" in html
