"""The data migrations that turn the area names typed as text (a property's
area, a proposal's and a priority's comma-separated areas) into links to the
situational picture's areas: a name matches an area's name or short name
whatever its case and spacing; a name that matches none leaves no link."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from members.areas.models import Area
from tests.factories.areas import square

ACCOUNTS = MigrationLoader(None).graph.leaf_nodes("accounts")[0][1]
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [
    ("areas", "0006_safetywalk_kind"),
    ("accounts", ACCOUNTS),
    ("organisations", "0004_property_position"),
    ("proposals", "0005_names_not_addresses"),
    ("home", "0014_names_not_addresses"),
]
AFTER = [
    ("organisations", "0005_property_area_record"),
    ("proposals", "0006_discontinued_and_area_records"),
    ("home", "0015_area_records"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    """The tables as they were before the areas became records; the latest
    state again afterwards."""
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_names_become_links_whatever_their_case_and_unknown_names_none(old_apps):
    apps = old_apps
    OldArea = apps.get_model("areas", "Area")
    centrum = OldArea.objects.create(
        name="Centrum", slug="centrum", boundary=square(11.95, 57.70)
    )
    hamnen = OldArea.objects.create(
        name="Hamnpromenaden", slug="hamnen", boundary=square(11.97, 57.70)
    )
    Organisation = apps.get_model("organisations", "Organisation")
    owner = Organisation.objects.create(
        legal_name="Kajen AB",
        country="SE",
        org_number="5566778899",
        type="property_owner",
        street_address="Kajgatan 2",
        postal_code="120 30",
        city="Västerhamn",
        invoice_email="faktura@kajen.example",
    )
    Property = apps.get_model("organisations", "Property")

    def prop(n, area):
        return Property.objects.create(
            owner=owner,
            designation=f"Kajen {n}",
            street_address="Kajgatan 2",
            area=area,
            gross_floor_area_m2=100,
            use_category="office",
        ).pk

    properties = {
        "cased": prop(1, " CENTRUM "),
        "slug": prop(2, "Hamnen"),
        "unknown": prop(3, "Utanför distriktet"),
        "empty": prop(4, ""),
    }
    Proposal = apps.get_model("proposals", "Proposal")
    PriorityPage = apps.get_model("home", "PriorityPage")
    priority_pk = _priority(apps)
    User = apps.get_model("accounts", "User")
    author = User.objects.create(email="karin@kajen.example")

    def proposal(title, areas):
        return Proposal.objects.create(
            title=title,
            summary="S",
            description="D",
            organisation=owner,
            author=author,
            priority_id=priority_pk,
            areas=areas,
            estimated_cost_minor=100,
            requested_funding_minor=50,
        ).pk

    proposals = {
        "two": proposal("Två", "centrum, HAMNPROMENADEN"),
        "partly": proposal("Delvis", "Centrum, Ingenstans"),
        "none": proposal("Inga", "Ingenstans"),
    }
    PriorityPage.objects.filter(pk=priority_pk).update(areas="hamnpromenaden,  Okänt")

    for app, name in AFTER:
        module = importlib.import_module(f"{_package(app)}.migrations.{name}")
        assert hasattr(module, "link_areas")
    migrate(AFTER)

    from_property = dict(
        _table("organisations_property", "id", "area_id", properties.values())
    )
    assert from_property[properties["cased"]] == centrum.pk
    assert from_property[properties["slug"]] == hamnen.pk
    assert from_property[properties["unknown"]] is None
    assert from_property[properties["empty"]] is None
    links = {}
    for proposal_pk, area_pk in _table(
        "proposals_proposal_areas", "proposal_id", "area_id", proposals.values()
    ):
        links.setdefault(proposal_pk, set()).add(area_pk)
    assert links.get(proposals["two"]) == {centrum.pk, hamnen.pk}
    assert links.get(proposals["partly"]) == {centrum.pk}
    assert proposals["none"] not in links
    priority_links = _table(
        "home_prioritypage_district_areas", "prioritypage_id", "area_id", [priority_pk]
    )
    assert [area for _page, area in priority_links] == [hamnen.pk]
    assert Area.objects.count() == 2


def _package(app: str) -> str:
    return "home" if app == "home" else f"members.{app}"


def _table(table: str, key: str, value: str, keys) -> list[tuple]:
    keys = list(keys)
    marks = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key}, {value} FROM {table} WHERE {key} IN ({marks})",
            keys,
        )
        return list(cursor.fetchall())


def _priority(apps) -> int:
    """A priority page row, made the way the historical models allow: under a
    plan under the tree's root."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    PriorityPage = apps.get_model("home", "PriorityPage")
    locale = Locale.objects.first() or Locale.objects.create(language_code="sv")
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(
        app_label="home", model="prioritypage"
    )
    page = PriorityPage.objects.create(
        title="Trygghet",
        slug="trygghet-migrering",
        path=f"{root.path}9999",
        depth=2,
        content_type=content_type,
        locale=locale,
        summary="S",
    )
    return page.pk
