"""Weekly reports and the consolidated picture."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from members.areas import services
from members.areas.models import (
    AreaStatus,
    Colour,
    WeeklyReport,
    WeekPicture,
    iso_week_of,
)

pytestmark = pytest.mark.django_db
LAST_WEEK = iso_week_of(timezone.localdate() - datetime.timedelta(weeks=1))


def report(
    district, who="kajen", area="centrum", colour=Colour.GREEN, score=2, **extra
):
    year, week = extra.pop("week", LAST_WEEK)
    return services.report_save(
        by=district[f"{who}_user"],
        organisation=district[who],
        area=district[area],
        year=year,
        week=week,
        colour=colour,
        score=score,
        **extra,
    )


def test_one_report_per_party_area_and_week_a_second_is_an_edit(district):
    first, created = report(district, colour=Colour.GREEN, score=2, vandalism=1)
    again, created_again = report(district, colour=Colour.RED, score=4, note="Oro")
    assert created and not created_again
    assert again.pk == first.pk
    assert WeeklyReport.objects.count() == 1
    again.refresh_from_db()
    assert (again.colour, again.score, again.vandalism, again.note) == (
        "red",
        4,
        0,
        "Oro",
    )
    other, _ = report(district, who="bostader")
    assert other.pk != first.pk


def test_only_a_party_reports_and_only_for_its_organisation(district):
    with pytest.raises(ValidationError):
        report(district, who="kajen", area="hamnen")  # Kajen AB is not a party there
    with pytest.raises(PermissionDenied):
        services.report_save(
            by=district["kajen_user"],
            organisation=district["bostader"],
            area=district["centrum"],
            year=LAST_WEEK[0],
            week=LAST_WEEK[1],
            colour="green",
            score=1,
        )
    assert not WeeklyReport.objects.exists()


def test_future_weeks_and_bad_values_are_refused(district):
    future = iso_week_of(timezone.localdate() + datetime.timedelta(weeks=2))
    with pytest.raises(ValidationError):
        report(district, week=future)
    with pytest.raises(ValidationError):
        report(district, score=7)
    with pytest.raises(ValidationError):
        report(district, week=(2026, 60))
    assert not WeeklyReport.objects.exists()


def test_a_consolidated_week_locks_its_reports(district):
    report(district)
    services.week_consolidate(
        by=district["secretariat"], year=LAST_WEEK[0], week=LAST_WEEK[1], decisions={}
    )
    with pytest.raises(ValidationError):
        report(district, colour=Colour.RED, score=5)
    assert WeeklyReport.objects.get().colour == "green"


def r(colour, score):
    return WeeklyReport(colour=colour, score=score)


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        ([], ("green", None)),
        ([r("green", 1), r("green", 2)], ("green", 2)),
        ([r("yellow", 3), r("green", 2), r("yellow", 3)], ("yellow", 3)),
        ([r("yellow", 3), r("red", 4)], ("red", 4)),  # a tie goes to the serious
        ([r("green", 1), r("green", 1), r("red", 4)], ("yellow", 2)),  # red: ≥ yellow
        ([r("red", 5), r("red", 4), r("green", 1)], ("red", 3)),
        ([r("green", 2), r("green", 3)], ("green", 3)),  # 2.5 rounds half up
    ],
)
def test_suggested_colour_and_score(reports, expected):
    assert services.suggestion(reports) == expected


def test_consolidating_suggests_and_an_override_needs_a_reason(district):
    report(district, colour=Colour.YELLOW, score=3)
    report(district, who="bostader", colour=Colour.YELLOW, score=4)
    centrum = district["centrum"].pk
    year, week = LAST_WEEK
    with pytest.raises(ValidationError) as refused:
        services.week_consolidate(
            by=district["secretariat"],
            year=year,
            week=week,
            decisions={centrum: {"colour": "red", "score": 4}},
        )
    assert centrum in refused.value.error_dict
    assert not WeekPicture.objects.exists()
    services.week_consolidate(
        by=district["secretariat"],
        year=year,
        week=week,
        decisions={centrum: {"colour": "red", "score": 4, "reason": "Polisens bild"}},
    )
    status = AreaStatus.objects.get(area=district["centrum"])
    assert (status.colour, status.score) == ("red", 4)
    assert (status.suggested_colour, status.suggested_score) == ("yellow", 4)
    assert status.overridden and status.override_reason == "Polisens bild"
    assert status.reports == 2
    hamnen = AreaStatus.objects.get(area=district["hamnen"])
    assert (hamnen.colour, hamnen.overridden) == ("green", False)


def test_only_the_secretariat_consolidates(district):
    year, week = LAST_WEEK
    for user in (district["board"], district["kajen_user"]):
        with pytest.raises(PermissionDenied):
            services.week_consolidate(by=user, year=year, week=week, decisions={})
    client = Client()
    client.force_login(district["board"])
    assert client.get(f"/admin/situation/weeks/{year}/{week}/").status_code in (
        302,
        403,
    )


def test_consolidation_form_in_the_admin(district):
    report(district, colour=Colour.GREEN, score=2)
    year, week = LAST_WEEK
    client = Client()
    client.force_login(district["secretariat"])
    url = f"/admin/situation/weeks/{year}/{week}/"
    page = client.get(url)
    assert page.status_code == 200
    centrum, hamnen = district["centrum"].pk, district["hamnen"].pk
    data = {
        f"colour_{centrum}": "red",
        f"score_{centrum}": "4",
        f"reason_{centrum}": "",
        f"colour_{hamnen}": "green",
        f"score_{hamnen}": "1",
        "summary": "Lugnt",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert not WeekPicture.objects.exists()
    data[f"reason_{centrum}"] = "Bränder i soprum"
    # Only Kajen has reported: consolidating without the others is confirmed.
    data["confirm_missing"] = "1"
    assert client.post(url, data).status_code == 302
    assert AreaStatus.objects.get(area_id=centrum).colour == "red"


def test_the_portal_report_form_saves_and_edits(district):
    client = Client()
    client.force_login(district["kajen_user"])
    year, week = LAST_WEEK
    url = f"/portal/situation/report/?year={year}&week={week}"
    data = {
        "organisation": district["kajen"].pk,
        "area": district["centrum"].pk,
        "colour": "yellow",
        "score": "3",
        "vandalism": "2",
        "littering": "0",
        "unrest": "0",
        "crime_reported": "1",
        "other": "0",
        "note": "Klotter",
    }
    assert client.post(url, data).status_code == 302
    data["colour"] = "red"
    assert client.post(url, data).status_code == 302
    saved = WeeklyReport.objects.get()
    assert (saved.colour, saved.crime_reported) == ("red", 1)
    bad = client.post(url, {**data, "area": district["hamnen"].pk})
    assert bad.status_code == 200 and WeeklyReport.objects.count() == 1
