"""The demo district's meeting records (meetings.toml): three bodies and about
thirty meetings over two years, with agendas, adjusted minutes, numbered
decisions (some on proposals), board papers as PDFs with real text, minutes
waiting for adjustment and meetings still to come; then the meetings index
(pages.toml).

Decisions are numbered through `decision_add` and the minutes still out for
adjustment go through the adjustment services. The meetings of the past are
written as they stand today, dated as they happened: the services would date
every step now and tell each body's followers of meetings long over."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from bid import demo, languages
from members.accounts import demo as people
from members.meetings import services
from members.meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    Decision,
    Meeting,
    MeetingAdjuster,
    MeetingAttachment,
    MeetingEvent,
)
from members.meetings.pages import MeetingIndexPage
from members.meetings.pdf import text_pdf
from members.organisations.models import Organisation
from members.proposals.models import Proposal

DECIDED = ("accepted", "rejected", "in_progress", "completed")


def load(*, home: Page) -> None:
    """The meeting records once, then the meetings index page."""
    spec = demo.data(__file__, "meetings")
    if not Meeting.objects.exists():
        _meetings(spec)
    demo.page_in_every_language(
        parent=home,
        model=MeetingIndexPage,
        text=demo.data(__file__, "pages")["meetings"],
        show_in_menus=True,
    )


def _bodies(spec: dict, organisations: dict) -> dict[str, Body]:
    fields = ("slug", "name", "description", "default_visibility", "sort_order")
    bodies = {}
    for entry in spec["bodies"]:
        body, created = Body.objects.get_or_create(
            slug=entry["slug"], defaults={name: entry[name] for name in fields}
        )
        bodies[body.slug] = body
        if not created:
            continue
        for person in spec["people"]:
            if body.slug in person["roles"]:
                BodyMember.objects.create(
                    body=body,
                    user=people.person(person["person"]),
                    name=person["name"],
                    organisation=organisations.get(person.get("organisation")),
                    role=person["roles"][body.slug],
                )
        for guest in spec["guests"]:
            if body.slug in guest["roles"]:
                BodyMember.objects.create(
                    body=body,
                    name=guest["name"],
                    organisation=organisations.get(guest["organisation"]),
                    role=guest["roles"][body.slug],
                )
    return bodies


def _schedule(spec: dict, today: datetime.date) -> list[dict]:
    """The held meetings of the years in the data and those still to come,
    whenever the demo is loaded; in date order."""
    meetings = [
        {"body": body["slug"], "day": datetime.date(year, month, body["day"])}
        for year in spec["years"]
        for body in spec["bodies"]
        for month in body["months"]
    ]
    start = max(today, spec["planned_from"])
    for planned in spec["planned"]:
        if "in_days" in planned:
            day = start + datetime.timedelta(days=planned["in_days"])
        else:
            month, day_of_month = map(int, planned["next_year_on"].split("-"))
            day = datetime.date(start.year + 1, month, day_of_month)
        meetings.append({"body": planned["body"], "day": day, "planned": True})
    return sorted(meetings, key=lambda meeting: meeting["day"])


def _agenda(body: dict, index: int) -> list[dict]:
    """The meeting's items: the body's standing ones around its topics, which
    take turns from one meeting to the next."""
    agenda = body["agenda"]
    topics = agenda["topics"]
    return [
        *agenda["before"],
        *(topics[(index + offset) % len(topics)] for offset in agenda["topic_offsets"]),
        *agenda["after"],
    ]


def _sends_apologies(spec: dict, name: str, index: int) -> bool:
    return any(
        rule["name"] == name and index % rule["every"] == rule["from"]
        for rule in spec["apologies"]
    )


def _adjusters(spec: dict, slug: str, index: int) -> list:
    """Who adjusts the minutes: the body's adjusters at the meeting, or its
    chair when none of them came. Nobody adjusts a meeting they missed."""

    def present(role: str) -> list:
        return [
            people.person(person["person"])
            for person in spec["people"]
            if person["roles"].get(slug) == role
            and not _sends_apologies(spec, person["name"], index)
        ]

    return present("adjuster") or present("chair")


@transaction.atomic
def _meetings(spec: dict) -> None:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    secretary = people.person("sekretariat")
    organisations = {o.legal_name: o for o in Organisation.objects.all()}
    bodies = _bodies(spec, organisations)
    by_slug = {body["slug"]: body for body in spec["bodies"]}
    # The plan's priority pages live in home; the relation names their model.
    PriorityPage = Decision._meta.get_field("priorities").related_model
    priorities = {
        page.slug: page
        for page in PriorityPage.objects.filter(
            locale__language_code=languages.default()
        )
    }
    cancelled = {(c["body"], c["date"]): c["reason"] for c in spec["cancelled"]}
    schedule = _schedule(spec, timezone.localdate())
    last_held_board = max(
        m["day"] for m in schedule if m["body"] == "styrelsen" and not m.get("planned")
    )
    counters: dict[str, int] = {}
    for planned in schedule:
        slug, day = planned["body"], planned["day"]
        body = by_slug[slug]
        index = counters[slug] = counters.get(slug, -1) + 1
        starts_at = datetime.datetime(
            day.year, day.month, day.day, body["hour"], tzinfo=zone
        )
        meeting = Meeting.objects.create(
            body=bodies[slug],
            title=body["title"].format(date=day.isoformat(), year=day.year),
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=body["hours"]),
            place=body["place"],
            video_url=body["video_url"],
            visibility=body.get("visibility", {}).get(
                str(index), body["default_visibility"]
            ),
        )
        agenda = _agenda(body, index)
        for extra in spec["extra_items"]:
            if (extra["body"], extra["date"]) == (slug, day):
                agenda.insert(extra["position"] - 1, extra)
        for order, item in enumerate(agenda):
            AgendaItem.objects.create(
                meeting=meeting,
                sort_order=order,
                title=item["title"],
                # The chair presents the opening items, the secretary the rest.
                presenter=spec["chair"] if order <= 1 else spec["secretary"],
            )
        if planned.get("planned"):
            if (
                slug == "styrelsen"
                and not Meeting.objects.filter(
                    body__slug=slug, starts_at__lt=meeting.starts_at, status="planned"
                ).exists()
            ):
                _pending_proposals(meeting, spec["pending_proposals_item"])
            continue
        if (slug, day) in cancelled:
            meeting.status = Meeting.Status.CANCELLED
            meeting.cancellation_reason = cancelled[(slug, day)]
            meeting.save()
            continue
        adjusters = _adjusters(spec, slug, index)
        names = " och ".join(person.get_full_name() for person in adjusters)
        _record(meeting, agenda, priorities, secretary, adjusters=names)
        for person in spec["people"]:
            if slug in person["roles"]:
                Attendance.objects.create(
                    meeting=meeting,
                    name=person["name"],
                    organisation=organisations.get(person.get("organisation")),
                    status="apologies"
                    if _sends_apologies(spec, person["name"], index)
                    else "present",
                )
        for guest in spec["guests"]:
            Attendance.objects.create(
                meeting=meeting,
                name=guest["name"],
                organisation=organisations.get(guest["organisation"]),
                status="apologies"
                if _sends_apologies(spec, guest["name"], index)
                else "present",
            )
        for person in adjusters:
            MeetingAdjuster.objects.create(meeting=meeting, user=person)
        if slug == "styrelsen" and day == last_held_board:
            # Out for adjustment: Ali has approved, Karin has not yet.
            services.meeting_mark_held(meeting=meeting, by=secretary)
            services.minutes_send_for_adjustment(meeting=meeting, by=secretary)
            services.minutes_approve(meeting=meeting, by=adjusters[-1])
            continue
        _publish(meeting, spec, secretary, adjusters)
    _proposal_decisions(spec["proposal_decisions"], secretary)
    _papers(spec["papers"])


def _pending_proposals(meeting: Meeting, item: dict) -> None:
    pending = Proposal.objects.filter(status__in=["submitted", "under_review"])
    titles = "; ".join(p.title for p in pending[: item["how_many"]])
    AgendaItem.objects.create(
        meeting=meeting,
        sort_order=item["sort_order"],
        title=item["title"],
        description=item["description"].format(titles=titles),
        presenter=item["presenter"],
    )


def _record(
    meeting: Meeting, agenda: list[dict], priorities: dict, by, adjusters: str
) -> None:
    """Minutes and numbered decisions; `adjusters` names who adjusts them."""
    for position, spec in enumerate(agenda, start=1):
        item = meeting.agenda_items.get(sort_order=position - 1)
        item.minutes = f"<p>{spec['minutes'].format(adjusters=adjusters)}</p>"
        item.save()
        if spec["decision"]:
            decision = services.decision_add(
                meeting=meeting,
                text=f"Mötet beslutade {spec['decision'].format(adjusters=adjusters)}.",
                by=by,
                item_number=position,
            )
            if spec.get("priority") in priorities:
                decision.priorities.add(priorities[spec["priority"]])
                decision.save()


def _publish(meeting: Meeting, spec: dict, secretary, adjusters: list) -> None:
    """Adjusted and published a few days after the meeting, as it happened."""
    done = meeting.ends_at + datetime.timedelta(days=spec["adjusted_after_days"])
    MeetingAdjuster.objects.filter(meeting=meeting).update(approved_at=done)
    meeting.status = Meeting.Status.PUBLISHED
    meeting.minutes_ready_at = meeting.ends_at + datetime.timedelta(
        days=spec["minutes_ready_after_days"]
    )
    meeting.minutes_locked_at = done
    meeting.published_at = done
    meeting.save()
    Decision.objects.filter(meeting=meeting).update(applied_at=done)
    steps = [
        ("held", secretary),
        ("sent_for_adjustment", secretary),
        *[("approved", person) for person in adjusters],
        ("adjusted", adjusters[-1]),
        ("published", adjusters[-1]),
    ]
    for action, person in steps:
        MeetingEvent.objects.create(
            meeting=meeting, action=action, by=person, by_name=person.get_full_name()
        )


def _proposal_decisions(spec: dict, secretary) -> None:
    """The board meeting that decided the proposals the demo shows as decided:
    each gets its own numbered decision, linked both ways. The minutes are
    published already, so `decision_add` would refuse them."""
    meeting = Meeting.objects.get(body__slug=spec["body"], starts_at__date=spec["date"])
    AgendaItem.objects.create(
        meeting=meeting,
        sort_order=spec["sort_order"],
        title=spec["title"],
        presenter=spec["presenter"],
        minutes=spec["minutes"],
    )
    position = meeting.agenda_items.count()
    number = meeting.decisions.count()
    for proposal in Proposal.objects.filter(status__in=DECIDED).order_by("pk"):
        number += 1
        outcome = "rejected" if proposal.status == "rejected" else "accepted"
        decision = Decision.objects.create(
            meeting=meeting,
            number=number,
            item_number=position,
            text=spec[outcome].format(title=proposal.title),
            proposal=proposal,
            outcome=outcome,
            applied_at=meeting.published_at,
        )
        decision.priorities.add(proposal.priority)
        decision.save()
        Proposal.objects.filter(pk=proposal.pk).update(
            decision=decision, decision_reference=decision.reference
        )


def _papers(papers: list[dict]) -> None:
    """Board papers as PDFs with real text; their words are extracted for search."""
    for paper in papers:
        meeting = Meeting.objects.get(
            body__slug=paper["body"], starts_at__date=paper["date"]
        )
        data = text_pdf(paper["title"], paper["paragraphs"])
        attachment = MeetingAttachment(
            meeting=meeting,
            item_number=paper["item_number"],
            title=paper["title"],
            content_type="application/pdf",
            size=len(data),
        )
        attachment.file.save(paper["file"], ContentFile(data), save=False)
        attachment.save()
