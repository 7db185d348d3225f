"""The review workflow of an object (an application, a proposal): its states, the
steps allowed between them, who may take each step, and the history it leaves.

An app declares its workflow as a subclass of `Workflow` in its services and
moves objects only through `move()`, which locks the row, checks the step, the
person and the comment, records the step and saves the new status.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from bid.access import may

# A rule is the name of a role rule of `bid.access.RULES`, or a callable
# (user, obj) -> bool for rules that depend on the object.
Rule = str | Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Actor:
    """Who may take a step, and what someone else is told when they try."""

    rule: Rule
    refusal: str

    def allows(self, user, obj) -> bool:
        if isinstance(self.rule, str):
            return may(user, self.rule)
        return bool(self.rule(user, obj))

    def require(self, user, obj) -> None:
        if not self.allows(user, obj):
            raise PermissionDenied(str(self.refusal))


def any_of(*rules: Rule) -> Callable[[Any, Any], bool]:
    """A rule met by anyone who meets one of the rules."""
    actors = [Actor(rule, "") for rule in rules]
    return lambda user, obj: any(actor.allows(user, obj) for actor in actors)


@dataclass(frozen=True)
class Move:
    """One step being taken, as the workflow's hooks see it."""

    source: str
    target: str
    by: Any
    comment: str
    extra: dict = field(default_factory=dict)


class TransitionRecord(models.Model):
    """The history row of a workflow step. Subclasses declare the fields
    `from_status`, `to_status`, `by`, `by_name`, `at`, `comment` and a foreign
    key, named by `subject_field`, to the object that moved."""

    subject_field = ""

    class Meta:
        abstract = True

    def __str__(self):
        subject = getattr(self, self.subject_field)
        return f"{subject}: {self.from_status} → {self.to_status}"


class Workflow:
    """A state machine over one model's status field.

    `transitions` maps (from, to) to the `Actor` who may take that step; a pair
    not in it is refused with `refusal` (formatted with `from` and `to`, the
    states' labels). `comments` maps a target to the message given when the
    step is taken without a comment. `timestamps` maps a target to the field
    stamped with the time the object reached it. Override `before_save` for
    anything else the step changes on the object and `after_save` for what
    follows it (emails, events).
    """

    model: type[models.Model]
    history: type[TransitionRecord]
    field = "status"
    transitions: Mapping[tuple[str, str], Actor] = {}
    comments: Mapping[str, str] = {}
    timestamps: Mapping[str, str] = {}
    refusal = ""

    def actor(self, source: str, target: str) -> Actor | None:
        return self.transitions.get((source, target))

    def steps(self, obj, user) -> list[str]:
        """The states this person may move the object to now."""
        source = getattr(obj, self.field)
        return [
            target
            for (start, target), actor in self.transitions.items()
            if start == source and actor.allows(user, obj)
        ]

    def comment_check(self, target: str, comment: str) -> None:
        """Refuse a step to `target` without the comment it needs."""
        if target in self.comments and not comment.strip():
            raise ValidationError({"comment": str(self.comments[target])})

    def move(self, obj, *, to: str, by, comment: str = "", **extra):
        """Take the step to `to`: lock the object's row, check that the step is
        allowed from the state it is in now, that `by` may take it and that the
        comment is there if needed; then record the step, save the new status
        and return the object as saved. Raises ValidationError or
        PermissionDenied and changes nothing when refused."""
        labels = dict(self.model._meta.get_field(self.field).flatchoices)
        if to not in labels:
            raise ValueError(f"{to!r} is not a state of {self.model.__name__}")
        comment = comment.strip()
        with transaction.atomic():
            obj = self.model._default_manager.select_for_update().get(pk=obj.pk)
            source = getattr(obj, self.field)
            actor = self.actor(source, to)
            if actor is None:
                raise ValidationError(
                    str(self.refusal)
                    % {"from": labels.get(source, source), "to": labels[to]}
                )
            actor.require(by, obj)
            self.comment_check(to, comment)
            step = Move(source=source, target=to, by=by, comment=comment, extra=extra)
            self.history._default_manager.create(
                **{self.history.subject_field: obj},
                from_status=source,
                to_status=to,
                by=by,
                by_name=by.display_name,
                comment=comment,
            )
            setattr(obj, self.field, to)
            if to in self.timestamps:
                setattr(obj, self.timestamps[to], timezone.now())
            self.before_save(obj, step)
            obj.save()
            self.after_save(obj, step)
        return obj

    def before_save(self, obj, step: Move) -> None:
        """Change the object along with its status (a timestamp, a reference)."""

    def after_save(self, obj, step: Move) -> None:
        """What follows the step: emails and events, sent after commit."""
