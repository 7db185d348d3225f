"""Tell the responsible party and the secretariat once when a milestone is overdue."""

from django.core.management.base import BaseCommand

from members.projects.services.milestones import milestones_notify_overdue


class Command(BaseCommand):
    help = "Notify the responsible parties of overdue milestones (once per milestone)."

    def handle(self, *args, **options):
        told = milestones_notify_overdue()
        self.stdout.write(self.style.SUCCESS(f"{told} overdue milestones notified."))
