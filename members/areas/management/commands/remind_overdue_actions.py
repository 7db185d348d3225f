"""Tell the addressed party (and followers) once when an action item is overdue."""

from django.core.management.base import BaseCommand

from members.areas.services import actions_remind_overdue


class Command(BaseCommand):
    help = "Notify parties of overdue action items (once per item)."

    def handle(self, *args, **options):
        told = actions_remind_overdue()
        self.stdout.write(self.style.SUCCESS(f"{told} overdue action items notified."))
