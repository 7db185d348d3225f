"""What may be followed, and by whom: each kind names the records a person may
see, through the owning module's own selector."""

from django.http import Http404


def _proposals(user):
    from members.proposals.selectors import proposals_visible_to

    return proposals_visible_to(user=user)


def _priorities(user):
    from home.models import PriorityPage

    return PriorityPage.objects.live().public()


def _bodies(user):
    from members.meetings.models import Body

    return Body.objects.all()


def _areas(user):
    from members.areas import selectors
    from members.areas.models import Area

    if not selectors.may_see_picture(user):
        return Area.objects.none()
    return Area.objects.all()


def _actions(user):
    from members.areas import selectors

    return selectors.actions_visible_to(user)


KINDS = {
    "action": _actions,
    "proposal": _proposals,
    "priority": _priorities,
    "body": _bodies,
    "area": _areas,
}


def kind_of(subject) -> str | None:
    from home.models import PriorityPage
    from members.areas.models import ActionItem, Area
    from members.meetings.models import Body
    from members.proposals.models import Proposal

    for kind, model in (
        ("action", ActionItem),
        ("proposal", Proposal),
        ("priority", PriorityPage),
        ("body", Body),
        ("area", Area),
    ):
        if isinstance(subject, model):
            return kind
    return None


def followable(*, user, kind: str, pk: int):
    """The record, if this person may see it; 404 otherwise."""
    if kind not in KINDS:
        raise Http404
    subject = KINDS[kind](user).filter(pk=pk).first()
    if subject is None:
        raise Http404
    return subject


def canonical(subject):
    """One record per translated page: following the English page of a
    priority is following the priority (its page in the main language)."""
    from wagtail.models import Locale, Page

    if isinstance(subject, Page):
        default = Locale.get_default()
        if subject.locale_id != default.pk:
            translation = subject.get_translation_or_none(default)
            if translation is not None:
                return translation.specific
    return subject
