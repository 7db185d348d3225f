"""Meeting records in the search: the meeting and its agenda for its audience;
once the minutes are published, the minutes of each item, the decisions and the
text of the attachments."""

from django.urls import reverse
from django.utils import timezone

from members.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingAttachment,
    MeetingEvent,
    MinutesRevision,
)
from members.meetings.pages import MeetingIndexPage
from search.documents import SearchDocument, plain_text
from search.registry import (
    SearchSource,
    index_page,
    register,
    swap_prefix,
    translated_path,
)


@register
class MeetingSource(SearchSource):
    model = Meeting
    related = {
        AgendaItem: "meeting",
        Decision: "meeting",
        MeetingAttachment: "meeting",
        MinutesRevision: "meeting",
        # Every step of the record (held, published, corrected) is an event.
        MeetingEvent: "meeting",
    }

    def queryset(self):
        return Meeting.objects.select_related("body")

    def localize_url(self, url: str, language: str) -> str:
        if "/portal/" in url:
            return translated_path(url, language)
        return swap_prefix(url, MeetingIndexPage, language)

    def documents(self, meeting) -> list[SearchDocument]:
        index = index_page(MeetingIndexPage)
        base = index.meeting_url(meeting) if index else ""
        on = timezone.localdate(meeting.starts_at)
        common = {
            "group": self.group(meeting.pk),
            "language": "sv",
            "visibility": meeting.visibility,
            "committee": meeting.body.name,
            "date": on,
        }
        items = list(meeting.agenda_items.all())
        agenda = " ".join(f"{item.title} {item.description}" for item in items)
        documents = [
            SearchDocument(
                id=f"meeting:{meeting.pk}",
                type="meeting",
                title=meeting.title,
                body=plain_text(f"{agenda} {meeting.place}"),
                url=base,
                **common,
            )
        ]
        for attachment in meeting.attachments.all():
            documents.append(
                SearchDocument(
                    id=f"attachment:{attachment.pk}",
                    type="attachment",
                    title=attachment.title,
                    body=attachment.extracted_text,
                    url=reverse("portal:meeting_attachment", args=[attachment.pk]),
                    **common,
                )
            )
        if not meeting.minutes_public:
            return documents
        for number, item in enumerate(items, start=1):
            if item.minutes:
                documents.append(
                    SearchDocument(
                        id=f"minutes:{item.pk}",
                        type="minutes",
                        title=f"{meeting.title}: {item.title}",
                        body=plain_text(item.minutes),
                        url=f"{base}#item-{number}",
                        **common,
                    )
                )
        for decision in meeting.decisions.prefetch_related("priorities"):
            documents.append(
                SearchDocument(
                    id=f"decision:{decision.pk}",
                    type="decision",
                    title=f"§ {decision.number} {meeting.title}",
                    body=plain_text(decision.text),
                    url=index.decision_url(decision) if index else base,
                    priorities=[p.title for p in decision.priorities.all()],
                    **common,
                )
            )
        return documents
