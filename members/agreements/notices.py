"""What the agreements app tells people about: a notice deadline coming up,
an obligation coming due, an obligation overdue. Only the responsible person
is told (agreements are the board's records)."""

from django.utils.translation import gettext_lazy as _

from members.notifications.models import Category
from members.notifications.registry import EventKind, register

NOTICE_DEADLINE = register(
    EventKind(
        "agreement.notice_deadline",
        category=Category.PROPOSALS,
        message=_(
            "The last day to give notice on the agreement “%(agreement)s” is "
            "%(deadline_date)s."
        ),
    )
)
OBLIGATION_DUE = register(
    EventKind(
        "agreement.obligation_due",
        category=Category.PROPOSALS,
        message=_(
            "“%(obligation)s” under the agreement “%(agreement)s” is due %(due_date)s."
        ),
    )
)
OBLIGATION_OVERDUE = register(
    EventKind(
        "agreement.obligation_overdue",
        category=Category.PROPOSALS,
        message=_(
            "“%(obligation)s” under the agreement “%(agreement)s” was due "
            "%(due_date)s and is not done."
        ),
    )
)
