"""The demo district's organisations and their properties (organisations.toml),
registered through the services the portal uses; the applications follow in
the enrolment demo."""

from decimal import Decimal

from django.utils.text import slugify

from bid import demo
from members.accounts import demo as people
from members.organisations import services
from members.organisations.models import Organisation, Property


def _exact_position(prop: dict) -> dict:
    """TOML reads a position as a float; the register keeps six decimals."""
    return {
        name: Decimal(str(value)) if name in ("latitude", "longitude") else value
        for name, value in prop.items()
    }


def _areas() -> dict:
    """The district's areas by name (the areas demo loads them first); the
    areas app sits above this one, so the relation names their model."""
    Area = Property._meta.get_field("area").related_model
    return {area.name: area for area in Area.objects.all()}


def _fields(prop: dict, areas: dict) -> dict:
    """A property outside every area names none."""
    return {**_exact_position(prop), "area": areas.get(prop.get("area"))}


def load() -> None:
    """Each organisation once, registered by its administrator (the
    secretariat where it has none) with its properties."""
    spec = demo.data(__file__, "organisations")
    address = spec["address"]
    secretariat = people.person("sekretariat")
    areas = _areas()
    for entry in spec["organisations"]:
        if Organisation.objects.filter(legal_name=entry["legal_name"]).exists():
            continue
        admin = people.person(entry["admin"]) if "admin" in entry else secretariat
        properties = entry["properties"]
        organisation = services.organisation_create(
            by=admin,
            legal_name=entry["legal_name"],
            type=entry["type"],
            country=entry["country"],
            org_number=entry["org_number"],
            street_address=(
                properties[0]["street_address"]
                if properties
                else address["street_address"]
            ),
            postal_code=address["postal_code"],
            city=address["city"],
            invoice_email=address["invoice_email"].format(
                slug=slugify(entry["legal_name"])
            ),
            listed_publicly=entry["listed_publicly"],
            public_description=entry["public_description"],
            **entry.get("invoicing", {}),
        )
        if admin == secretariat:
            # No service sets this: it is the secretariat's own mark.
            organisation.managed_by_secretariat = True
            organisation.save(update_fields=["managed_by_secretariat"])
        for prop in properties:
            services.property_add(
                organisation=organisation, by=admin, **_fields(prop, areas)
            )
    # Demo databases from before e-invoicing learn the public buyers' details.
    for entry in spec["organisations"]:
        if entry.get("invoicing"):
            Organisation.objects.filter(
                legal_name=entry["legal_name"], peppol_id=""
            ).update(**entry["invoicing"])
    # Those from before the areas were records learn their properties' areas.
    for entry in spec["organisations"]:
        for prop in entry["properties"]:
            if prop.get("area") in areas:
                Property.objects.filter(
                    designation=prop["designation"], area=None
                ).update(area=areas[prop["area"]])
    # And those from before properties had positions learn where they are.
    for entry in spec["organisations"]:
        for prop in entry["properties"]:
            if "latitude" in prop:
                Property.objects.filter(
                    designation=prop["designation"], latitude=None
                ).update(
                    latitude=Decimal(str(prop["latitude"])),
                    longitude=Decimal(str(prop["longitude"])),
                )
