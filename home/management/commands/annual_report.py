"""Draft the year's activity report from the data as a Wagtail draft page.

manage.py annual_report --year 2026

Idempotent: the year's report gets a new revision with the current figures;
a published report keeps its live content until the new draft is approved.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from home.annual_report import annual_report_generate, default_year


class Command(BaseCommand):
    help = "Draft the year's activity report (verksamhetsberättelse) from the data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            help="The year reported on (default: the past year "
            "until the end of March, else the current one).",
        )

    def handle(self, *args, year=None, **options):
        try:
            result = annual_report_generate(year=year or default_year(), by=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(result.message))
        self.stdout.write(
            f"Edit it at {reverse('wagtailadmin_pages:edit', args=[result.page.pk])}"
        )
