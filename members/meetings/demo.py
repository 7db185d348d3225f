# ruff: noqa: E501 -- demo prose reads better unwrapped
"""The demo district's meeting records: three bodies and about thirty meetings
over two years, with agendas, adjusted minutes, numbered decisions (some on
proposals), board papers as PDFs with real text, minutes waiting for
adjustment and meetings still to come."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

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
    Visibility,
)
from members.meetings.pdf import text_pdf

DOMAIN = "hamnstaden.example"

BODIES = [
    {
        "slug": "styrelsen",
        "name": "Styrelsen",
        "description": "Styrelsen leder föreningens arbete mellan årsmötena, beslutar om projekt och följer upp verksamhetsplanen.",
        "default_visibility": Visibility.PUBLIC,
        "sort_order": 1,
    },
    {
        "slug": "arsmotet",
        "name": "Årsmötet",
        "description": "Föreningens högsta beslutande organ: antar verksamhetsplan, budget och avgiftsmodell och väljer styrelse.",
        "default_visibility": Visibility.PUBLIC,
        "sort_order": 2,
    },
    {
        "slug": "operativa-gruppen",
        "name": "Operativa gruppen",
        "description": "Fastighetsägare, kommunen, polisen och räddningstjänsten går igenom veckans lägesbild och handlingsplanerna.",
        "default_visibility": Visibility.MEMBERS,
        "sort_order": 3,
    },
]

# local part, name, organisation, role per body slug
PEOPLE = [
    ("styrelse", "Johan Berg", None, {"styrelsen": "chair", "arsmotet": "chair"}),
    (
        "sekretariat",
        "Eva Lindqvist",
        None,
        {
            "styrelsen": "secretary",
            "arsmotet": "secretary",
            "operativa-gruppen": "secretary",
        },
    ),
    (
        "karin",
        "Karin Ström",
        "Kajfastigheter AB",
        {"styrelsen": "adjuster", "arsmotet": "adjuster", "operativa-gruppen": "chair"},
    ),
    (
        "ali",
        "Ali Hassan",
        "Hamnens Bostäder AB",
        {
            "styrelsen": "adjuster",
            "arsmotet": "adjuster",
            "operativa-gruppen": "adjuster",
        },
    ),
]
GUESTS = [
    (
        "Sofia Ek",
        "Västerhamns kommun",
        {"styrelsen": "member", "operativa-gruppen": "member"},
    ),
    ("Lars Holm", "Polismyndigheten", {"operativa-gruppen": "member"}),
    ("Nina Åberg", "Räddningstjänsten Västerhamn", {"operativa-gruppen": "member"}),
    ("Omar Said", "Handelsföreningen Hamnstaden", {"styrelsen": "member"}),
]

BOARD_TOPICS = [
    (
        "Ekonomisk rapport",
        "Sekretariatet redovisade utfallet mot budget. Intäkterna från medlemsavgifter ligger i linje med budget; kostnaderna för renhållning är något högre än planerat.",
        "att lägga den ekonomiska rapporten till handlingarna",
        None,
    ),
    (
        "Lägesbild och handlingsplaner",
        "Operativa gruppen rapporterade om veckans lägesbild. Nedskräpningen vid torget har minskat sedan de nya papperskorgarna kom på plats; klotter vid stationen återkommer.",
        "att ge sekretariatet i uppdrag att beställa extra klottersanering vid stationen",
        "renhallning",
    ),
    (
        "Belysning och trygghet",
        "Kommunen redovisade tidplanen för belysningen längs Kajstigen. Trygghetsmätningen visar att fler känner sig trygga kvällstid.",
        "att godkänna kommunens tidplan för belysningen längs Kajstigen",
        "trygghet-och-belysning",
    ),
    (
        "Sommarjobb för unga",
        "Sekretariatet presenterade årets upplägg med tjugo platser hos medlemsföretagen.",
        "att avsätta 120 000 kr till sommarjobbsprogrammet",
        "lokala-jobb-for-unga",
    ),
    (
        "Marknadsföring av Hamnstaden",
        "Handelsföreningen föreslog en gemensam kampanj inför julhandeln.",
        "att genomföra en gemensam julkampanj inom ramen för budgeten för platsmarknadsföring",
        "platsmarknadsforing",
    ),
    (
        "Tomma lokaler",
        "Fastighetsägarna redovisade vakanser i bottenvåningarna längs Kajgatan.",
        "att ta fram en gemensam lokaldatabas tillsammans med kommunen",
        "lokalforsorjning",
    ),
    (
        "Cykelparkering",
        "Kommunen informerade om den nya cykelparkeringen vid stationen.",
        "att lägga informationen till handlingarna",
        "mobilitet",
    ),
]

OPERATIVE_TOPICS = [
    (
        "Veckans lägesbild",
        "Polisen redovisade anmälda brott i området: färre inbrott i förråd, fler cykelstölder vid stationen. Räddningstjänsten rapporterade två anlagda bränder i soprum.",
        "att fastighetsägarna ser över låsningen av soprummen längs Kajgatan",
    ),
    (
        "Handlingsplan: torget",
        "Nedskräpningen på torget har minskat. Städningen på lördagsmorgnar fortsätter.",
        "att fortsätta med extra städning på lördagar till och med augusti",
    ),
    (
        "Trygghetsvandring",
        "Vandringen i oktober visade trasig belysning vid gångtunneln och buskage som skymmer sikten vid lekplatsen.",
        "att kommunen felanmäler belysningen och beskär buskaget vid lekplatsen",
    ),
]

DOCUMENTS = {
    "budget": (
        "Budget 2026 för Hamnstaden BID",
        [
            "Budgeten bygger på avgiftsmodellen som årsmötet antog 2025: en grundavgift per medlem och en avgift per kvadratmeter bruttoarea efter användning.",
            "Intäkter: medlemsavgifter 2 400 000 kr, bidrag från kommunen 600 000 kr. Summa 3 000 000 kr.",
            "Kostnader: renhållning och klottersanering 900 000 kr, trygghet och belysning 750 000 kr, lokala jobb för unga 400 000 kr, platsmarknadsföring 350 000 kr, sekretariat 600 000 kr.",
            "Styrelsen föreslår att årsmötet fastställer budgeten och avgiftsmodellen för 2026.",
        ],
    ),
    "walk": (
        "Rapport från trygghetsvandringen i oktober",
        [
            "Trygghetsvandringen genomfördes en tisdagskväll med fastighetsägare, boende, polisen och kommunen. Tjugotvå personer deltog.",
            "Brister: trasig belysning i gångtunneln under järnvägen, buskage som skymmer sikten vid lekplatsen vid Fyrtornet och klotter på elskåpen längs Kajstigen.",
            "Åtgärder: kommunen felanmäler belysningen, fastighetsägarna beskär buskaget och sekretariatet beställer klottersanering av elskåpen.",
        ],
    ),
    "annual": (
        "Verksamhetsberättelse 2025",
        [
            "Under året har Hamnstaden BID vuxit till tolv medlemmar. Nedskräpningen på torget har minskat med en tredjedel och fler boende känner sig trygga kvällstid.",
            "Projekt som genomförts: belysning längs Kajstigen, sommarjobbsmässa på torget och snabbare klottersanering.",
            "Styrelsen har haft tio protokollförda möten och operativa gruppen har träffats varannan vecka.",
        ],
    ),
}

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _bodies() -> dict[str, Body]:
    from members.organisations.models import Organisation

    User = get_user_model()
    organisations = {o.legal_name: o for o in Organisation.objects.all()}
    bodies = {}
    for spec in BODIES:
        body, created = Body.objects.get_or_create(slug=spec["slug"], defaults=spec)
        bodies[body.slug] = body
        if not created:
            continue
        for local, name, org, roles in PEOPLE:
            if body.slug in roles:
                BodyMember.objects.create(
                    body=body,
                    user=User.objects.get(email=f"{local}@{DOMAIN}"),
                    name=name,
                    organisation=organisations.get(org),
                    role=roles[body.slug],
                )
        for name, org, roles in GUESTS:
            if body.slug in roles:
                BodyMember.objects.create(
                    body=body,
                    name=name,
                    organisation=organisations.get(org),
                    role=roles[body.slug],
                )
    return bodies


def _schedule(today: datetime.date) -> list[dict]:
    """The meetings from January 2025 until a few months ahead."""
    meetings = []
    for year in (2025, 2026):
        for month in (1, 2, 3, 5, 6, 8, 9, 10, 11):
            meetings.append(
                {
                    "body": "styrelsen",
                    "day": datetime.date(year, month, 12 if month != 3 else 12),
                }
            )
        meetings.append({"body": "arsmotet", "day": datetime.date(year, 4, 23)})
        for month in (2, 4, 6, 9, 11):
            meetings.append(
                {"body": "operativa-gruppen", "day": datetime.date(year, month, 4)}
            )
    # Still to come, whenever the demo is loaded.
    start = max(today, datetime.date(2026, 11, 26))
    meetings += [
        {
            "body": "styrelsen",
            "day": start + datetime.timedelta(days=14),
            "planned": True,
        },
        {
            "body": "operativa-gruppen",
            "day": start + datetime.timedelta(days=21),
            "planned": True,
        },
        {
            "body": "styrelsen",
            "day": start + datetime.timedelta(days=63),
            "planned": True,
        },
        {
            "body": "arsmotet",
            "day": datetime.date(start.year + 1, 4, 22),
            "planned": True,
        },
    ]
    return meetings


def _agenda(
    body: str, index: int, day: datetime.date
) -> list[tuple[str, str, str, str | None]]:
    """(title, minutes, decision or '', priority slug) per item."""
    if body == "arsmotet":
        return [
            (
                "Mötets öppnande och val av ordförande",
                "Johan Berg valdes till ordförande för mötet och Eva Lindqvist till sekreterare.",
                "att välja Johan Berg till mötesordförande",
                None,
            ),
            (
                "Val av justerare",
                "Karin Ström och Ali Hassan valdes att justera protokollet.",
                "att välja Karin Ström och Ali Hassan till justerare",
                None,
            ),
            (
                "Verksamhetsberättelse och bokslut",
                "Styrelsen redovisade verksamhetsberättelsen och bokslutet. Revisorerna tillstyrkte ansvarsfrihet.",
                "att bevilja styrelsen ansvarsfrihet för det gångna året",
                None,
            ),
            (
                "Verksamhetsplan och prioriteringar",
                "Styrelsen presenterade förslaget till verksamhetsplan med sex rangordnade prioriteringar. Mötet diskuterade ordningen mellan trygghet och renhållning.",
                "att anta verksamhetsplanen med den föreslagna rangordningen",
                "trygghet-och-belysning",
            ),
            (
                "Budget och avgiftsmodell",
                "Sekretariatet presenterade budgeten. Grundavgiften föreslås oförändrad.",
                "att fastställa budgeten och avgiftsmodellen för året",
                None,
            ),
            (
                "Val av styrelse",
                "Valberedningen presenterade sitt förslag.",
                "att välja styrelse enligt valberedningens förslag",
                None,
            ),
        ]
    if body == "operativa-gruppen":
        topic = OPERATIVE_TOPICS[index % len(OPERATIVE_TOPICS)]
        return [
            (
                "Föregående minnesanteckningar",
                "Anteckningarna från förra mötet gicks igenom och lades till handlingarna.",
                "",
                None,
            ),
            (
                topic[0],
                topic[1],
                topic[2],
                "trygghet-och-belysning" if "Trygghet" in topic[0] else "renhallning",
            ),
            (
                "Kommande insatser",
                "Gruppen planerade de närmaste veckornas insatser.",
                "",
                None,
            ),
        ]
    first = BOARD_TOPICS[index % len(BOARD_TOPICS)]
    second = BOARD_TOPICS[(index + 3) % len(BOARD_TOPICS)]
    return [
        (
            "Mötets öppnande och justerare",
            "Ordföranden öppnade mötet. Karin Ström och Ali Hassan utsågs att justera protokollet.",
            "att välja Karin Ström och Ali Hassan till justerare",
            None,
        ),
        (
            "Föregående protokoll",
            "Protokollet från föregående möte gicks igenom.",
            "att lägga föregående protokoll till handlingarna",
            None,
        ),
        (first[0], first[1], first[2], first[3]),
        (second[0], second[1], second[2], second[3]),
        ("Övriga frågor", "Inga övriga frågor.", "", None),
    ]


def _title(body: str, day: datetime.date) -> str:
    return {
        "styrelsen": f"Styrelsemöte {day:%Y-%m-%d}",
        "arsmotet": f"Årsmöte {day.year}",
        "operativa-gruppen": f"Operativa gruppen {day:%Y-%m-%d}",
    }[body]


def _visibility(body: str, index: int) -> str:
    if body == "styrelsen" and index in (4, 13):
        return Visibility.BOARD  # personnel and contract matters
    if body == "styrelsen" and index % 5 == 2:
        return Visibility.MEMBERS
    return Body.objects.get(slug=body).default_visibility


@transaction.atomic
def load() -> None:
    """Bodies, meetings, minutes and decisions; idempotent."""
    from home.models import PriorityPage
    from members.proposals.models import Proposal

    if Meeting.objects.exists():
        return
    User = get_user_model()
    people = {
        local: User.objects.get(email=f"{local}@{DOMAIN}") for local, *_ in PEOPLE
    }
    secretary, karin, ali = people["sekretariat"], people["karin"], people["ali"]
    bodies = _bodies()
    priorities = {
        p.slug: p for p in PriorityPage.objects.filter(locale__language_code="sv")
    }
    guests = {name: org for name, org, _ in GUESTS}
    from members.organisations.models import Organisation

    organisations = {o.legal_name: o for o in Organisation.objects.all()}
    today = timezone.localdate()
    schedule = sorted(_schedule(today), key=lambda m: m["day"])
    counters: dict[str, int] = {}
    last_held_board = max(
        m["day"] for m in schedule if m["body"] == "styrelsen" and not m.get("planned")
    )
    for spec in schedule:
        body, day = spec["body"], spec["day"]
        index = counters[body] = counters.get(body, -1) + 1
        hour = 18 if body == "arsmotet" else 8 if body == "operativa-gruppen" else 17
        length = 1 if body == "operativa-gruppen" else 2
        meeting = Meeting.objects.create(
            body=bodies[body],
            title=_title(body, day),
            starts_at=_at(day, hour),
            ends_at=_at(day, hour + length),
            place="Hamnstadens kontor, Kajgatan 4"
            if body != "arsmotet"
            else "Kajens konferens, Kajgatan 10",
            video_url="https://meet.hamnstaden.example/styrelsen"
            if body == "styrelsen"
            else "",
            visibility=_visibility(body, index),
        )
        for order, (title, _minutes, _decision, _priority) in enumerate(
            _agenda(body, index, day)
        ):
            AgendaItem.objects.create(
                meeting=meeting,
                sort_order=order,
                title=title,
                presenter="Eva Lindqvist" if order > 1 else "Johan Berg",
            )
        if spec.get("planned"):
            if (
                body == "styrelsen"
                and not Meeting.objects.filter(
                    body__slug="styrelsen",
                    starts_at__lt=meeting.starts_at,
                    status="planned",
                ).exists()
            ):
                pending = Proposal.objects.filter(
                    status__in=["submitted", "under_review"]
                )
                AgendaItem.objects.create(
                    meeting=meeting,
                    sort_order=4,
                    title="Förslag från medlemmarna",
                    description="Beslut om: " + "; ".join(p.title for p in pending[:3]),
                    presenter="Eva Lindqvist",
                )
            continue
        if body == "styrelsen" and day == datetime.date(2025, 6, 12):
            meeting.status = Meeting.Status.CANCELLED
            meeting.cancellation_reason = (
                "För få anmälda ledamöter; punkterna flyttas till augusti."
            )
            meeting.save()
            continue
        _record(meeting, body, index, day, priorities)
        for local, name, org, roles in PEOPLE:
            if body in roles:
                Attendance.objects.create(
                    meeting=meeting,
                    name=name,
                    organisation=organisations.get(org),
                    status="apologies"
                    if (local == "ali" and index % 4 == 3)
                    else "present",
                )
        for name, org in guests.items():
            Attendance.objects.create(
                meeting=meeting,
                name=name,
                organisation=organisations.get(org),
                status="apologies"
                if index % 3 == 1 and name == "Omar Said"
                else "present",
            )
        adjusters = [karin, ali]
        for person in adjusters:
            MeetingAdjuster.objects.create(meeting=meeting, user=person)
        if body == "styrelsen" and day == last_held_board:
            # Out for adjustment: Ali has approved, Karin has not yet.
            meeting.status = Meeting.Status.HELD
            meeting.save()
            MeetingEvent.objects.create(
                meeting=meeting, action="held", by=secretary, by_name="Eva Lindqvist"
            )
            services.minutes_send_for_adjustment(meeting=meeting, by=secretary)
            services.minutes_approve(meeting=meeting, by=ali)
            continue
        _publish(meeting, secretary, adjusters)
    _proposal_decisions(Proposal, secretary)
    _documents()


def _record(meeting, body, index, day, priorities) -> None:
    number = 0
    for position, (_title, minutes, decision, priority) in enumerate(
        _agenda(body, index, day), start=1
    ):
        item = meeting.agenda_items.get(sort_order=position - 1)
        item.minutes = f"<p>{minutes}</p>"
        item.save()
        if decision:
            number += 1
            record = Decision.objects.create(
                meeting=meeting,
                number=number,
                item_number=position,
                text=f"Mötet beslutade {decision}.",
            )
            if priority and priority in priorities:
                record.priorities.add(priorities[priority])
                record.save()


def _publish(meeting, secretary, adjusters) -> None:
    done = meeting.ends_at + datetime.timedelta(days=6)
    MeetingAdjuster.objects.filter(meeting=meeting).update(approved_at=done)
    meeting.status = Meeting.Status.PUBLISHED
    meeting.minutes_ready_at = meeting.ends_at + datetime.timedelta(days=2)
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


def _proposal_decisions(Proposal, secretary) -> None:
    """The board meeting of 12 March 2026 decided the proposals the demo shows
    as decided: give each its own numbered decision and link them."""
    meeting = Meeting.objects.get(
        body__slug="styrelsen", starts_at__date=datetime.date(2026, 3, 12)
    )
    AgendaItem.objects.create(
        meeting=meeting,
        sort_order=10,
        title="Förslag från medlemmarna",
        presenter="Eva Lindqvist",
        minutes="<p>Styrelsen gick igenom de förslag som varit ute på remiss bland medlemmarna, med stöd och synpunkter.</p>",
    )
    position = meeting.agenda_items.count()
    number = meeting.decisions.count()
    decided = Proposal.objects.filter(
        status__in=["accepted", "rejected", "in_progress", "completed"]
    ).order_by("pk")
    for proposal in decided:
        number += 1
        accepted = proposal.status != "rejected"
        decision = Decision.objects.create(
            meeting=meeting,
            number=number,
            item_number=position,
            text=(
                f"Styrelsen beslutade att bifalla förslaget ”{proposal.title}” och finansiera det inom budgeten för prioriteringen."
                if accepted
                else f"Styrelsen beslutade att avslå förslaget ”{proposal.title}”."
            ),
            proposal=proposal,
            outcome="accepted" if accepted else "rejected",
            applied_at=meeting.published_at,
        )
        decision.priorities.add(proposal.priority)
        decision.save()
        Proposal.objects.filter(pk=proposal.pk).update(
            decision=decision, decision_reference=decision.reference
        )


def _documents() -> None:
    """Board papers as PDFs with real text; their words are extracted for search."""
    plan = [
        ("arsmotet", datetime.date(2026, 4, 23), 5, "budget"),
        ("arsmotet", datetime.date(2026, 4, 23), 3, "annual"),
        ("operativa-gruppen", datetime.date(2025, 11, 4), 2, "walk"),
    ]
    for body, day, item_number, key in plan:
        meeting = Meeting.objects.get(body__slug=body, starts_at__date=day)
        title, paragraphs = DOCUMENTS[key]
        data = text_pdf(title, paragraphs)
        attachment = MeetingAttachment(
            meeting=meeting,
            item_number=item_number,
            title=title,
            content_type="application/pdf",
            size=len(data),
        )
        attachment.file.save(f"{key}.pdf", ContentFile(data), save=False)
        attachment.save()
