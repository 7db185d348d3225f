"""Agreements in the search: every agreement for the board and the secretariat,
linking to the register in the admin, and the same agreement for the people of
its counterparty, linking to the portal. The value and the note stay out of
the members' document. Each is there in every language of the site, its kind
in that language."""

from django.urls import reverse

from bid import languages
from bid.access import BOARD, ORGANISATION
from members.agreements.models import Agreement, AgreementDocument, Obligation
from search.documents import SearchDocument, in_each_language, plain_text
from search.registry import SearchSource, register, translated_path


@register
class AgreementSource(SearchSource):
    model = Agreement
    related = {Obligation: "agreement", AgreementDocument: "agreement"}

    def queryset(self):
        return Agreement.objects.select_related(
            "counterparty", "priority"
        ).prefetch_related("obligations", "documents")

    def localize_url(self, url: str, language: str) -> str:
        if "/portal/" in url:
            return translated_path(url, language)
        return url

    def documents(self, agreement) -> list[SearchDocument]:
        return in_each_language(lambda: self._documents(agreement))

    def _documents(self, agreement) -> list[SearchDocument]:
        shared = " ".join(
            [
                str(Agreement.Kind(agreement.kind).label),
                agreement.party_label,
                *(obligation.title for obligation in agreement.obligations.all()),
                *(document.title for document in agreement.documents.all()),
            ]
        )
        common = {
            "group": self.group(agreement.pk),
            "type": "agreement",
            "title": agreement.title,
            "language": languages.default(),
            "priorities": [agreement.priority.title] if agreement.priority_id else [],
            "date": agreement.starts_on,
        }
        # Staff do not read other organisations' own records, and the people
        # of the counterparty may not open the admin: one document each.
        documents = [
            SearchDocument(
                id=f"agreement:{agreement.pk}",
                body=plain_text(f"{shared} {agreement.note}"),
                url=reverse("agreements_edit", args=[agreement.pk]),
                visibility=BOARD,
                **common,
            )
        ]
        if agreement.counterparty_id:
            documents.append(
                SearchDocument(
                    id=f"agreement-party:{agreement.pk}",
                    body=plain_text(shared),
                    url=reverse("portal:agreement_detail", args=[agreement.pk]),
                    visibility=ORGANISATION,
                    organisation_id=agreement.counterparty_id,
                    **common,
                )
            )
        return documents
