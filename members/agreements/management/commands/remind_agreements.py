"""Remind the responsible people of notice deadlines and obligations, once each."""

from django.core.management.base import BaseCommand

from members.agreements.services import agreements_remind


class Command(BaseCommand):
    help = (
        "Remind the responsible people of agreements' notice deadlines (60 days "
        "before), obligations (14 days before) and overdue obligations; once each."
    )

    def handle(self, *args, **options):
        sent = agreements_remind()
        self.stdout.write(self.style.SUCCESS(f"{sent} agreement reminders sent."))
