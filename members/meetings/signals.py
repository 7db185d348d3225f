"""Admin uploads bypass the services, so extracting an attachment's text hangs
off the save itself."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from members.meetings.models import MeetingAttachment
from members.meetings.services import attachment_extract_text


@receiver(post_save, sender=MeetingAttachment)
def extract_attachment_text(sender, instance, created, **kwargs):
    if instance.extracted_at is None and instance.content_type in (
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ):
        transaction.on_commit(
            lambda: attachment_extract_text.enqueue(attachment_id=instance.pk)
        )
