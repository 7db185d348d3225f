"""Write a year's verifications as a SIE 4 import file (type 4I) for the books.

manage.py export_sie --year 2026 --output hamnstaden-2026.se
manage.py export_sie --year 2026 > hamnstaden-2026.se
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.contributions.sie import SieError, sie_file


class Command(BaseCommand):
    help = "Write the year's verifications as a SIE 4 file (type 4I, codepage 437)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--output", help="The file to write; without it, the bytes go to stdout."
        )

    def handle(self, *args, year, output, **options):
        try:
            books = sie_file(year=year)
        except SieError as error:
            raise CommandError(str(error)) from error
        if output:
            Path(output).write_bytes(books.content)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{year}: {books.verifications} verifications written to "
                    f"{output} ({len(books.content):,} bytes)."
                )
            )
            return
        # The file is bytes in codepage 437: past the text layer of stdout.
        stream = self.stdout._out
        stream = getattr(stream, "buffer", stream)
        stream.write(books.content)
        stream.flush()
        if options["verbosity"] > 1:
            self.stderr.write(f"{year}: {books.verifications} verifications.")
