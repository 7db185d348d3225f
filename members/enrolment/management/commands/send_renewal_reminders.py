"""Email the secretariat about agreements whose renewal or notice date is near.

Idempotent and safe to run daily: each reminder (agreement, kind, date) is sent
once. Agreements past their renewal date roll forward by one term first.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from bid.emails import absolute_url, render_email
from members.accounts import roles
from members.enrolment.models import ReminderSent
from members.enrolment.selectors import agreements_running
from members.enrolment.services import agreement_roll_forward

WINDOW_DAYS = 60


class Command(BaseCommand):
    help = (
        "Remind the secretariat of agreements due for renewal or notice within 60 days."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=WINDOW_DAYS)
        due = []
        agreements = list(agreements_running(today=today))
        self.stdout.write(f"Checking {len(agreements)} agreements up to {horizon}")
        with transaction.atomic():
            for agreement in agreements:
                agreement_roll_forward(agreement=agreement, today=today)
                if agreement.cancelled_on is not None:
                    continue
                checks = (
                    (ReminderSent.Kind.RENEWAL, agreement.renewal_date),
                    (ReminderSent.Kind.NOTICE, agreement.notice_date),
                )
                for kind, date in checks:
                    if not today <= date <= horizon:
                        continue
                    _reminder, created = ReminderSent.objects.get_or_create(
                        agreement=agreement, kind=kind, due_on=date
                    )
                    if created:
                        due.append((agreement, kind, date))
            # Sent inside the transaction: if mailing fails, nothing is marked
            # as sent and tomorrow's run tries again.
            if due:
                self._send(due)
        if not due:
            self.stdout.write("Nothing new to remind of.")
            return
        self.stdout.write(self.style.SUCCESS(f"Sent reminders about {len(due)} dates."))

    def _send(self, due):
        rows = [
            {
                "organisation": agreement.membership.organisation.legal_name,
                "kind": kind,
                "date": date.isoformat(),
            }
            for agreement, kind, date in sorted(due, key=lambda item: item[2])
        ]
        recipients = get_user_model().objects.filter(
            groups__name=roles.SECRETARIAT, is_active=True
        )
        for recipient in recipients:
            message = render_email(
                template="enrolment/email/renewal_reminders",
                context={
                    "rows": rows,
                    "url": absolute_url("/admin/"),
                    "name": recipient.first_name or recipient.email,
                },
                language=recipient.language,
            )
            message.to = [recipient.email]
            message.send()
