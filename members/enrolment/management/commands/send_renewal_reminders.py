"""Email the secretariat about agreements whose renewal or notice date is near.

Idempotent and safe to run daily: each reminder (agreement, kind, date) is sent
once. Agreements past their renewal date roll forward by one term first.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from members.enrolment.services import RENEWAL_WINDOW_DAYS, renewal_reminders_send


class Command(BaseCommand):
    help = (
        "Remind the secretariat of agreements due for renewal or notice within 60 days."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=RENEWAL_WINDOW_DAYS)
        checked, reminded = renewal_reminders_send(today=today)
        self.stdout.write(f"Checked {checked} agreements up to {horizon}")
        if not reminded:
            self.stdout.write("Nothing new to remind of.")
            return
        self.stdout.write(self.style.SUCCESS(f"Sent reminders about {reminded} dates."))
