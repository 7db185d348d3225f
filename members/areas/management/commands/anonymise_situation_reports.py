"""Anonymise weekly reports and safety walk observations past the retention
period (SITUATION_RETENTION_DAYS, default two years): their figures and
categories stay for the trend; free text, authors and photos go. Idempotent;
run it daily."""

from django.conf import settings
from django.core.management.base import BaseCommand

from members.areas.services import anonymise_older_than


class Command(BaseCommand):
    help = (
        "Anonymise situational reports and observations older than the "
        "retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days (default: SITUATION_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = days if days is not None else settings.SITUATION_RETENTION_DAYS
        done = anonymise_older_than(days)
        self.stdout.write(
            self.style.SUCCESS(
                f"Anonymised {done['reports']} reports and {done['observations']} "
                f"observations ({done['photos']} photos removed) "
                f"older than {days} days."
            )
        )
