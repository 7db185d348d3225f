"""Read bank files (BgMax, camt.054, camt.053) into the ledger and print each report."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from members.contributions.bank import bank_file_import


class Command(BaseCommand):
    help = (
        "Import bank files of incoming payments (Bankgirot BgMax, ISO 20022 "
        "camt.054 or camt.053). A file or payment imported before is not "
        "entered again."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, **options):
        failed = []
        for name in options["files"]:
            path = Path(name)
            try:
                content = path.read_bytes()
            except OSError as error:
                self.stderr.write(f"{name}: cannot be read ({error.strerror}).")
                failed.append(name)
                continue
            try:
                report = bank_file_import(file_name=path.name, content=content)
            except ValidationError as error:
                self.stderr.write(f"{name}: " + " ".join(error.messages))
                failed.append(name)
                continue
            self.stdout.write(self._report(name, report))
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(options['files'])} files were not imported."
            )

    def _report(self, name, report) -> str:
        if report.already_imported_file:
            when = report.imported_at.strftime("%Y-%m-%d %H:%M")
            return (
                f"{name}: already imported on {when} as {report.file_name}; "
                "nothing changed."
            )
        return (
            f"{name} ({report.get_format_display()}): "
            f"{report.matched} matched, {report.unmatched} unmatched, "
            f"{report.short} short, {report.over} over, "
            f"{report.already_imported} already imported."
        )
