"""A small premises register for the tests: two owners with properties in two
areas, premises let and vacant, a business looking for premises, the public
page under the home page and the plan's vacancy indicator."""

import datetime

from members.premises.models import Premises, VacancyIndicator
from members.premises.pages import PremisesIndexPage
from members.premises.services import premises_create
from tests.factories.areas import area
from tests.factories.contributions import member
from tests.factories.organisations import OrganisationMemberFactory, PropertyFactory
from tests.factories.pages import site_home
from tests.factories.plan import IndicatorFactory, plan_with_priorities

SINCE = datetime.date(2026, 9, 1)


def premises(prop, name: str, **fields) -> Premises:
    values = {
        "use": "shop",
        "floor_area_m2": 100,
        "street_level": True,
        "status": "let",
        "contact_email": "uthyrning@example.com",
        **fields,
    }
    if values["status"] == "vacant":
        values.setdefault("vacant_since", SINCE)
    return premises_create(prop=prop, by=None, name=name, **values)


def build() -> dict:
    home = site_home()
    _plan, (priority,) = plan_with_priorities(home, 1)
    indicator = IndicatorFactory(
        priority=priority, name="Vakanta lokaler i gatuplan", direction="lower"
    )
    VacancyIndicator.objects.create(indicator=indicator)
    owner, owner_admin = member(legal_name="Kajfastigheter AB", properties=())
    other, other_admin = member(legal_name="Hamnens Bostäder AB", properties=())
    contact = OrganisationMemberFactory(organisation=owner, role="contact").user
    business, business_admin = member(legal_name="Kaffekoppen AB", properties=())
    quay = area("Kajen", owner)
    square = area("Torget", other, west=11.97)
    kajgatan = PropertyFactory(
        owner=owner,
        area=quay,
        street_address="Kajgatan 4",
        latitude=57.705,
        longitude=11.955,
    )
    torget = PropertyFactory(owner=other, area=square, street_address="Torget 1")
    world = {
        "home": home,
        "indicator": indicator,
        "owner": owner,
        "owner_admin": owner_admin,
        "owner_contact": contact,
        "other": other,
        "other_admin": other_admin,
        "business": business,
        "business_admin": business_admin,
        "quay": quay,
        "square": square,
        "kajgatan": kajgatan,
        "torget": torget,
    }
    world["shop"] = premises(
        kajgatan,
        "Kajgatan 4, butik",
        floor_area_m2=120,
        status="vacant",
        rent_band="1500_2000",
        rent_public=True,
    )
    world["cafe"] = premises(
        kajgatan,
        "Kajgatan 4, kafé",
        use="restaurant",
        floor_area_m2=80,
        status="vacant",
        rent_band="over_3000",
        rent_public=False,
    )
    world["office"] = premises(
        kajgatan,
        "Kajgatan 4, kontor",
        use="office",
        floor_area_m2=400,
        street_level=False,
    )
    world["corner"] = premises(torget, "Torget 1, hörnet", floor_area_m2=200)
    page = PremisesIndexPage(title="Lediga lokaler", slug="lediga-lokaler")
    home.add_child(instance=page)
    world["page"] = page
    return world
