"""An email backend that fails a given number of times, then delivers."""

from django.core.mail.backends.base import BaseEmailBackend


class FlakyBackend(BaseEmailBackend):
    failures = 0
    sent: list = []

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise ConnectionRefusedError("SMTP server refused the connection")
        FlakyBackend.sent.extend(messages)
        return len(messages)
