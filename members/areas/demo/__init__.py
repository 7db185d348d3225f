"""The demo district's weekly work (areas.toml): four areas with boundaries
and parties, twelve consolidated weeks of reports, action items open, in
progress, done and overdue, and two safety walks along the harbour promenade,
all through the areas services. Three things no service does are written
directly: the police officer joins the police's account (the secretariat
would invite them), overdue items get their due date in the past (a new item
is due in the future) and a walk's broken bench is marked mended."""

import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from bid import demo
from members.accounts import demo as people
from members.areas import services
from members.areas.models import (
    ActionItem,
    Area,
    Colour,
    Observation,
    WeeklyReport,
    iso_week_of,
)
from members.areas.selectors import land_owners
from members.organisations.models import Organisation, OrganisationMember


def _boundary(corners: list) -> dict:
    ring = [list(corner) for corner in corners]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def _lamp(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 360, 640, 480), fill=(50, 50, 45))  # the dark path
    draw.rectangle((300, 80, 330, 420), fill=(95, 95, 95))
    draw.rectangle((270, 60, 360, 90), fill=(70, 70, 70))  # a lamp, unlit


def _bushes(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 380, 640, 480), fill=(150, 130, 100))  # sand
    draw.rectangle(
        (420, 220, 600, 400), outline=(200, 40, 40), width=8
    )  # climbing frame
    for x, y, r in ((120, 300, 110), (260, 280, 120), (380, 320, 100)):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(40, 100, 45))


def _bench(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 380, 640, 480), fill=(120, 120, 115))  # paving
    draw.rectangle((140, 250, 300, 270), fill=(120, 80, 40))
    draw.polygon([(330, 250), (500, 300), (495, 320), (325, 270)], fill=(120, 80, 40))
    for x in (160, 460):
        draw.rectangle((x, 270, x + 16, 380), fill=(60, 60, 60))


def _litter(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 300, 640, 480), fill=(130, 125, 120))  # the quay
    draw.rectangle((0, 0, 640, 300), fill=(60, 90, 130))  # the water
    for x, y, colour in (
        (100, 400, (220, 30, 30)),
        (240, 360, (240, 240, 240)),
        (330, 430, (30, 160, 60)),
        (470, 380, (240, 200, 30)),
        (540, 440, (240, 240, 240)),
    ):
        draw.rectangle((x, y, x + 28, y + 14), fill=colour)


def _ramp(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 400, 640, 480), fill=(120, 120, 115))
    draw.polygon([(80, 400), (560, 260), (560, 400)], fill=(150, 150, 145))
    draw.line([(300, 340), (330, 370), (315, 400)], fill=(30, 30, 30), width=6)


PICTURES = {
    "lamp": _lamp,
    "bushes": _bushes,
    "bench": _bench,
    "litter": _litter,
    "ramp": _ramp,
}


def _photo(subject: str) -> SimpleUploadedFile:
    """A small picture of `subject`, with camera metadata as phones add it;
    the upload path strips it as it does for every photo."""
    image = Image.new("RGB", (640, 480), (40, 60, 80))
    PICTURES[subject](ImageDraw.Draw(image))
    exif = Image.Exif()
    exif[0x010F] = "Demo Phone"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(
        f"{subject}.jpg", buffer.getvalue(), content_type="image/jpeg"
    )


@transaction.atomic
def areas() -> dict[str, Area]:
    """The four areas with their boundaries, each once, by short name: loaded
    first, since properties, proposals and the plan's priorities name them."""
    spec = demo.data(__file__, "areas")
    found = {}
    for order, entry in enumerate(spec["areas"]):
        found[entry["slug"]], _created = Area.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "description": entry["description"],
                "boundary": _boundary(entry["corners"]),
                "sort_order": order,
            },
        )
    return found


@transaction.atomic
def load() -> None:
    """The areas' parties, twelve weeks of reports and pictures, actions and
    walks; once (the areas themselves come first, from `areas`)."""
    if WeeklyReport.objects.exists():
        return
    spec = demo.data(__file__, "areas")
    secretariat = people.person("sekretariat")
    organisations = {o.legal_name: o for o in Organisation.objects.all()}
    User = get_user_model()
    for member in spec["party_members"]:
        user = User.objects.filter(email=people.email(member["person"])).first()
        if user is not None:
            OrganisationMember.objects.get_or_create(
                organisation=organisations[member["organisation"]],
                user=user,
                defaults={"role": OrganisationMember.Role.ADMIN},
            )
    by_slug = areas()
    for entry in spec["areas"]:
        by_slug[entry["slug"]].parties.set(
            [organisations[name] for name in entry["parties"] if name in organisations]
        )
    today = timezone.localdate()
    _reports(spec["reports"], by_slug, secretariat, today)
    _actions(spec, by_slug, organisations, secretariat, today)
    _walks(spec["walks"], by_slug, organisations, secretariat, today)


def _reports(spec: dict, areas: dict, secretariat, today: datetime.date) -> None:
    """Every party's report for the weeks back to `weeks`, this week's half
    done, and each past week consolidated by the secretariat."""

    def reporter(organisation):
        member = organisation.members.order_by("role", "pk").first()
        return member.user if member else secretariat

    events = {
        (event["area"], event["weeks_ago"]): (event["colour"], event["score"])
        for event in spec["events"]
    }
    # Repeatable demo figures, no secret (bandit B311).
    rng = random.Random(spec["seed"])  # nosec B311
    for back in range(spec["weeks"], -1, -1):
        year, week = iso_week_of(today - datetime.timedelta(weeks=back))
        for slug, area in areas.items():
            for party in area.parties.all():
                if back == 0 and rng.random() < 0.5:
                    continue  # this week is still being reported
                colour, score = events.get((slug, back), (None, None))
                if colour is None or rng.random() < 0.3:
                    score = max(
                        1,
                        min(
                            5,
                            spec["baseline_score"][slug] + rng.choice([-1, 0, 0, 0, 1]),
                        ),
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
                    note=rng.choice(spec["notes"]),
                    vandalism=rng.randint(0, 3),
                    littering=rng.randint(0, 4),
                    unrest=rng.randint(0, 2) + (3 if colour == Colour.RED else 0),
                    crime_reported=rng.randint(0, 2),
                    other=rng.randint(0, 1),
                )
        if back == 0:
            continue
        services.week_consolidate(
            by=secretariat,
            year=year,
            week=week,
            decisions={
                areas[decision["area"]].pk: {
                    "colour": decision["colour"],
                    "score": decision["score"],
                    "reason": decision["reason"],
                }
                for decision in spec["decisions"]
                if decision["weeks_ago"] == back
            },
            summary=spec["summary"] if back > 1 else spec["last_week_summary"],
        )


def _actions(spec: dict, areas: dict, organisations: dict, secretariat, today) -> None:
    for entry in spec["actions"]:
        due_in = entry["due_in_days"]
        item = services.action_create(
            by=secretariat,
            area=areas[entry["area"]],
            addressed_to=organisations[entry["addressed_to"]],
            title=entry["title"],
            description=entry["description"],
            due_date=today + datetime.timedelta(days=max(due_in, 1)),
        )
        if due_in < 0:
            ActionItem.objects.filter(pk=item.pk).update(
                due_date=today + datetime.timedelta(days=due_in)
            )
        if entry["status"] != ActionItem.Status.OPEN:
            services.action_update(
                by=secretariat,
                item=item,
                status=entry["status"],
                text=spec["action_updates"][entry["status"]],
            )


def _walks(walks: list, areas: dict, organisations: dict, secretariat, today) -> None:
    municipality = organisations["Västerhamns kommun"]
    for entry in walks:
        area = areas[entry["area"]]
        walk = services.walk_create(
            by=secretariat,
            area=area,
            date=today - datetime.timedelta(days=entry["days_ago"]),
            route=entry["route"],
            parties=[organisations[name] for name in entry["parties"]],
        )
        owners = {o.legal_name: o for o in land_owners(area)}
        for spec in entry["observations"]:
            location = {
                key: spec[key] for key in ("latitude", "longitude") if key in spec
            }
            observation = services.observation_add(
                by=secretariat,
                walk=walk,
                category=spec["category"],
                description=spec["description"],
                address=spec["address"],
                **location,
                land_owner=owners.get(spec["land_owner"], municipality),
                photo=_photo(spec["photo"]),
            )
            if spec.get("to_action"):
                services.observation_to_action(by=secretariat, observation=observation)
            if spec.get("resolved"):
                Observation.objects.filter(pk=observation.pk).update(
                    status=Observation.Status.RESOLVED
                )
