"""The vacant premises as open data: what the public page shows, never a
private asking rent."""

from collections.abc import Iterable
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from bid.opendata import CsvFile, Dataset, last_changed, register
from members.premises.selectors import vacant_premises

COLUMNS = (
    "id",
    "name",
    "street_address",
    "area",
    "use",
    "floor_area_m2",
    "street_level",
    "vacant_since",
    "rent_band",
    "latitude",
    "longitude",
    "contact_email",
)


def premises_rows(request, language: str) -> Iterable[dict]:
    for premises in vacant_premises():
        prop = premises.property
        yield {
            "id": premises.pk,
            "name": premises.name,
            "street_address": prop.street_address,
            "area": prop.area.name if prop.area_id else "",
            "use": premises.use,
            "floor_area_m2": premises.floor_area_m2,
            "street_level": premises.street_level,
            "vacant_since": premises.vacant_since,
            # Only a rent the owner made public.
            "rent_band": premises.rent_band if premises.rent_public else "",
            "latitude": prop.latitude,
            "longitude": prop.longitude,
            "contact_email": premises.contact_email,
        }


def premises_changed() -> datetime | None:
    return last_changed(vacant_premises())


register(
    Dataset(
        slug="premises",
        order=45,
        name=_("Vacant premises"),
        description=_(
            "The vacant premises in the members' properties: use, floor area, "
            "street level, since when, and the asking rent band (SEK per m² and "
            "year) where the owner made it public."
        ),
        files=(
            CsvFile(
                slug="premises",
                label=_("Vacant premises as CSV"),
                row=_("One vacant premises, street level first."),
                columns=COLUMNS,
                rows=premises_rows,
            ),
        ),
        json=(),
        changed=premises_changed,
    )
)
