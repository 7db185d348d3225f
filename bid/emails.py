"""Emails in the recipient's language, HTML and plain text, sent after commit.

Each email is three templates: `<name>_subject.txt`, `<name>.txt` and
`<name>.html`. The context must be JSON-serialisable because sending runs as a
background task (inline unless TASKS_BACKEND=database). So are attachments:
each names a builder by its dotted path and its keyword arguments, and the
file is built when the email is sent, in the email's language.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)
# Attempts per email; a failed one is queued again after 5, then 10 minutes
# where the task backend can defer (the database queue), else retried at once.
EMAIL_ATTEMPTS = 3


def absolute_url(path: str) -> str:
    return f"{settings.BASE_URL}{path}"


def render_email(
    *, template: str, context: dict, language: str
) -> EmailMultiAlternatives:
    with translation.override(language):
        context = {**context, "base_url": settings.BASE_URL}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text)
    message.attach_alternative(html, "text/html")
    return message


def attach_files(
    message: EmailMultiAlternatives, attachments: list[dict] | None, language: str
) -> None:
    """Build and attach each `{"builder": "dotted.path", "kwargs": {...}}`; a
    builder is called with `language=` and the kwargs and returns
    `(filename, content, mimetype)`."""
    for attachment in attachments or []:
        builder = import_string(attachment["builder"])
        filename, content, mimetype = builder(
            language=language, **attachment.get("kwargs", {})
        )
        message.attach(filename, content, mimetype)


@task()
def send_email_task(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str,
    headers: dict | None = None,
    attempt: int = 1,
    attachments: list[dict] | None = None,
) -> None:
    message = render_email(template=template, context=context, language=language)
    attach_files(message, attachments, language)
    message.to = to
    message.extra_headers.update(headers or {})
    try:
        message.send()
    # SMTP fails in many ways (refused, timeouts, TLS); all of them are retried.
    except Exception as error:
        if attempt >= EMAIL_ATTEMPTS:
            logger.error(
                "Email %s to %s failed %s times, giving up: %s",
                template,
                ", ".join(to),
                attempt,
                error,
            )
            raise
        logger.warning(
            "Email %s to %s failed (attempt %s), retrying: %s",
            template,
            ", ".join(to),
            attempt,
            error,
        )
        retry = {
            "to": to,
            "template": template,
            "context": context,
            "language": language,
            "headers": headers,
            "attempt": attempt + 1,
            "attachments": attachments,
        }
        if default_task_backend.supports_defer:
            send_email_task.using(
                run_after=timezone.now() + datetime.timedelta(minutes=5 * attempt)
            ).enqueue(**retry)
        else:
            send_email_task.call(**retry)


def send_email_on_commit(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str,
    headers: dict | None = None,
    attachments: list[dict] | None = None,
):
    """Queue the email once the surrounding transaction has committed.

    `attachments`: `[{"builder": "dotted.path.to.function", "kwargs": {...}}]`,
    see `attach_files`."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    transaction.on_commit(
        lambda: send_email_task.enqueue(
            to=recipients,
            template=template,
            context=context,
            language=language,
            headers=headers,
            attachments=attachments,
        )
    )
