"""The weekly rhythm: parties report, the secretariat consolidates, actions are
addressed to the parties concerned and followed up; safety walks turn what
needs fixing into actions for the owner of the land."""

import datetime
import uuid
from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bid import events
from bid.access import may
from bid.emails import absolute_url
from members.areas import notices, selectors
from members.areas.models import (
    INCIDENT_FIELDS,
    SEVERITY,
    ActionItem,
    ActionUpdate,
    Area,
    AreaStatus,
    Colour,
    Observation,
    SafetyWalk,
    WeeklyReport,
    WeekPicture,
    iso_week_of,
)
from members.areas.validators import clean_photo
from members.notifications.registry import EventKind
from members.organisations.models import Organisation
from members.organisations.selectors import organisations_for
from members.organisations.services import organisation_email

ACTION_DUE_DAYS = 30


# Weekly reports


def week_is_consolidated(year: int, week: int) -> bool:
    return WeekPicture.objects.filter(year=year, week=week).exists()


def _check_week(year: int, week: int) -> None:
    try:
        monday = datetime.date.fromisocalendar(year, week, 1)
    except ValueError as error:
        raise ValidationError(_("There is no such week.")) from error
    if monday > timezone.localdate():
        raise ValidationError(_("A week can be reported once it has begun."))


def _sent_before(model, client_id: uuid.UUID, **owner):
    """The record an offline entry made when it was sent before, or None. An id
    that made another record (someone else's, another week's) is refused."""
    record = model.objects.filter(client_id=client_id).first()
    if record is None:
        return None
    if any(getattr(record, name) != value for name, value in owner.items()):
        raise ValidationError(_("This entry's id is already used by another entry."))
    return record


@transaction.atomic
def report_save(
    *,
    by,
    organisation: Organisation,
    area: Area,
    year: int,
    week: int,
    client_id: uuid.UUID | None = None,
    **values,
) -> tuple[WeeklyReport, bool]:
    """A party's report for an area and week. There is one per party, area and
    week: saving again edits it, until the week is consolidated.

    A report written offline carries the phone's id for it (`client_id`): sent
    again, it changes nothing and answers with the report it made."""
    if not organisations_for(user=by).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You do not act for this organisation."))
    if not area.parties.filter(pk=organisation.pk).exists():
        raise ValidationError(
            _("%(party)s is not a party of %(area)s.")
            % {"party": organisation.legal_name, "area": area.name}
        )
    key = {"organisation": organisation, "area": area, "year": year, "week": week}
    if client_id and (sent := _sent_before(WeeklyReport, client_id, **key)):
        return sent, False
    _check_week(year, week)
    if week_is_consolidated(year, week):
        raise ValidationError(
            _("Week %(week)s is consolidated; its reports can no longer change.")
            % {"week": week}
        )
    fields = {
        "colour": values["colour"],
        "score": values["score"],
        "note": (values.get("note") or "").strip(),
        "reported_by": by,
        **{name: values.get(name) or 0 for name in INCIDENT_FIELDS},
    }
    if client_id:
        fields["client_id"] = client_id
    report = WeeklyReport.objects.select_for_update().filter(**key).first()
    if client_id and report is not None and report.client_id == client_id:
        # The same entry, sent again while the first sending was saving.
        return report, False
    created = report is None
    if created:
        report = WeeklyReport(
            organisation=organisation, area=area, year=year, week=week, **fields
        )
    else:
        for name, value in fields.items():
            setattr(report, name, value)
    report.full_clean(exclude=["client_id"], validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Someone of the same party saved first: theirs is the report; edit it
        # (unless it is this very entry, sent twice at once).
        report = WeeklyReport.objects.get(**key)
        if client_id and report.client_id == client_id:
            return report, False
        for name, value in fields.items():
            setattr(report, name, value)
        report.save()
        created = False
    return report, created


# The situational picture


def suggestion(reports: list[WeeklyReport]) -> tuple[str, int | None]:
    """The colour and score the reports suggest.

    Score: the mean of the parties' scores, rounded half up. Colour: the one
    most parties report, a tie going to the more serious; and one party
    seeing red makes the area at least yellow, so a warning is never lost.
    With no reports: green and no score (nothing is known to be going on).
    """
    if not reports:
        return Colour.GREEN, None
    score = int(sum(r.score for r in reports) / len(reports) + 0.5)
    counts = Counter(r.colour for r in reports)
    colour = max(counts, key=lambda c: (counts[c], SEVERITY[c]))
    if counts.get(Colour.RED) and colour == Colour.GREEN:
        colour = Colour.YELLOW
    return colour, score


def week_suggestions(year: int, week: int) -> list[dict]:
    """Per area: the reports of the week and what they suggest."""
    reports = list(
        WeeklyReport.objects.filter(year=year, week=week).select_related(
            "organisation", "area"
        )
    )
    rows = []
    for area in Area.objects.all():
        mine = [r for r in reports if r.area_id == area.pk]
        colour, score = suggestion(mine)
        rows.append(
            {
                "area": area,
                "reports": mine,
                "colour": colour,
                "score": score,
                "incidents": sum(r.incidents for r in mine),
            }
        )
    return rows


@transaction.atomic
def week_consolidate(
    *, by, year: int, week: int, decisions: dict[int, dict], summary: str = ""
) -> WeekPicture:
    """Agree the week's picture. `decisions` maps an area's id to its colour,
    score, reason and summary; a colour or score other than the suggestion
    needs a reason. Consolidating again revises the picture."""
    if not may(by, "consolidate_week"):
        raise PermissionDenied(_("Only the secretariat consolidates the week."))
    _check_week(year, week)
    errors = {}
    rows = week_suggestions(year, week)
    for row in rows:
        decision = decisions.get(row["area"].pk, {})
        colour = decision.get("colour") or row["colour"]
        score = decision.get("score") or row["score"] or 1
        reason = (decision.get("reason") or "").strip()
        if colour not in Colour.values or not 1 <= int(score) <= 5:
            errors[row["area"].pk] = _("Choose a colour and a score from 1 to 5.")
        elif (
            colour != row["colour"] or int(score) != (row["score"] or 1)
        ) and not reason:
            errors[row["area"].pk] = _(
                "Give a reason for changing the suggested status of %(area)s."
            ) % {"area": row["area"].name}
        row.update(final_colour=colour, final_score=int(score), reason=reason)
        row["summary"] = (decision.get("summary") or "").strip()
    if errors:
        raise ValidationError(errors)
    picture, created = WeekPicture.objects.update_or_create(
        year=year,
        week=week,
        defaults={
            "summary": summary.strip(),
            "consolidated_by": by,
            "consolidated_at": timezone.now(),
        },
    )
    for row in rows:
        AreaStatus.objects.update_or_create(
            picture=picture,
            area=row["area"],
            defaults={
                "colour": row["final_colour"],
                "score": row["final_score"],
                "suggested_colour": row["colour"],
                "suggested_score": row["score"] or 1,
                "override_reason": row["reason"],
                "summary": row["summary"],
                "reports": len(row["reports"]),
                "incidents": row["incidents"],
            },
        )
    if created:
        # Members and every area's parties see the picture, as in the portal.
        areas = [row["area"] for row in rows]
        with translation.override(settings.LANGUAGE_CODE):
            url = reverse("portal:situation") + f"?year={year}&week={week}"
        notices.SITUATION_PUBLISHED.publish(
            subject=picture,
            visibility=events.MEMBERS,
            organisations=Organisation.objects.filter(areas__in=areas).distinct(),
            related=areas,
            actor=by,
            params={"week": week, "year": year},
            url=url,
        )
    return picture


def trend(weeks: int = 12) -> tuple[list[WeekPicture], dict[int, list]]:
    """The last consolidated weeks (oldest first) and per area its scores."""
    pictures = list(
        WeekPicture.objects.order_by("-year", "-week").prefetch_related("statuses")[
            :weeks
        ]
    )[::-1]
    series: dict[int, list] = {area.pk: [] for area in Area.objects.all()}
    for picture in pictures:
        found = {status.area_id: status for status in picture.statuses.all()}
        for area_id, values in series.items():
            values.append(found.get(area_id))
    return pictures, series


# Action plans


def _notify_party(item: ActionItem, template: str, context: dict) -> None:
    url = absolute_url(reverse("portal:action", args=[item.pk]))
    organisation_email(
        organisation=item.addressed_to,
        template=template,
        context={"title": item.title, "area": item.area.name, "url": url, **context},
    )


@transaction.atomic
def action_create(
    *,
    by,
    area: Area,
    addressed_to: Organisation,
    title: str,
    description: str = "",
    due_date: datetime.date,
) -> ActionItem:
    if not may(by, "manage_actions"):
        raise PermissionDenied(_("Only the board and the secretariat address actions."))
    item = ActionItem(
        area=area,
        addressed_to=addressed_to,
        title=title.strip(),
        description=description.strip(),
        due_date=due_date,
        created_by=by,
    )
    item.full_clean()
    item.save()
    ActionUpdate.objects.create(
        item=item,
        status=item.status,
        by=by,
        by_organisation="",
        text=_("Addressed to %(party)s.") % {"party": addressed_to.legal_name},
    )
    _notify_party(item, "areas/email/action_new", {"due": due_date.isoformat()})
    people = _party_people(addressed_to)
    _publish_action(
        item, notices.ACTION_ADDRESSED, by=by, emailed=people, follow=people
    )
    return item


def _party_people(organisation: Organisation) -> list:
    return [m.user for m in organisation.members.select_related("user")]


def _publish_action(item: ActionItem, kind: EventKind, *, by=None, **details) -> None:
    """Seen by the addressed party and the area's parties (as in the portal);
    followers of the item and of its area hear of it."""
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("portal:action", args=[item.pk])
    kind.publish(
        subject=item,
        visibility=events.ORGANISATION,
        organisations=[item.addressed_to, *item.area.parties.all()],
        related=[item.area],
        actor=by,
        params={
            "party": item.addressed_to.legal_name,
            "due_date": item.due_date.isoformat(),
        },
        url=url,
        **details,
    )


def actions_remind_overdue(*, on: datetime.date | None = None) -> int:
    """Tell the addressed party and followers once that an item is overdue."""
    today = on or timezone.localdate()
    told = 0
    for item in selectors.overdue(ActionItem.objects.all(), on=today).filter(
        overdue_notified_on__isnull=True
    ):
        with transaction.atomic():
            locked = ActionItem.objects.select_for_update().get(pk=item.pk)
            if locked.overdue_notified_on is not None:
                continue
            locked.overdue_notified_on = today
            locked.save(update_fields=["overdue_notified_on"])
            _publish_action(
                locked,
                notices.ACTION_OVERDUE,
                recipients=_party_people(locked.addressed_to),
            )
            told += 1
    return told


PARTY_STEPS = {
    ActionItem.Status.OPEN: {ActionItem.Status.IN_PROGRESS, ActionItem.Status.DONE},
    ActionItem.Status.IN_PROGRESS: {ActionItem.Status.DONE, ActionItem.Status.OPEN},
    ActionItem.Status.DONE: {ActionItem.Status.IN_PROGRESS},
    ActionItem.Status.CANCELLED: set(),
}


@transaction.atomic
def action_update(*, by, item: ActionItem, status: str, text: str = "") -> ActionItem:
    """The addressed party moves its item on (open, in progress, done); the
    board and the secretariat may also cancel or reopen."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    manager = may(by, "manage_actions")
    if (
        not manager
        and not selectors.actions_updatable_by(by).filter(pk=item.pk).exists()
    ):
        raise PermissionDenied(_("Only the party the item is addressed to updates it."))
    if status not in ActionItem.Status.values:
        raise ValidationError(_("Choose a status."))
    if status == item.status and not text.strip():
        raise ValidationError(_("Change the status or write an update."))
    if status != item.status and not manager and status not in PARTY_STEPS[item.status]:
        raise ValidationError(
            _("An item that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": item.get_status_display(),
                "to": ActionItem.Status(status).label,
            }
        )
    own = organisations_for(user=by).filter(pk=item.addressed_to_id).first()
    ActionUpdate.objects.create(
        item=item,
        status=status,
        text=text.strip(),
        by=by,
        by_organisation=own.legal_name if own else "",
    )
    item.status = status
    item.save(update_fields=["status", "updated_at"])
    _publish_action(item, notices.ACTION_UPDATED, by=by)
    observation = Observation.objects.filter(action_item=item).first()
    if observation and status == ActionItem.Status.DONE:
        observation.status = Observation.Status.RESOLVED
        observation.save(update_fields=["status"])
    return item


# Safety walks


@transaction.atomic
def walk_create(
    *, by, area: Area, date: datetime.date, route: str, parties
) -> SafetyWalk:
    if not may(by, "manage_actions"):
        raise PermissionDenied(
            _("Only the board and the secretariat plan safety walks.")
        )
    walk = SafetyWalk(area=area, date=date, route=route.strip(), created_by=by)
    walk.full_clean()
    walk.save()
    walk.parties.set(parties)
    return walk


@transaction.atomic
def observation_add(
    *,
    by,
    walk: SafetyWalk,
    photo=None,
    client_id: uuid.UUID | None = None,
    **values,
) -> Observation:
    """An observation on a walk. One made offline carries the phone's id for it
    (`client_id`): sent again, even at the same moment, it is recorded once and
    each sending answers with that observation."""
    if not selectors.walk_participant(by, walk):
        raise PermissionDenied(_("Only the walk's parties record observations."))
    owner = {"walk": walk, "recorded_by": by}
    if client_id and (sent := _sent_before(Observation, client_id, **owner)):
        return sent
    land_owner = values.pop("land_owner")
    if not selectors.land_owners(walk.area).filter(pk=land_owner.pk).exists():
        raise ValidationError(
            {
                "land_owner": _(
                    "Choose the owner of a property in the area, or the municipality."
                )
            }
        )
    observation = Observation(
        walk=walk, land_owner=land_owner, recorded_by=by, client_id=client_id, **values
    )
    # The id's uniqueness is the database's to keep, also between two sendings.
    observation.full_clean(exclude=["photo", "client_id"])
    if photo:
        observation.photo.save("photo.jpg", clean_photo(photo), save=False)
    try:
        with transaction.atomic():
            observation.save()
    except IntegrityError:
        if observation.photo:
            observation.photo.delete(save=False)
        if client_id and (sent := _sent_before(Observation, client_id, **owner)):
            return sent
        raise
    return observation


def _quick_report_walk(*, by, area: Area, party: Organisation) -> SafetyWalk:
    """Today's walk of quick reports in the area, made by the first report of
    the day; the reporting party joins it."""
    today = timezone.localdate()
    walk = selectors.quick_report_walk(area, today)
    if walk is None:
        with translation.override(settings.LANGUAGE_CODE):
            route = _("Quick reports between walks")
        walk = SafetyWalk(
            area=area,
            date=today,
            kind=SafetyWalk.Kind.QUICK,
            route=str(route),
            created_by=by,
        )
        walk.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                walk.save()
        except IntegrityError:
            # Another party's first report of the day came first.
            walk = SafetyWalk.objects.get(
                area=area, date=today, kind=SafetyWalk.Kind.QUICK
            )
    walk.parties.add(party)
    return walk


@transaction.atomic
def quick_report_add(
    *,
    by,
    area: Area,
    category: str,
    photo=None,
    description: str = "",
    address: str = "",
    latitude=None,
    longitude=None,
    accuracy: int | None = None,
    client_id: uuid.UUID | None = None,
) -> Observation:
    """A party's observation between walks: recorded on the area's walk of
    quick reports for today. The land owner is the owner of the registered
    property nearest the point, else the municipality; the secretariat can
    correct it when following up. Sent again (`client_id`), it is recorded
    once."""
    if client_id and (sent := _sent_before(Observation, client_id, recorded_by=by)):
        return sent
    party = selectors.parties_of(by).filter(areas=area).first()
    if party is None:
        raise PermissionDenied(_("Only the parties of an area report on it."))
    suggestion = None
    if latitude is not None and longitude is not None:
        suggestion = selectors.owner_near(
            area, lat=float(latitude), lon=float(longitude)
        )
    land_owner = (
        suggestion.owner
        if suggestion
        else selectors.land_owners(area)
        .filter(type=Organisation.Type.MUNICIPALITY)
        .first()
    )
    if land_owner is None:
        raise ValidationError(
            _(
                "No land owner is known for this place: record it on a safety "
                "walk and choose the owner there."
            )
        )
    if not description.strip():
        with translation.override(settings.LANGUAGE_CODE):
            description = str(Observation.Category(category).label)
    walk = _quick_report_walk(by=by, area=area, party=party)
    return observation_add(
        by=by,
        walk=walk,
        photo=photo,
        client_id=client_id,
        category=category,
        description=description.strip(),
        address=address.strip(),
        latitude=latitude,
        longitude=longitude,
        accuracy=accuracy,
        land_owner=land_owner,
    )


def _title_in_district_language(observation, place: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return f"{observation.get_category_display()}: {place}"[:200]


@transaction.atomic
def observation_to_action(
    *, by, observation: Observation, due_date: datetime.date | None = None
) -> ActionItem:
    """One click: an action item for the owner of the land, in the walk's area.
    Doing it twice gives the same item."""
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    if observation.action_item_id:
        return observation.action_item
    place = observation.address or _("marked point")
    item = action_create(
        by=by,
        area=observation.walk.area,
        addressed_to=observation.land_owner,
        # Stored text everyone reads: in the district's language, not the clicker's.
        title=_title_in_district_language(observation, place),
        description=observation.description,
        due_date=due_date
        or timezone.localdate() + datetime.timedelta(days=ACTION_DUE_DAYS),
    )
    observation.action_item = item
    observation.status = Observation.Status.ACTION
    observation.save(update_fields=["action_item", "status"])
    return item


# Personal data


@transaction.atomic
def anonymise_older_than(days: int, *, on: datetime.date | None = None) -> dict:
    """Reports and observations past the retention period keep their figures and
    categories, but lose their free text and who wrote them."""
    cutoff = (on or timezone.localdate()) - datetime.timedelta(days=days)
    year, week = iso_week_of(cutoff)
    now = timezone.now()
    reports = WeeklyReport.objects.filter(anonymised_at__isnull=True).filter(
        Q(year__lt=year) | Q(year=year, week__lt=week)
    )
    counted = reports.update(note="", reported_by=None, anonymised_at=now)
    observations = list(
        Observation.objects.filter(walk__date__lt=cutoff).exclude(
            recorded_by=None, photo=""
        )
    )
    photos = 0
    for observation in observations:
        if observation.photo:
            observation.photo.delete(save=False)
            photos += 1
        observation.recorded_by = None
        observation.save(update_fields=["photo", "recorded_by"])
    return {"reports": counted, "observations": len(observations), "photos": photos}
