"""Pages that read their query string (filters, years, weeks, pages): any
value answers a page or a 4xx, never a server error."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.factories.accounts import AdminUserFactory, SecretariatUserFactory
from tests.factories.areas import area
from tests.factories.contributions import member
from tests.factories.meetings import published_meeting
from tests.fuzz.test_forms import NASTY, signed_in

pytestmark = pytest.mark.django_db

values = st.sampled_from(NASTY) | st.text(max_size=20)


@dataclass
class Page:
    client: Client
    url: str
    params: list[str]


def proposals():
    _organisation, user = member()
    return Page(
        signed_in(user),
        reverse("portal:proposals"),
        ["priority", "area", "status", "sort", "page"],
    )


def situation():
    kajen, user = member(legal_name="Kajen AB")
    area("Centrum", kajen)
    return Page(signed_in(user), reverse("portal:situation"), ["year", "week"])


def situation_report():
    kajen, user = member(legal_name="Kajen AB")
    area("Centrum", kajen)
    return Page(
        signed_in(user),
        reverse("portal:situation_report"),
        ["area", "organisation", "year", "week"],
    )


def actions():
    return Page(
        signed_in(SecretariatUserFactory()), reverse("portal:actions"), ["status"]
    )


def contributions_overview():
    return Page(
        signed_in(AdminUserFactory()), reverse("contributions_overview"), ["year"]
    )


def meeting_inspect():
    meeting = published_meeting()
    return Page(
        signed_in(SecretariatUserFactory()),
        reverse("meetings_meeting:inspect", args=[meeting.pk]),
        ["correct"],
    )


def notifications():
    _organisation, user = member()
    return Page(signed_in(user), reverse("portal:notifications"), ["page"])


def open_data():
    return Page(Client(), reverse("open_data_csv", args=["members"]), ["lang"])


PAGES = [
    proposals,
    situation,
    situation_report,
    actions,
    contributions_overview,
    meeting_inspect,
    notifications,
    open_data,
]


@pytest.mark.parametrize("make", PAGES, ids=lambda make: make.__name__)
def test_any_query_string_answers_without_a_server_error(make):
    page = make()

    @settings(max_examples=20)
    @given(st.fixed_dictionaries(dict.fromkeys(page.params, values)))
    @example(dict.fromkeys(page.params, "abc"))
    @example(dict.fromkeys(page.params, "9" * 40))
    def get(params):
        response = page.client.get(page.url, params)
        assert response.status_code in {200, 302, 400, 403, 404}, params

    get()
