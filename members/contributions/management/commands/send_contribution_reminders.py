"""Remind members of contributions due within 7 days, and of overdue ones.

Idempotent and safe to run daily: each contribution gets each reminder once.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.contributions import notices
from members.contributions.models import Contribution, ReminderSent
from members.contributions.services import (
    contribution_email_send,
    contribution_publish,
)

DUE_SOON_DAYS = 7


class Command(BaseCommand):
    help = "Email due-soon and overdue reminders (each once per contribution)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        open_ones = (
            Contribution.objects.with_balance()
            .filter(voided_at__isnull=True, outstanding_minor__gt=0)
            .select_related("organisation")
        )
        due_soon = open_ones.filter(
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        overdue = open_ones.filter(due_date__lt=today)
        sent = 0
        for kind, queryset, template in (
            (ReminderSent.Kind.DUE_SOON, due_soon, "contributions/email/due_soon"),
            (ReminderSent.Kind.OVERDUE, overdue, "contributions/email/overdue"),
        ):
            for contribution in queryset.exclude(reminders__kind=kind):
                try:
                    with transaction.atomic():
                        ReminderSent.objects.create(
                            contribution=contribution, kind=kind, sent_on=today
                        )
                        contribution_email_send(
                            contribution=contribution, template=template
                        )
                        if kind == ReminderSent.Kind.OVERDUE:
                            contribution_publish(
                                contribution, notices.OVERDUE, emailed=True
                            )
                except IntegrityError:
                    continue  # another run got there first
                sent += 1
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} reminders."))
