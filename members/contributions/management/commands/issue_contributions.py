"""Issue a year's contributions to every active member not yet invoiced.

Idempotent and resumable: run it again after an interruption and it finishes
the job; run it once more and it creates nothing.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bid.progress import progress_bar
from members.contributions.models import ContributionScheme
from members.contributions.services import contributions_issue


class Command(BaseCommand):
    help = "Issue the contributions of a financial year (idempotent, resumable)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--chunk-size", type=int, default=500)

    def handle(self, *args, year, chunk_size, **options):
        scheme = ContributionScheme.objects.filter(year=year).first()
        if scheme is None:
            raise CommandError(f"There is no contribution scheme for {year}.")
        quiet = options["verbosity"] == 0
        try:
            with progress_bar(self.stderr, unit="member", quiet=quiet) as progress:
                run = contributions_issue(
                    scheme=scheme, progress=progress, chunk_size=chunk_size
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{year}: {run.created} contributions issued, "
                f"{run.total - run.created} already had one or failed."
            )
        )
        for failure in run.failures:
            self.stderr.write(f"Failed: {failure}")
        if run.failures:
            raise CommandError(f"{len(run.failures)} members could not be invoiced.")
