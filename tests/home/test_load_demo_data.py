"""The demo district: complete, valid, and the same after a second run."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from wagtail.models import Page

from home.management.commands.load_demo_data import DEMO_DOMAIN, DEMO_PASSWORD
from home.models import DistrictSettings, HomePage, StandardPage

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.proxy
    }


def load():
    call_command("load_demo_data")


def test_running_twice_leaves_every_row_count_the_same(capsys):
    load()
    first = row_counts()
    load()
    assert row_counts() == first


def test_demo_has_home_page_in_four_languages_with_translated_pages(capsys):
    load()
    homes = HomePage.objects.live()
    assert sorted(homes.values_list("locale__language_code", flat=True)) == [
        "da",
        "en",
        "nb",
        "sv",
    ]
    assert len({home.translation_key for home in homes}) == 1
    for page in StandardPage.objects.filter(locale__language_code="sv"):
        assert page.get_translations().live().count() == 3
    english_about = StandardPage.objects.get(locale__language_code="en", slug="about")
    assert english_about.title == "About the district"
    assert not Page.objects.filter(live=False).exclude(depth=1).exists()


def test_demo_has_a_user_for_each_role_who_can_sign_in(capsys):
    load()
    out = capsys.readouterr().out
    expected_groups = {
        "sekretariat": ["Secretariat"],
        "styrelse": ["Board"],
        "karin": [],
        "ali": [],
        "admin": [],
    }
    for local, groups in expected_groups.items():
        email = f"{local}@{DEMO_DOMAIN}"
        user = authenticate(email=email, password=DEMO_PASSWORD)
        assert user is not None, email
        assert sorted(user.groups.values_list("name", flat=True)) == groups
        assert user.emailaddress_set.get().verified
        assert email in out
    assert authenticate(
        email=f"admin@{DEMO_DOMAIN}", password=DEMO_PASSWORD
    ).is_superuser
    assert DEMO_PASSWORD in out


def test_demo_fills_in_the_district_contact_details(capsys):
    load()
    district = DistrictSettings.objects.get()
    assert district.organisation_name.startswith("Hamnstaden")
    assert district.email and district.phone and district.city
