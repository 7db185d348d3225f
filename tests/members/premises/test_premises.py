"""The premises register: owners keep their premises, the public page lists
the vacant ones without private rents, the vacancy indicator follows the
register, and a search request meets the vacancies that fit it once."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from home.models import Indicator
from members.notifications.models import Notification
from members.premises import services
from members.premises.models import Match, Premises, PremisesRequest
from members.premises.selectors import vacancy_by_area, vacancy_share
from members.premises.services import at_precision
from tests.factories.accounts import MemberUserFactory, SecretariatUserFactory
from tests.members.premises.world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def latest(world) -> Decimal:
    return world["indicator"].measurements.order_by("-measured_on").first().value


# The vacancy indicator


def test_the_share_is_the_registers_street_level_area(world):
    # Street level: 120 + 80 vacant of 120 + 80 + 200; the office is upstairs.
    assert vacancy_share() == Decimal("50.00")
    shares = {row.area.name: row.share for row in vacancy_by_area()}
    assert shares == {"Kajen": Decimal("100.00"), "Torget": Decimal("0.00")}
    assert vacancy_share(area_id=world["square"].pk) == Decimal("0.00")


def test_the_indicator_equals_the_register_as_premises_change(
    world, django_capture_on_commit_callbacks
):
    assert latest(world) == vacancy_share() == Decimal("50.00")
    with django_capture_on_commit_callbacks(execute=True):
        services.premises_set_status(
            premises=world["corner"], by=world["other_admin"], status="vacant"
        )
    assert latest(world) == vacancy_share() == Decimal("100.00")
    with django_capture_on_commit_callbacks(execute=True):
        services.premises_set_status(
            premises=world["shop"], by=world["owner_admin"], status="let"
        )
    # One measurement a day, replaced while the day lasts.
    assert world["indicator"].measurements.count() == 1
    assert latest(world) == vacancy_share() == Decimal("70.00")


# Owners keep their premises


def test_vacant_needs_a_date_and_the_area_must_be_positive(world):
    with pytest.raises(ValidationError) as raised:
        services.premises_update(
            premises=world["corner"],
            by=world["other_admin"],
            status="vacant",
            vacant_since=None,
        )
    assert "vacant_since" in raised.value.error_dict
    with pytest.raises(ValidationError):
        services.premises_update(
            premises=world["corner"], by=world["other_admin"], floor_area_m2=0
        )


def test_only_the_owners_administrators_may_change_premises(world):
    with pytest.raises(PermissionDenied):
        services.premises_update(
            premises=world["shop"], by=world["other_admin"], name="Kapat"
        )
    with pytest.raises(PermissionDenied):
        services.premises_update(
            premises=world["shop"], by=world["owner_contact"], name="Kapat"
        )


def test_an_owner_marks_a_shop_vacant_from_the_portal(world):
    client = signed_in(world["other_admin"])
    url = reverse("portal:premises_edit", args=[world["corner"].pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Torget 1, hörnet",
            "use": "shop",
            "floor_area_m2": "200",
            "street_level": "on",
            "status": "vacant",
            "vacant_since": "2026-10-01",
            "rent_band": "",
            "contact_email": "hyra@example.com",
        },
    )
    assert response.status_code == 302
    world["corner"].refresh_from_db()
    assert world["corner"].status == "vacant"


def test_another_organisations_owner_gets_404(world):
    client = signed_in(world["other_admin"])
    url = reverse("portal:premises_edit", args=[world["shop"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Kapat"}).status_code == 404
    add = reverse("portal:premises_add", args=[world["kajgatan"].pk])
    assert client.get(add).status_code == 404
    # The owner's contact sees the property but may not add premises.
    assert signed_in(world["owner_contact"]).get(add).status_code == 403


def test_the_organisation_page_lists_its_premises(world):
    html = (
        signed_in(world["owner_admin"])
        .get(reverse("portal:organisation", args=[world["owner"].pk]))
        .content.decode()
    )
    assert "Kajgatan 4, kafé" in html
    assert reverse("portal:premises_edit", args=[world["cafe"].pk]) in html


# The public page


@override_settings(PAGE_CACHE_SECONDS=300)
def test_visitors_see_vacant_premises_but_never_a_private_rent(world):
    cache.clear()
    for _ in range(2):  # the second answer comes from the page cache
        response = Client().get("/lediga-lokaler/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Kajgatan 4, butik" in html
        assert "Kajgatan 4, kafé" in html
        assert "Kajgatan 4, kontor" not in html
        assert "1,500–2,000" in html or "1 500–2 000" in html or "1500" in html
        assert "3,000" not in html and "3 000" not in html and "3000" not in html
        assert "uthyrning@example.com" in html
        assert 'class="district-map"' in html


@override_settings(PAGE_CACHE_SECONDS=300)
def test_the_page_cache_is_purged_when_premises_change(
    world, django_capture_on_commit_callbacks
):
    cache.clear()
    assert "Torget 1, hörnet" not in Client().get("/lediga-lokaler/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.premises_set_status(
            premises=world["corner"], by=world["other_admin"], status="vacant"
        )
    assert "Torget 1, hörnet" in Client().get("/lediga-lokaler/").content.decode()


def test_the_filters_narrow_the_list(world):
    def listed(**params) -> set[str]:
        html = Client().get("/lediga-lokaler/", params).content.decode()
        return {n for n in ("Kajgatan 4, butik", "Kajgatan 4, kafé") if n in html}

    assert listed(use="restaurant") == {"Kajgatan 4, kafé"}
    assert listed(min="100") == {"Kajgatan 4, butik"}
    assert listed(max="90") == {"Kajgatan 4, kafé"}
    assert listed(area=str(world["square"].pk)) == set()
    assert listed(area="x", min="abc", use="<b>") == {
        "Kajgatan 4, butik",
        "Kajgatan 4, kafé",
    }


def test_the_public_page_costs_few_queries(
    world, settings, django_assert_max_num_queries
):
    settings.FRAGMENT_CACHE_SECONDS = 600
    cache.clear()
    Client().get("/lediga-lokaler/")
    with django_assert_max_num_queries(15):
        assert Client().get("/lediga-lokaler/").status_code == 200


# Search requests and matching


def told(user) -> int:
    return Notification.objects.filter(user=user, event__kind="premises.match").count()


def test_a_search_request_tells_the_owner_once(
    world, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_create(
            by=world["business_admin"],
            organisation=world["business"],
            use="restaurant",
            min_m2=50,
            max_m2=150,
            areas=[world["quay"]],
            street_level=True,
        )
    assert list(request.matches.values_list("premises__name", flat=True)) == [
        "Kajgatan 4, kafé"
    ]
    assert told(world["owner_admin"]) == 1
    assert told(world["other_admin"]) == 0
    assert [m.to for m in mail.outbox] == [[world["owner_admin"].email]]
    # Let and vacant again: the same pair is not told twice.
    with django_capture_on_commit_callbacks(execute=True):
        services.premises_set_status(
            premises=world["cafe"], by=world["owner_admin"], status="let"
        )
        services.premises_set_status(
            premises=world["cafe"], by=world["owner_admin"], status="vacant"
        )
    assert told(world["owner_admin"]) == 1
    assert Match.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_new_vacancy_meets_the_open_requests(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_create(
            by=world["business_admin"],
            organisation=world["business"],
            use="shop",
            min_m2=150,
        )
        assert told(world["other_admin"]) == 0
        services.premises_set_status(
            premises=world["corner"], by=world["other_admin"], status="vacant"
        )
    assert told(world["other_admin"]) == 1


def test_a_closed_request_meets_no_new_vacancy(
    world, django_capture_on_commit_callbacks
):
    made = services.request_create(
        by=world["business_admin"],
        organisation=world["business"],
        use="shop",
        min_m2=150,
    )
    url = reverse("portal:premises_request_close", args=[made.pk])
    # Someone else's request is not found.
    assert signed_in(world["owner_admin"]).post(url).status_code == 404
    client = signed_in(world["business_admin"])
    assert client.post(url).status_code == 302
    made.refresh_from_db()
    closed = made.closed_at
    assert closed is not None
    client.post(url)  # again: nothing changes
    made.refresh_from_db()
    assert made.closed_at == closed
    assert "Close the search request" not in client.get(
        reverse("portal:premises_requests")
    ).content.decode("utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        services.premises_set_status(
            premises=world["corner"], by=world["other_admin"], status="vacant"
        )
    assert told(world["other_admin"]) == 0


def test_the_secretariat_removes_a_request_on_its_business_request(world):
    made = services.request_create(
        by=None, name="Bageriet Vågen", email="hej@bageriet.example", use="shop"
    )
    with pytest.raises(PermissionDenied):
        services.request_remove(by=world["business_admin"], request=made)
    staff = signed_in(SecretariatUserFactory())
    response = staff.post(f"/admin/premises/requests/{made.pk}/remove/")
    assert response.status_code == 302
    assert not PremisesRequest.objects.filter(pk=made.pk).exists()
    assert not Match.objects.filter(request_id=made.pk).exists()


def test_a_business_leaves_a_request_in_the_portal(world):
    client = signed_in(world["business_admin"])
    url = reverse("portal:premises_request_new")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisation": world["business"].pk,
            "use": "shop",
            "min_m2": "100",
            "max_m2": "150",
            "areas": [world["quay"].pk],
            "note": "Ett bageri.",
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("portal:premises_requests")).content.decode()
    assert "Kajgatan 4, butik" in html


def test_the_portal_leads_a_member_to_the_search_requests(world):
    requests = reverse("portal:premises_requests")
    with translation.override("en"):
        html = signed_in(world["business_admin"]).get("/en/portal/").content.decode()
    # In the portal's navigation and among the dashboard's shortcuts.
    assert html.count(f'href="/en{requests}"') == 2
    assert "Look for premises" in html
    # Someone acting for no organisation cannot make one: no link.
    loner = signed_in(MemberUserFactory())
    assert f'href="/en{requests}"' not in loner.get("/en/portal/").content.decode()


def test_a_business_outside_the_register_leaves_a_request_on_the_public_page(
    world, django_capture_on_commit_callbacks
):
    cache.clear()
    page = world["page"]
    url = page.url + page.reverse_subpage("request_route")
    client = Client()
    assert f'href="{url}"' in client.get(page.url).content.decode()
    form = client.get(url)
    assert form.status_code == 200
    assert form.get("X-Page-Cache") != "hit"
    data = {
        "name": "Bageriet Vågen",
        "email": "hej@bageriet.example",
        "use": "shop",
        "min_m2": "100",
        "max_m2": "150",
        "areas": [world["quay"].pk],
        "note": "Ett bageri med kafé.",
        "consent": "on",
    }
    # Without the agreement to be contacted nothing is saved, and it says why.
    refused = client.post(url, {**data, "consent": ""})
    assert refused.status_code == 200
    assert 'aria-invalid="true"' in refused.content.decode()
    assert not PremisesRequest.objects.filter(name="Bageriet Vågen").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == page.url
    made = PremisesRequest.objects.get(name="Bageriet Vågen")
    assert made.email == "hej@bageriet.example" and made.organisation is None
    assert [m.premises for m in made.matches.all()] == [world["shop"]]
    assert told(world["owner_admin"]) == 1
    (email,) = [m for m in mail.outbox if "hej@bageriet.example" in m.body]
    assert email.to == [world["owner_admin"].email]


def test_a_request_for_someone_elses_organisation_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.request_create(
            by=world["business_admin"], organisation=world["owner"], use="shop"
        )
    response = signed_in(world["business_admin"]).post(
        reverse("portal:premises_request_new"),
        {"organisation": world["owner"].pk, "use": "shop", "min_m2": "0"},
    )
    assert response.status_code == 200
    assert not Premises.objects.filter(matches__isnull=False).exists()


def test_the_secretariat_sees_requests_and_matches_over_time(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_create(
            by=None, name="Ateljé Norrsken", email="hej@example.com", use="shop"
        )
    html = (
        signed_in(SecretariatUserFactory())
        .get(reverse("premises_admin_requests"))
        .content.decode()
    )
    assert "Ateljé Norrsken" in html
    assert "Kajgatan 4, butik" in html
    assert signed_in(world["owner_admin"]).get(
        reverse("premises_admin_requests")
    ).status_code in (302, 403)


def test_an_owner_marks_a_shop_vacant_and_the_page_and_indicator_follow(
    world, django_capture_on_commit_callbacks
):
    client = signed_in(world["other_admin"])
    url = reverse("portal:premises_status", args=[world["corner"].pk])
    page = reverse("portal:organisation", args=[world["other"].pk])
    assert url in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"status": "vacant"}).status_code == 302
    assert "Torget 1, hörnet" in Client().get("/lediga-lokaler/").content.decode()
    assert latest(world) == vacancy_share() == Decimal("100.00")
    # Another organisation's premises cannot be marked (404), nor a bad status.
    other = reverse("portal:premises_status", args=[world["shop"].pk])
    assert client.post(other, {"status": "let"}).status_code == 404
    client.post(url, {"status": "gone"})
    world["corner"].refresh_from_db()
    assert world["corner"].status == "vacant"


def test_the_open_data_lists_vacant_premises_without_private_rents(world):
    response = Client().get("/open-data/premises.csv")
    assert response.status_code == 200
    text = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    assert "Kajgatan 4, butik" in text and "1500_2000" in text
    assert "Kajgatan 4, kafé" in text and "over_3000" not in text
    assert "Kajgatan 4, kontor" not in text


def test_the_indicator_is_fed_as_precisely_as_the_board_set_it():
    whole = Indicator(baseline_value=Decimal("8"), target_value=Decimal("6"))
    exact = Indicator(baseline_value=Decimal("8.5"), target_value=Decimal("6"))
    assert at_precision(Decimal("7.69"), whole) == Decimal("8")
    assert at_precision(Decimal("7.49"), whole) == Decimal("7")
    assert at_precision(Decimal("7.69"), exact) == Decimal("7.69")
