"""What may be followed, and by whom: each app registers its followable
records with the selector that names those a person may see."""

from django.http import Http404
from wagtail.models import Locale, Page

from members.notifications import registry


def kind_of(subject) -> str | None:
    entry = registry.followable_of(subject)
    return entry.name if entry else None


def followable(*, user, kind: str, pk: int):
    """The record, if this person may see it; 404 otherwise."""
    entry = registry.followable(kind)
    if entry is None:
        raise Http404
    subject = entry.visible(user).filter(pk=pk).first()
    if subject is None:
        raise Http404
    return subject


def canonical(subject):
    """One record per translated page: following the English page of a
    priority is following the priority (its page in the main language)."""
    if isinstance(subject, Page):
        default = Locale.get_default()
        if subject.locale_id != default.pk:
            translation = subject.get_translation_or_none(default)
            if translation is not None:
                return translation.specific
    return subject
