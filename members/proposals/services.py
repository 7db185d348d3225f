"""The proposal lifecycle and the discussion around it.

draft → submitted → under review → accepted | rejected; accepted → in progress
→ completed; submitted or under review → withdrawn. The proposing organisation
submits and withdraws; the board (permission `proposals.decide_proposal`)
reviews and decides with written reasoning; either reports progress. Every step
is recorded and emailed to the proposing organisation.
"""

import datetime
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from bid import events
from bid.emails import absolute_url, send_email_on_commit
from members.organisations.models import Organisation
from members.organisations.selectors import organisations_for
from members.proposals.models import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    OPEN_STATUSES,
    ProgressUpdate,
    Proposal,
    ProposalAttachment,
    ProposalComment,
    ProposalSupport,
    ProposalTransition,
)
from members.proposals.selectors import is_member, is_staff_reviewer

Status = Proposal.Status
PROPOSER, BOARD, EITHER = "proposer", "board", "either"

ALLOWED = {
    (Status.DRAFT, Status.SUBMITTED): PROPOSER,
    (Status.SUBMITTED, Status.UNDER_REVIEW): BOARD,
    (Status.SUBMITTED, Status.WITHDRAWN): PROPOSER,
    (Status.UNDER_REVIEW, Status.WITHDRAWN): PROPOSER,
    (Status.UNDER_REVIEW, Status.ACCEPTED): BOARD,
    (Status.UNDER_REVIEW, Status.REJECTED): BOARD,
    (Status.ACCEPTED, Status.IN_PROGRESS): EITHER,
    (Status.IN_PROGRESS, Status.COMPLETED): EITHER,
}
NEEDS_REASONING = {Status.ACCEPTED, Status.REJECTED}
EDITABLE_FIELDS = (
    "title",
    "summary",
    "description",
    "priority",
    "areas",
    "estimated_cost_minor",
    "requested_funding_minor",
    "co_funding",
)


def is_proposer(user, proposal: Proposal) -> bool:
    return organisations_for(user=user).filter(pk=proposal.organisation_id).exists()


def _may(actor: str, user, proposal: Proposal) -> bool:
    if actor == PROPOSER:
        return is_proposer(user, proposal)
    if actor == BOARD:
        return is_staff_reviewer(user)
    return is_proposer(user, proposal) or is_staff_reviewer(user)


def allowed_steps(*, proposal: Proposal, user) -> list[str]:
    """The statuses this person may move the proposal to now."""
    return [
        to
        for (source, to), actor in ALLOWED.items()
        if source == proposal.status and _may(actor, user, proposal)
    ]


def _notify(proposal: Proposal, template: str, context: dict) -> None:
    url = absolute_url(reverse("portal:proposal", args=[proposal.pk]))
    for member in proposal.organisation.members.select_related("user"):
        send_email_on_commit(
            to=[member.user.email],
            template=template,
            context={"title": proposal.title, "url": url, **context},
            language=member.user.language,
        )


@transaction.atomic
def proposal_transition(
    *, proposal: Proposal, to: str, by, comment: str = "", decision_reference: str = ""
) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    actor = ALLOWED.get((proposal.status, to))
    if actor is None:
        raise ValidationError(
            _("A proposal that is “%(from)s” cannot become “%(to)s”.")
            % {"from": proposal.get_status_display(), "to": Status(to).label}
        )
    if not _may(actor, by, proposal):
        raise PermissionDenied(
            _("Only the board decides.")
            if actor == BOARD
            else _("Only the proposing organisation may do this.")
        )
    comment = comment.strip()
    if to in NEEDS_REASONING and not comment:
        raise ValidationError(
            {"comment": _("Give the board's reasoning for the decision.")}
        )
    ProposalTransition.objects.create(
        proposal=proposal,
        from_status=proposal.status,
        to_status=to,
        by=by,
        by_name=by.get_full_name() or by.email,
        comment=comment,
    )
    proposal.status = to
    now = timezone.now()
    if to == Status.SUBMITTED:
        proposal.submitted_at = now
    if to in NEEDS_REASONING:
        proposal.decided_at = now
        proposal.decision_reference = decision_reference.strip()[:200]
    proposal.save()
    _notify(
        proposal,
        "proposals/email/status_changed",
        {"status": to, "status_label": str(Status(to).label), "comment": comment},
    )
    _publish_transition(proposal, to, by)
    return proposal


def _people(proposal: Proposal) -> list:
    return [m.user for m in proposal.organisation.members.select_related("user")]


def _publish(proposal: Proposal, kind: str, *, by, visibility: str, **details):
    """An event about the proposal; its organisation's people were emailed by
    `_notify` already."""
    people = _people(proposal)
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("portal:proposal", args=[proposal.pk])
    events.publish(
        f"proposal.{kind}",
        subject=proposal,
        visibility=visibility,
        organisations=[proposal.organisation],
        related=[proposal.priority] if proposal.priority_id else [],
        actor=by,
        recipients=people,
        emailed=people,
        url=url,
        **details,
    )


def _publish_transition(proposal: Proposal, to: str, by) -> None:
    if to == Status.SUBMITTED:
        # The proposers follow their proposal from now on.
        _publish(
            proposal,
            "submitted",
            by=by,
            visibility=events.MEMBERS,
            follow=_people(proposal),
            params={"organisation": proposal.organisation.legal_name},
        )
    elif to in (Status.ACCEPTED, Status.REJECTED):
        _publish(
            proposal,
            to,
            by=by,
            visibility=events.PUBLIC if to == Status.ACCEPTED else events.MEMBERS,
        )


def _fields(data: dict) -> dict:
    # The description is stored as written and sanitised when shown.
    return {name: data[name] for name in EDITABLE_FIELDS if name in data}


@transaction.atomic
def proposal_create(*, by, organisation: Organisation, **data) -> Proposal:
    if not organisations_for(user=by).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    proposal = Proposal(organisation=organisation, author=by, **_fields(data))
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_update(*, proposal: Proposal, by, **data) -> Proposal:
    if not is_proposer(by, proposal):
        raise PermissionDenied
    if proposal.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed."))
    for name, value in _fields(data).items():
        setattr(proposal, name, value)
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_delete(*, proposal: Proposal, by) -> None:
    if not is_proposer(by, proposal):
        raise PermissionDenied
    if proposal.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be deleted; withdraw it instead."))
    for attachment in proposal.attachments.all():
        attachment.file.delete(save=False)
    proposal.delete()


def attachment_check(upload) -> str:
    """The file's real type, if it is one we accept and not too large."""
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ATTACHMENT_TYPES:
        raise ValidationError(_("Attach a PDF or an image (PNG, JPEG or WebP)."))
    return kind.mime


@transaction.atomic
def attachment_add(*, proposal: Proposal, by, upload) -> ProposalAttachment:
    if not is_proposer(by, proposal):
        raise PermissionDenied
    if proposal.status != Status.DRAFT:
        raise ValidationError(
            _("Attachments can be added while the proposal is a draft.")
        )
    mime = attachment_check(upload)
    original_name = Path(upload.name or "file").name[:200]
    # The stored name comes from the real type, not from what the member typed.
    upload.name = f"file.{ATTACHMENT_TYPES[mime]}"
    attachment = ProposalAttachment(
        proposal=proposal,
        original_name=original_name,
        content_type=mime,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def support_toggle(*, proposal: Proposal, by, organisation: Organisation) -> bool:
    """Support the proposal for the organisation, or take the support back.
    Returns True when the organisation now supports it."""
    if not organisations_for(user=by).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    if not is_member(by):
        raise PermissionDenied(_("Only members support proposals."))
    if organisation.pk == proposal.organisation_id:
        raise ValidationError(_("An organisation cannot support its own proposal."))
    if proposal.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Proposals can be supported while they are being considered.")
        )
    existing = ProposalSupport.objects.filter(
        proposal=proposal, organisation=organisation
    )
    if existing.exists():
        existing.delete()
        return False
    try:
        with transaction.atomic():
            ProposalSupport.objects.create(
                proposal=proposal, organisation=organisation, user=by
            )
    except IntegrityError:
        pass  # a double click: the organisation already supports it
    return True


COMMENTABLE = OPEN_STATUSES + [Status.ACCEPTED, Status.IN_PROGRESS]


@transaction.atomic
def comment_add(*, proposal: Proposal, by, body: str) -> ProposalComment:
    if not is_member(by):
        raise PermissionDenied(_("Only members take part in the discussion."))
    if proposal.status not in COMMENTABLE:
        raise ValidationError(_("This proposal is not open for comments."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    organisation = organisations_for(user=by).first()
    comment = ProposalComment.objects.create(
        proposal=proposal,
        author=by,
        author_name=by.get_full_name() or by.email,
        organisation=organisation,
        body=body[:3000],
    )
    _notify(
        proposal,
        "proposals/email/new_comment",
        {"author": comment.author_name, "body": comment.body},
    )
    excerpt = " ".join(comment.body.split())
    _publish(
        proposal,
        "commented",
        by=by,
        visibility=events.MEMBERS,
        params={
            "actor": comment.author_name,
            "excerpt": Truncator(excerpt).chars(140),
        },
    )
    return comment


@transaction.atomic
def comment_hide(*, comment: ProposalComment, by, reason: str) -> ProposalComment:
    if not is_staff_reviewer(by):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the comment is hidden.")})
    comment.hidden_at = timezone.now()
    comment.hidden_by = by
    comment.hidden_reason = reason.strip()
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return comment


@transaction.atomic
def progress_report(
    *,
    proposal: Proposal,
    by,
    text: str,
    percent: int,
    reported_on: datetime.date | None = None,
) -> ProgressUpdate:
    if not _may(EITHER, by, proposal):
        raise PermissionDenied
    if proposal.status not in (Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED):
        raise ValidationError(_("Progress is reported once the proposal is accepted."))
    update = ProgressUpdate(
        proposal=proposal,
        reported_on=reported_on or timezone.localdate(),
        text=text.strip(),
        percent=percent,
        by=by,
    )
    update.full_clean()
    update.save()
    _publish(
        proposal,
        "progress",
        by=by,
        visibility=events.PUBLIC,
        params={"percent": update.percent},
    )
    if proposal.status == Status.ACCEPTED:
        proposal_transition(proposal=proposal, to=Status.IN_PROGRESS, by=by)
    return update
