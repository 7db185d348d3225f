"""Weekly digests of the last complete ISO week (or the one given).

Safe to run hourly: each person gets one digest per week, and none when there
is nothing to say."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from members.notifications.services import digests_send, last_complete_week


class Command(BaseCommand):
    help = "Send the weekly digest of notifications (once per person and week)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--week",
            help="ISO week as YYYY-Www (default: the last complete week).",
        )

    def handle(self, *args, week=None, **options):
        if week:
            try:
                monday = datetime.datetime.strptime(week + "-1", "%G-W%V-%u").date()
            except ValueError as error:
                raise CommandError(
                    "Give the week as YYYY-Www, e.g. 2026-W47."
                ) from error
            year, number = monday.isocalendar()[:2]
        else:
            year, number = last_complete_week()
        done = digests_send(year=year, week=number)
        self.stdout.write(
            self.style.SUCCESS(
                f"Week {year}-W{number:02d}: {done['sent']} digests sent, "
                f"{done['skipped']} people with nothing new."
            )
        )
