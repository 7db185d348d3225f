"""Demo premises (premises.toml): premises on every demo property, four
vacancies at street level, two search requests with one match, the public
page in every language and the plan's vacancy indicator fed from the
register. Everything goes through the services; loading twice adds nothing."""

import datetime

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page

from bid import demo, languages
from members.accounts import demo as people
from members.areas.models import Area
from members.organisations.models import Organisation, Property
from members.premises import services
from members.premises.models import Premises, PremisesRequest, VacancyIndicator
from members.premises.pages import PremisesIndexPage

# What each kind of property holds: (suffix, use, share of the gross floor
# area, at street level), the first at street level.
LAYOUT = {
    "retail": [("butik", "shop", 0.15, True), ("lager", "other", 0.05, False)],
    "mixed": [
        ("butik", "shop", 0.07, True),
        ("service", "service", 0.05, True),
        ("kontor", "office", 0.10, False),
    ],
    "office": [("entréplan", "service", 0.07, True), ("kontor", "office", 0.2, False)],
    "residential": [("butik", "shop", 0.03, True)],
    "public": [("lokal", "other", 0.1, False)],
    "industrial": [("verkstad", "other", 0.3, False)],
}


def _home() -> Page:
    return Page.objects.get(locale__language_code=languages.default(), depth=2)


def load() -> None:
    spec = demo.data(__file__, "premises")
    demo.page_in_every_language(
        parent=_home(), model=PremisesIndexPage, text=spec["page"], show_in_menus=True
    )
    _vacancies(spec["vacant"])
    _the_rest()
    _requests(spec["requests"])
    _indicator(spec["indicator"]["name"])


def _vacancies(entries: list[dict]) -> None:
    today = timezone.localdate()
    for entry in entries:
        prop = Property.objects.filter(designation=entry["property"]).first()
        if prop is None or prop.premises.filter(name=entry["name"]).exists():
            continue
        fields = {
            key: entry[key]
            for key in (
                "use",
                "floor_area_m2",
                "rent_band",
                "rent_public",
                "contact_name",
                "contact_email",
                "contact_phone",
                "description",
            )
            if key in entry
        }
        services.premises_create(
            prop=prop,
            by=None,
            name=entry["name"],
            street_level=True,
            status=Premises.Status.VACANT,
            vacant_since=today - datetime.timedelta(days=entry["days_vacant"]),
            **fields,
        )


def _the_rest() -> None:
    """Let premises on each property that has none of its own kind yet."""
    for prop in Property.objects.select_related("owner").order_by("designation"):
        taken = set(prop.premises.values_list("use", "street_level"))
        for suffix, use, share, street in LAYOUT.get(prop.use_category, []):
            name = f"{prop.street_address}, {suffix}"
            if (use, street) in taken or prop.premises.filter(name=name).exists():
                continue
            services.premises_create(
                prop=prop,
                by=None,
                name=name,
                use=use,
                floor_area_m2=max(40, round(prop.gross_floor_area_m2 * share)),
                street_level=street,
                status=Premises.Status.LET,
                rent_band="1000_1500" if street else "",
            )


def _requests(entries: list[dict]) -> None:
    if PremisesRequest.objects.exists():
        return
    for entry in entries:
        organisation = Organisation.objects.filter(
            legal_name=entry.get("organisation", "")
        ).first()
        request = services.request_create(
            by=people.person(entry["by"]) if "by" in entry else None,
            organisation=organisation,
            name=entry.get("name", ""),
            email=entry.get("email", ""),
            use=entry["use"],
            min_m2=entry["min_m2"],
            max_m2=entry.get("max_m2"),
            street_level=entry.get("street_level", False),
            note=entry.get("note", ""),
            areas=list(Area.objects.filter(name__in=entry.get("areas", []))),
        )
        # Made some weeks ago, so that the secretariat's months show a history.
        made = timezone.now() - datetime.timedelta(days=entry.get("days_ago", 0))
        PremisesRequest.objects.filter(pk=request.pk).update(created_at=made)
        request.matches.update(created_at=made)


def _indicator(name: str) -> None:
    """The plan's vacancy indicator, fed from the register from now on."""
    indicator = apps.get_model("home", "Indicator").objects.filter(name=name).first()
    if indicator is None:
        return
    VacancyIndicator.objects.get_or_create(indicator=indicator)
    services.vacancy_record()
