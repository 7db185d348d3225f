"""Emails in the recipient's language, HTML and plain text, sent after commit.

Each email is three templates: `<name>_subject.txt`, `<name>.txt` and
`<name>.html`. The context must be JSON-serialisable because sending runs as a
background task (inline unless TASKS_BACKEND=database).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


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


@task()
def send_email_task(
    *, to: list[str], template: str, context: dict, language: str
) -> None:
    message = render_email(template=template, context=context, language=language)
    message.to = to
    message.send()


def send_email_on_commit(*, to: list[str], template: str, context: dict, language: str):
    """Queue the email once the surrounding transaction has committed."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    transaction.on_commit(
        lambda: send_email_task.enqueue(
            to=recipients, template=template, context=context, language=language
        )
    )
