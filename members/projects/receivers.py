"""What the projects app hears from others: the ledger's "paid" event marks the
member's funding line of that invoice paid."""

from django.dispatch import receiver

from bid.events import Event, event_published
from members.contributions import notices as contribution_notices
from members.projects.services.funding import funding_lines_paid_in_ledger


@receiver(event_published, sender=Event, dispatch_uid="projects.funding_paid")
def funding_line_paid(sender, event: Event, **kwargs) -> None:
    # In the ledger's own transaction, as the event's other subscribers: the
    # line is paid exactly when the payment that paid its invoice commits.
    if event.kind == contribution_notices.PAID.name:
        funding_lines_paid_in_ledger(contribution_id=event.subject.pk)
