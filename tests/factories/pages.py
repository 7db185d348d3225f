import wagtail_factories
from wagtail.models import Locale, Site

from home.models import DistrictSettings, HomePage, StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Om oss"
    slug = "om-oss"
    intro = "En kort introduktion."
    show_in_menus = True

    class Meta:
        model = StandardPage


def site_home(language_code: str = "sv") -> HomePage:
    """The site's home page in a language (the migration creates the Swedish one)."""
    home = HomePage.objects.get(locale__language_code="sv", depth=2)
    if language_code == "sv":
        return home
    locale = Locale.objects.get(language_code=language_code)
    translation = home.get_translation_or_none(locale)
    if translation is None:
        translation = home.copy_for_translation(locale)
        translation.save_revision().publish()
    return translation.specific


def district_settings(**overrides) -> DistrictSettings:
    values = {
        "organisation_name": "Teststaden BID",
        "email": "info@teststaden.example",
        "phone": "+46 8 000 00 00",
        "street_address": "Storgatan 1",
        "postal_code": "111 22",
        "city": "Teststaden",
    }
    values.update(overrides)
    site = Site.objects.get(is_default_site=True)
    settings_row, _ = DistrictSettings.objects.update_or_create(
        site=site, defaults=values
    )
    return settings_row
