"""The proposal lifecycle and the discussion around it.

draft → submitted → under review → accepted | rejected; accepted → in progress
→ completed; submitted or under review → withdrawn; accepted or in progress →
discontinued. The proposing organisation submits and withdraws; the board
(permission `proposals.decide_proposal`) reviews and decides with written
reasoning, and may stop a project with a reason; either reports progress.
Completing or discontinuing closes the project (`closed_at`). Every step is
recorded and emailed to the proposing organisation.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bid import events
from bid.access import is_member, may, organisations_of
from bid.emails import absolute_url
from bid.uploads import IMAGES
from bid.workflow import Actor, Move, Workflow, any_of
from members.notifications.registry import EventKind
from members.organisations.models import Organisation
from members.organisations.selectors import organisations_for
from members.organisations.services import organisation_email
from members.proposals import notices
from members.proposals.models import (
    ACTIVE_STATUSES,
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ProgressUpdate,
    Proposal,
    ProposalAttachment,
    ProposalComment,
    ProposalSupport,
    ProposalTransition,
)
from members.proposals.validators import (
    ATTACHMENT_TYPES,
    attachment_check,
    attachment_image_clean,
)

Status = Proposal.Status
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
    return proposal.organisation_id in organisations_of(user)


PROPOSER = Actor(
    is_proposer, gettext_lazy("Only the proposing organisation may do this.")
)
BOARD = Actor("decide_proposal", gettext_lazy("Only the board decides."))
EITHER = Actor(
    any_of(is_proposer, "decide_proposal"),
    gettext_lazy("Only the proposing organisation may do this."),
)


class ProposalWorkflow(Workflow):
    model = Proposal
    history = ProposalTransition
    transitions = {
        (Status.DRAFT, Status.SUBMITTED): PROPOSER,
        (Status.SUBMITTED, Status.UNDER_REVIEW): BOARD,
        (Status.SUBMITTED, Status.WITHDRAWN): PROPOSER,
        (Status.UNDER_REVIEW, Status.WITHDRAWN): PROPOSER,
        (Status.UNDER_REVIEW, Status.ACCEPTED): BOARD,
        (Status.UNDER_REVIEW, Status.REJECTED): BOARD,
        (Status.ACCEPTED, Status.IN_PROGRESS): EITHER,
        (Status.IN_PROGRESS, Status.COMPLETED): EITHER,
        (Status.ACCEPTED, Status.DISCONTINUED): BOARD,
        (Status.IN_PROGRESS, Status.DISCONTINUED): BOARD,
    }
    comments = {
        **dict.fromkeys(
            NEEDS_REASONING,
            gettext_lazy("Give the board's reasoning for the decision."),
        ),
        Status.DISCONTINUED: gettext_lazy("Say why the project is discontinued."),
    }
    refusal = gettext_lazy("A proposal that is “%(from)s” cannot become “%(to)s”.")

    timestamps = {
        Status.SUBMITTED: "submitted_at",
        **dict.fromkeys(NEEDS_REASONING, "decided_at"),
        **dict.fromkeys(CLOSED_STATUSES, "closed_at"),
    }

    def before_save(self, proposal: Proposal, step: Move) -> None:
        if step.target in NEEDS_REASONING:
            reference = step.extra.get("decision_reference", "")
            proposal.decision_reference = reference.strip()[:200]
        if step.target == Status.DISCONTINUED:
            # Kept on the project too: its public page gives the reason.
            proposal.discontinued_reason = step.comment

    def after_save(self, proposal: Proposal, step: Move) -> None:
        _notify(
            proposal,
            "proposals/email/status_changed",
            {
                "status": step.target,
                "status_label": str(Status(step.target).label),
                "comment": step.comment,
            },
        )
        _publish_transition(proposal, step.target, step.by)


WORKFLOW = ProposalWorkflow()


def _may(actor: Actor, user, proposal: Proposal) -> bool:
    return actor.allows(user, proposal)


def allowed_steps(*, proposal: Proposal, user) -> list[str]:
    """The statuses this person may move the proposal to now."""
    return WORKFLOW.steps(proposal, user)


def _notify(proposal: Proposal, template: str, context: dict) -> None:
    url = absolute_url(reverse("portal:proposal", args=[proposal.pk]))
    organisation_email(
        organisation=proposal.organisation,
        template=template,
        context={"title": proposal.title, "url": url, **context},
    )


@transaction.atomic
def proposal_transition(
    *, proposal: Proposal, to: str, by, comment: str = "", decision_reference: str = ""
) -> Proposal:
    return WORKFLOW.move(
        proposal,
        to=to,
        by=by,
        comment=comment,
        decision_reference=decision_reference,
    )


def _people(proposal: Proposal) -> list:
    return [m.user for m in proposal.organisation.members.select_related("user")]


def _publish(proposal: Proposal, kind: EventKind, *, by, visibility: str, **details):
    """An event about the proposal; its organisation's people were emailed by
    `_notify` already."""
    people = _people(proposal)
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("portal:proposal", args=[proposal.pk])
    kind.publish(
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
            notices.SUBMITTED,
            by=by,
            visibility=events.MEMBERS,
            follow=_people(proposal),
            params={"organisation": proposal.organisation.legal_name},
        )
    elif to in (Status.ACCEPTED, Status.REJECTED):
        _publish(
            proposal,
            notices.ACCEPTED if to == Status.ACCEPTED else notices.REJECTED,
            by=by,
            visibility=events.PUBLIC if to == Status.ACCEPTED else events.MEMBERS,
        )
    elif to == Status.DISCONTINUED:
        _publish(proposal, notices.DISCONTINUED, by=by, visibility=events.PUBLIC)


def _fields(data: dict) -> dict:
    # The description is stored as written and sanitised when shown; the
    # areas are links, set once the proposal is saved (`_set_areas`).
    return {
        name: data[name] for name in EDITABLE_FIELDS if name in data and name != "areas"
    }


def _set_areas(proposal: Proposal, data: dict) -> None:
    if "areas" in data:
        proposal.areas.set(data["areas"])


@transaction.atomic
def proposal_create(*, by, organisation: Organisation, **data) -> Proposal:
    if not organisations_for(user=by).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    proposal = Proposal(organisation=organisation, author=by, **_fields(data))
    proposal.full_clean()
    proposal.save()
    _set_areas(proposal, data)
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
    _set_areas(proposal, data)
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
    if mime in IMAGES:
        upload = attachment_image_clean(upload)
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


COMMENTABLE = OPEN_STATUSES + ACTIVE_STATUSES


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
        author_name=by.display_name,
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
        notices.COMMENTED,
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
    if not may(by, "decide_proposal"):
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
    if not EITHER.allows(by, proposal):
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
        notices.PROGRESS,
        by=by,
        visibility=events.PUBLIC,
        params={"percent": update.percent},
    )
    if proposal.status == Status.ACCEPTED:
        proposal_transition(proposal=proposal, to=Status.IN_PROGRESS, by=by)
    return update


def proposal_discontinue(*, proposal: Proposal, by, reason: str) -> Proposal:
    """Stop an accepted or running project before it is completed; the reason
    is required, recorded with the step and shown on the project's page."""
    return proposal_transition(
        proposal=proposal, to=Status.DISCONTINUED, by=by, comment=reason
    )
