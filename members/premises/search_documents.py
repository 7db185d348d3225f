"""Vacant premises in the search, for everyone, linking to their entry on the
public page, in each language of the site; let and reserved premises are not
found, and an asking rent only when the owner made it public.

Search requests for premises are left out: they carry a business's contact
details, and the secretariat reads them all on its own screen."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bid import languages
from bid.access import PUBLIC
from members.premises.models import Premises, Use
from members.premises.pages import PremisesIndexPage
from search.documents import SearchDocument, in_each_language, plain_text
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

        def build() -> list[SearchDocument]:
            # What the public page says of it, in the reader's language:
            # "Butik i gatuplan, 95 m², Tullgatan 3, Centrum. Hyresnivå …"
            use = str(Use(premises.use).label)
            if premises.street_level:
                use = f"{use} {_('at street level')}"
            size = f"{premises.floor_area_m2} m²"
            body = ", ".join(p for p in (use, size, prop.street_address, area) if p)
            body += "."
            if rent := premises.shown_rent():
                label = Premises._meta.get_field("rent_band").verbose_name
                body += f" {capfirst(label)} {rent}."
            return [
                SearchDocument(
                    id=f"premises:{premises.pk}",
                    group=self.group(premises.pk),
                    type="premises",
                    title=premises.name,
                    body=plain_text(f"{body} {premises.description}"),
                    language=languages.default(),
                    url=f"{index.url}#premises-{premises.pk}",
                    visibility=PUBLIC,
                    areas=[area] if area else [],
                    date=premises.vacant_since,
                )
            ]

        return in_each_language(build)
