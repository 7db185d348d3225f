"""Every portal page shows where it stands: a breadcrumb trail whose root is
the member portal's dashboard (`{% portal_breadcrumbs %}`), the same pattern
as the public pages' trails."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from tests.factories.organisations import organisation_with_admin
from tests.trails import trail

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    ("portal:agreements", "Agreements"),
    ("portal:contributions", "Contributions"),
    ("portal:notifications", "Notifications"),
    ("portal:proposals", "Proposals"),
    ("portal:adjustments", "Minutes to adjust"),
    ("portal:situation", "Situational picture"),
    ("portal:actions", "Action plans"),
    ("portal:walks", "Safety walks"),
]


@pytest.mark.parametrize(("name", "title"), LIST_PAGES)
def test_a_portal_section_is_one_step_below_the_dashboard(client_for, name, title):
    client = client_for("board")
    with override("sv"):  # the district's language, the page's too
        expected = [("Medlemsportalen", reverse("portal:dashboard")), (_(title), None)]
    assert trail(client.get(reverse(name))) == expected


def test_an_organisation_page_is_one_step_below_the_dashboard(client_for):
    organisation, user = organisation_with_admin()
    client = client_for("member", user)
    response = client.get(
        reverse("portal:organisation", args=[organisation.pk]),
    )
    assert trail(response) == [
        ("Medlemsportalen", reverse("portal:dashboard")),
        (organisation.legal_name, None),
    ]


@pytest.mark.parametrize(
    ("name", "section", "section_name", "title"),
    [
        (
            "portal:my_proposals",
            "Proposals",
            "portal:proposals",
            "My organisation's proposals",
        ),
        (
            "portal:proposal_create",
            "Proposals",
            "portal:proposals",
            "Propose a project",
        ),
        (
            "portal:notification_settings",
            "Notifications",
            "portal:notifications",
            "Notification settings",
        ),
        (
            "portal:premises_request_new",
            "Your search requests",
            "portal:premises_requests",
            "Looking for premises",
        ),
    ],
)
def test_a_form_page_is_below_its_section(
    client_for, name, section, section_name, title
):
    _organisation, user = organisation_with_admin()
    with override("sv"):
        expected = [
            ("Medlemsportalen", reverse("portal:dashboard")),
            (_(section), reverse(section_name)),
            (_(title), None),
        ]
    assert trail(client_for("member", user).get(reverse(name))) == expected


def test_an_organisations_forms_are_below_the_organisation(client_for):
    organisation, user = organisation_with_admin()
    client = client_for("member", user)
    portal = ("Medlemsportalen", reverse("portal:dashboard"))
    home = (
        organisation.legal_name,
        reverse("portal:organisation", args=[organisation.pk]),
    )
    for name, title in [
        ("portal:organisation_edit", "Redigera organisationen"),
        ("portal:property_add", "Lägg till en fastighet"),
    ]:
        response = client.get(reverse(name, args=[organisation.pk]))
        assert trail(response) == [portal, home, (title, None)], name
