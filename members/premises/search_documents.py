"""Vacant premises in the search, for everyone, linking to their entry on the
public page; let and reserved premises are not found, and an asking rent only
when the owner made it public.

Search requests for premises are left out: they carry a business's contact
details, and the secretariat reads them all on its own screen."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from bid import languages
from bid.access import PUBLIC
from members.premises.models import Premises, Use
from members.premises.pages import PremisesIndexPage
from search.documents import SearchDocument, in_every_language, plain_text
from search.registry import SearchSource, index_page, register, swap_prefix


@register
class PremisesSource(SearchSource):
    model = Premises

    def queryset(self):
        return Premises.objects.select_related("property", "property__area")

    def localize_url(self, url: str, language: str) -> str:
        return swap_prefix(url, PremisesIndexPage, language)

    def documents(self, premises) -> list[SearchDocument]:
        if premises.status != Premises.Status.VACANT:
            return []
        # Only the public page lists vacancies: without it nothing is public.
        index = index_page(PremisesIndexPage)
        if index is None or not index.url:
            return []
        prop = premises.property
        area = prop.area.name if prop.area_id else ""
        with translation.override(languages.default()):
            rent = premises.shown_rent()
        labels = [Use(premises.use).label]
        if premises.street_level:
            labels.append(_("at street level"))
        if rent:
            labels.append(Premises._meta.get_field("rent_band").verbose_name)
        body = " ".join(
            (
                prop.street_address,
                area,
                f"{premises.floor_area_m2} m²",
                str(rent),
                premises.description,
                *in_every_language(*labels),
            )
        )
        return [
            SearchDocument(
                id=f"premises:{premises.pk}",
                group=self.group(premises.pk),
                type="premises",
                title=premises.name,
                body=plain_text(body),
                language="sv",
                url=f"{index.url}#premises-{premises.pk}",
                visibility=PUBLIC,
                areas=[area] if area else [],
                date=premises.vacant_since,
            )
        ]
