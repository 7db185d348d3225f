"""The consolidation page reads in words and names the parties that have not
reported; consolidating without them is confirmed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.areas import services
from members.areas.models import Colour, WeekPicture, iso_week_of

pytestmark = pytest.mark.django_db
YEAR, WEEK = iso_week_of(timezone.localdate() - datetime.timedelta(weeks=1))


def _report(district, who, colour, score):
    services.report_save(
        by=district[f"{who}_user"],
        organisation=district[who],
        area=district["centrum"],
        year=YEAR,
        week=WEEK,
        colour=colour,
        score=score,
    )


def _secretariat(district, language="en") -> Client:
    user = district["secretariat"]
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def _post(client, district, **extra):
    """The suggestions as they stand: green, score 2 in Centrum, and green
    with no score (1) in Hamnen."""
    data = {"summary": ""}
    for key, score in (("centrum", "2"), ("hamnen", "1")):
        pk = district[key].pk
        data |= {f"colour_{pk}": "green", f"score_{pk}": score, f"reason_{pk}": ""}
        data[f"summary_{pk}"] = ""
    return client.post(
        reverse("situation_consolidate", args=[YEAR, WEEK]), data | extra
    )


def test_the_suggestion_shows_the_colour_s_label_not_its_code(district):
    _report(district, "kajen", Colour.YELLOW, 3)
    _report(district, "bostader", Colour.YELLOW, 3)
    response = _secretariat(district).get(
        reverse("situation_consolidate", args=[YEAR, WEEK])
    )
    text = response.content.decode()
    assert "Suggested status: Yellow, score 3 of 5." in text
    assert "suggested: yellow" not in text.lower()


def test_the_parties_that_have_not_reported_are_named(district):
    _report(district, "kajen", Colour.GREEN, 2)
    response = _secretariat(district).get(
        reverse("situation_consolidate", args=[YEAR, WEEK])
    )
    text = response.content.decode()
    assert "3 reports are missing" in text
    # Centrum: Bostäder AB and the police; Hamnen: Bostäder AB.
    assert "Centrum: Bostäder AB, Polisen" in text
    assert "Hamnen: Bostäder AB" in text
    assert "Kajen AB," not in text.split("reports are missing")[1].split("</ul>")[0]
    assert 'name="confirm_missing"' in text


def test_consolidating_with_reports_missing_needs_confirmation(district):
    _report(district, "kajen", Colour.GREEN, 2)
    client = _secretariat(district)
    response = _post(client, district)
    assert response.status_code == 200
    assert "Confirm that the week is consolidated" in response.content.decode()
    assert not WeekPicture.objects.filter(year=YEAR, week=WEEK).exists()
    response = _post(client, district, confirm_missing="1")
    assert response.status_code == 302
    assert WeekPicture.objects.filter(year=YEAR, week=WEEK).exists()


def test_a_week_every_party_reported_needs_no_confirmation(district):
    for who in ("kajen", "bostader", "police"):
        _report(district, who, Colour.GREEN, 2)
    services.report_save(
        by=district["bostader_user"],
        organisation=district["bostader"],
        area=district["hamnen"],
        year=YEAR,
        week=WEEK,
        colour=Colour.GREEN,
        score=1,
    )
    client = _secretariat(district)
    response = client.get(reverse("situation_consolidate", args=[YEAR, WEEK]))
    assert "missing" not in response.content.decode()
    assert _post(client, district).status_code == 302


def test_the_labels_follow_the_reader_s_language(district):
    _report(district, "kajen", Colour.YELLOW, 3)
    response = _secretariat(district, language="sv").get(
        reverse("situation_consolidate", args=[YEAR, WEEK])
    )
    text = response.content.decode()
    assert "Gul" in text
    assert ">yellow" not in text and " yellow," not in text


def test_an_empty_post_is_refused_in_words_and_consolidates_nothing(district):
    """Found by the hostile-post fuzzing: an empty post left the form unbound,
    and naming the missing reports on it answered 500."""
    _report(district, "kajen", Colour.GREEN, 2)
    client = _secretariat(district)
    response = client.post(reverse("situation_consolidate", args=[YEAR, WEEK]), {})
    assert response.status_code == 200
    assert "Confirm that the week is consolidated" in response.content.decode()
    assert not WeekPicture.objects.filter(year=YEAR, week=WEEK).exists()
