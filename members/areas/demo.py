# ruff: noqa: E501 -- demo prose reads better unwrapped
"""The demo district's weekly work: four areas with boundaries and parties,
twelve consolidated weeks of reports, action items open, in progress, done
and overdue, and two safety walks along the harbour promenade."""

import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from members.areas import services
from members.areas.models import (
    ActionItem,
    Area,
    Colour,
    Observation,
    iso_week_of,
)
from members.areas.selectors import land_owners
from members.organisations.models import Organisation, OrganisationMember

DOMAIN = "hamnstaden.example"


def _square(*corners):
    ring = [list(corner) for corner in corners]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


AREAS = [
    {
        "name": "Stationsområdet",
        "slug": "stationsomradet",
        "description": "Resecentrum, cykelgaraget och gångtunneln under järnvägen.",
        "boundary": _square(
            (11.9500, 57.7052),
            (11.9602, 57.7052),
            (11.9600, 57.7001),
            (11.9497, 57.7003),
        ),
        "parties": [
            "Kajfastigheter AB",
            "Västerhamns kommun",
            "Polismyndigheten",
            "Stationens Kiosk HB",
        ],
    },
    {
        "name": "Centrum",
        "slug": "centrum",
        "description": "Kajgatan och kvarteren runt Magasinet med butiker och kontor.",
        "boundary": _square(
            (11.9602, 57.7052),
            (11.9721, 57.7049),
            (11.9718, 57.6992),
            (11.9600, 57.7001),
        ),
        "parties": [
            "Kajfastigheter AB",
            "Hamnens Bostäder AB",
            "Västerhamns kommun",
            "Polismyndigheten",
            "Handelsföreningen Hamnstaden",
        ],
    },
    {
        "name": "Torget",
        "slug": "torget",
        "description": "Torget med lördagsmarknaden, lekplatsen och busshållplatserna.",
        "boundary": _square(
            (11.9600, 57.7001),
            (11.9718, 57.6992),
            (11.9702, 57.6941),
            (11.9581, 57.6950),
        ),
        "parties": [
            "Hamnens Bostäder AB",
            "Västerhamns kommun",
            "Polismyndigheten",
            "Café Kajen AB",
            "Handelsföreningen Hamnstaden",
        ],
    },
    {
        "name": "Hamnpromenaden",
        "slug": "hamnpromenaden",
        "description": "Promenaden längs kajen från stationen till färjeläget, med Kajstigen.",
        "boundary": _square(
            (11.9497, 57.7003),
            (11.9600, 57.7001),
            (11.9581, 57.6950),
            (11.9455, 57.6931),
        ),
        "parties": [
            "Hamnens Bostäder AB",
            "Kajfastigheter AB",
            "Västerhamns kommun",
            "Polismyndigheten",
            "Räddningstjänsten Västerhamn",
            "Brf Fyrtornet",
        ],
    },
]

# Each area's usual state, and the weeks something went on (weeks back: colour, score).
BASELINE = {"stationsomradet": 3, "centrum": 2, "torget": 2, "hamnpromenaden": 2}
EVENTS = {
    ("stationsomradet", 2): (Colour.RED, 4),
    ("stationsomradet", 3): (Colour.RED, 5),
    ("torget", 6): (Colour.RED, 4),
    ("hamnpromenaden", 9): (Colour.YELLOW, 3),
}
NOTES = [
    "Lugn vecka. Några klotter på elskåpen.",
    "Nedskräpning vid busshållplatsen efter lördagsmarknaden.",
    "Ungdomsgrupper samlas sent vid gångtunneln; ingen anmälan.",
    "Två anmälda cykelstölder vid cykelgaraget.",
    "Trasig belysning längs Kajstigen gör sträckan mörk.",
    "",
]

ACTIONS = [
    # area, addressed to, title, description, days until due (negative: overdue), status
    (
        "stationsomradet",
        "Polismyndigheten",
        "Extra patrullering vid gångtunneln",
        "Fredag och lördag kl. 22–02 de kommande tre helgerna.",
        10,
        ActionItem.Status.IN_PROGRESS,
    ),
    (
        "hamnpromenaden",
        "Hamnens Bostäder AB",
        "Mer belysning på den mörka stigen bakom Kajgatan 6",
        "Belysningen ska knyta an till kommunens armaturer vid tomtgränsen.",
        -5,
        ActionItem.Status.OPEN,
    ),
    (
        "torget",
        "Västerhamns kommun",
        "Fler papperskorgar vid busshållplatsen",
        "Två större korgar med lock, tömning efter lördagsmarknaden.",
        21,
        ActionItem.Status.OPEN,
    ),
    (
        "centrum",
        "Kajfastigheter AB",
        "Sanera klotter på Magasinets fasad",
        "",
        -12,
        ActionItem.Status.IN_PROGRESS,
    ),
    (
        "stationsomradet",
        "Kajfastigheter AB",
        "Låsbara cykelställ i cykelgaraget",
        "",
        -30,
        ActionItem.Status.DONE,
    ),
    (
        "torget",
        "Polismyndigheten",
        "Synlig närvaro vid lördagsmarknaden",
        "Under december månad.",
        30,
        ActionItem.Status.OPEN,
    ),
]


def _photo() -> SimpleUploadedFile:
    """A plain picture of a lamp post, with camera metadata as phones add it."""
    from PIL import Image

    image = Image.new("RGB", (640, 480), (40, 60, 80))
    for x in range(300, 340):
        for y in range(80, 460):
            image.putpixel((x, y), (90, 90, 90))
    exif = Image.Exif()
    exif[0x010F] = "Demo Phone"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(
        "lyktstolpe.jpg", buffer.getvalue(), content_type="image/jpeg"
    )


@transaction.atomic
def load() -> None:
    """Areas, twelve weeks of reports and pictures, actions and walks; once."""
    if Area.objects.exists():
        return
    User = get_user_model()
    secretariat = User.objects.get(email=f"sekretariat@{DOMAIN}")
    police_user = User.objects.filter(email=f"polis@{DOMAIN}").first()
    organisations = {o.legal_name: o for o in Organisation.objects.all()}
    police = organisations["Polismyndigheten"]
    if police_user:
        OrganisationMember.objects.get_or_create(
            organisation=police,
            user=police_user,
            defaults={"role": OrganisationMember.Role.ADMIN},
        )
    areas = {}
    for order, spec in enumerate(AREAS):
        area = Area.objects.create(
            name=spec["name"],
            slug=spec["slug"],
            description=spec["description"],
            boundary=spec["boundary"],
            sort_order=order,
        )
        area.parties.set(
            [organisations[name] for name in spec["parties"] if name in organisations]
        )
        areas[spec["slug"]] = area

    def reporter(organisation):
        member = organisation.members.order_by("role", "pk").first()
        return member.user if member else secretariat

    # Repeatable demo figures, no secret (bandit B311).
    rng = random.Random(2026)  # nosec B311
    today = timezone.localdate()
    for back in range(12, -1, -1):
        year, week = iso_week_of(today - datetime.timedelta(weeks=back))
        for slug, area in areas.items():
            for party in area.parties.all():
                if back == 0 and rng.random() < 0.5:
                    continue  # this week is still being reported
                colour, score = EVENTS.get((slug, back), (None, None))
                if colour is None or rng.random() < 0.3:
                    score = max(
                        1, min(5, BASELINE[slug] + rng.choice([-1, 0, 0, 0, 1]))
                    )
                    colour = (
                        Colour.GREEN
                        if score <= 2
                        else Colour.YELLOW
                        if score <= 3
                        else Colour.RED
                    )
                services.report_save(
                    by=reporter(party),
                    organisation=party,
                    area=area,
                    year=year,
                    week=week,
                    colour=colour,
                    score=score,
                    note=rng.choice(NOTES),
                    vandalism=rng.randint(0, 3),
                    littering=rng.randint(0, 4),
                    unrest=rng.randint(0, 2) + (3 if colour == Colour.RED else 0),
                    crime_reported=rng.randint(0, 2),
                    other=rng.randint(0, 1),
                )
        if back == 0:
            continue
        decisions = {}
        if back == 3:
            decisions[areas["stationsomradet"].pk] = {
                "colour": Colour.RED,
                "score": 5,
                "reason": "Polisen bekräftar oroligheterna vid gångtunneln; fastighetsägarnas rapporter kom före helgen.",
            }
        services.week_consolidate(
            by=secretariat,
            year=year,
            week=week,
            decisions=decisions,
            summary="Veckan i korthet: se områdena nedan."
            if back > 1
            else "Lugnare vid stationen efter de extra patrullerna; klotter i Centrum.",
        )
    _actions(areas, organisations, secretariat, today)
    _walks(areas, organisations, secretariat, today)


def _actions(areas, organisations, secretariat, today) -> None:
    for slug, party, title, description, due_in, status in ACTIONS:
        item = services.action_create(
            by=secretariat,
            area=areas[slug],
            addressed_to=organisations[party],
            title=title,
            description=description,
            due_date=today + datetime.timedelta(days=max(due_in, 1)),
        )
        if due_in < 0:
            ActionItem.objects.filter(pk=item.pk).update(
                due_date=today + datetime.timedelta(days=due_in)
            )
        if status != ActionItem.Status.OPEN:
            services.action_update(
                by=secretariat,
                item=item,
                status=status,
                text="Påbörjat."
                if status == ActionItem.Status.IN_PROGRESS
                else "Klart.",
            )


def _walks(areas, organisations, secretariat, today) -> None:
    area = areas["hamnpromenaden"]
    parties = [
        organisations[n]
        for n in (
            "Hamnens Bostäder AB",
            "Västerhamns kommun",
            "Polismyndigheten",
            "Brf Fyrtornet",
        )
    ]
    first = services.walk_create(
        by=secretariat,
        area=area,
        date=today - datetime.timedelta(weeks=6),
        route="Från stationen längs kajen till färjeläget, tillbaka via Kajstigen.",
        parties=parties,
    )
    owners = {o.legal_name: o for o in land_owners(area)}
    municipality = organisations["Västerhamns kommun"]
    housing = owners.get("Hamnens Bostäder AB", municipality)
    lamp = services.observation_add(
        by=secretariat,
        walk=first,
        category=Observation.Category.LIGHTING,
        description="Belysningen upphör vid tomtgränsen; de sista 40 metrarna av stigen är mörka.",
        address="Kajstigen bakom Kajgatan 6",
        latitude="57.697100",
        longitude="11.952400",
        land_owner=housing,
        photo=_photo(),
    )
    services.observation_to_action(by=secretariat, observation=lamp)
    services.observation_add(
        by=secretariat,
        walk=first,
        category=Observation.Category.VEGETATION,
        description="Buskage skymmer sikten vid lekplatsen vid Fyrtornet.",
        address="Lekplatsen vid Fyrtornet",
        land_owner=municipality,
    )
    bench = services.observation_add(
        by=secretariat,
        walk=first,
        category=Observation.Category.VANDALISM,
        description="Sönderslagen parkbänk vid färjeläget.",
        address="Färjeläget",
        land_owner=municipality,
    )
    Observation.objects.filter(pk=bench.pk).update(status=Observation.Status.RESOLVED)
    second = services.walk_create(
        by=secretariat,
        area=area,
        date=today - datetime.timedelta(days=5),
        route="Samma runda som förra gången, med extra stopp vid gångtunneln.",
        parties=parties,
    )
    services.observation_add(
        by=secretariat,
        walk=second,
        category=Observation.Category.LITTER,
        description="Nedskräpning vid sittplatserna på kajen efter helgerna.",
        address="Sittplatserna vid Kajen 12",
        latitude="57.698300",
        longitude="11.955000",
        land_owner=municipality,
    )
    services.observation_add(
        by=secretariat,
        walk=second,
        category=Observation.Category.ACCESSIBILITY,
        description="Trasig ramp vid färjeläget; svår att ta sig fram med rullstol.",
        address="Färjeläget",
        land_owner=municipality,
    )
