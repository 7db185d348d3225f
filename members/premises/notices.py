"""What the premises app tells people about: a search request that fits one of
their vacant premises."""

from django.utils.translation import gettext_lazy as _

from members.notifications.models import Category
from members.notifications.registry import EventKind, register

MATCH_FOUND = register(
    EventKind(
        "premises.match",
        category=Category.SITUATION,
        message=_("A business is looking for premises like %(premises)s: %(request)s."),
    )
)
