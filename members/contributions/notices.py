"""What the contributions app tells people about: an invoice issued, paid or
overdue, told to the paying organisation only."""

from django.utils.translation import gettext_lazy as _

from members.notifications.models import Category
from members.notifications.registry import EventKind, register

ISSUED = register(
    EventKind(
        "contribution.issued",
        category=Category.CONTRIBUTIONS,
        message=_("The contribution is issued, due %(due_date)s."),
    )
)
PAID = register(
    EventKind(
        "contribution.paid",
        category=Category.CONTRIBUTIONS,
        message=_("The contribution is paid in full."),
    )
)
OVERDUE = register(
    EventKind(
        "contribution.overdue",
        category=Category.CONTRIBUTIONS,
        message=_("The contribution was due %(due_date)s and is unpaid."),
    )
)
