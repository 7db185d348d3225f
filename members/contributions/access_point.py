"""The gateway to a Peppol access point: hands an e-invoice to the provider that
delivers it on the network. Off unless `PEPPOL_ACCESS_POINT` names a backend.

Backends follow Django's email backends: a dotted path in settings, a base class,
one result type. "directory" writes each document into a folder the provider's
agent or SFTP picks up (common with Nordic providers); "http" posts it to the
provider's API with a bearer token.
"""

import json
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

# Answers of an HTTP provider worth asking again later: timeouts, throttling and
# the provider's own failures. Any other refusal is final for that document.
RETRYABLE_STATUSES = {408, 425, 429, 500, 502, 503, 504}


class AccessPointError(Exception):
    """The provider refused the document; sending it again will not help."""


class RetryableAccessPointError(AccessPointError):
    """The provider could not be reached or failed for now; try again later."""


@dataclass(frozen=True)
class Delivery:
    """What the provider said: the id it gave the message, for the record."""

    message_id: str


@dataclass(frozen=True)
class Envelope:
    """One document to deliver and whom to."""

    document_id: str  # e.g. "invoice-2026-00001", stable for the document
    receiver_scheme: str
    receiver_id: str
    sender_scheme: str
    sender_id: str
    xml: bytes

    @property
    def file_name(self) -> str:
        return f"{self.document_id}.xml"


class BaseAccessPoint:
    def __init__(self, **options):
        self.options = options

    def send(self, envelope: Envelope) -> Delivery:
        raise NotImplementedError("subclasses of BaseAccessPoint must provide send()")


class DirectoryAccessPoint(BaseAccessPoint):
    """Writes `<document id>.xml` into DIRECTORY, whole or not at all: the file
    appears under its name only once written, so a pick-up never sees half."""

    def __init__(self, *, DIRECTORY: str, **options):
        super().__init__(**options)
        self.directory = Path(DIRECTORY)

    def send(self, envelope: Envelope) -> Delivery:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=self.directory, prefix=".", suffix=".part"
            )
            with os.fdopen(handle, "wb") as file:
                file.write(envelope.xml)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.directory / envelope.file_name)
        except OSError as error:
            raise RetryableAccessPointError(
                f"cannot write to {self.directory}: {error}"
            ) from error
        return Delivery(message_id=envelope.file_name)


class HttpAccessPoint(BaseAccessPoint):
    """POSTs the XML to URL with `Authorization: Bearer TOKEN`. The document id
    goes along as the idempotency key, so a provider that honours it delivers
    a repeated request once. The message id is read from the answer's JSON
    (`id` or `message_id`), else its Location or X-Message-Id header."""

    def __init__(self, *, URL: str, TOKEN: str, TIMEOUT: float = 30, **options):
        super().__init__(**options)
        self.url, self.token, self.timeout = URL, TOKEN, float(TIMEOUT)

    def send(self, envelope: Envelope) -> Delivery:
        request = urllib.request.Request(
            self.url,
            data=envelope.xml,
            method="POST",
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/xml",
                "Accept": "application/json",
                "Idempotency-Key": envelope.document_id,
                "X-Peppol-Receiver": (
                    f"{envelope.receiver_scheme}:{envelope.receiver_id}"
                ),
                "X-Peppol-Sender": f"{envelope.sender_scheme}:{envelope.sender_id}",
            },
        )
        # The operator's own https URL, from settings (bandit B310).
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # nosec B310
                body = response.read()
                headers = response.headers
        except urllib.error.HTTPError as error:
            detail = error.read()[:500].decode("utf-8", "replace")
            message = f"access point answered {error.code}: {detail}"
            if error.code in RETRYABLE_STATUSES:
                raise RetryableAccessPointError(message) from error
            raise AccessPointError(message) from error
        except (OSError, urllib.error.URLError) as error:
            # Refused, reset, unreachable, timed out: the network, not the document.
            raise RetryableAccessPointError(
                f"access point unreachable: {error}"
            ) from error
        return Delivery(message_id=self._message_id(body, headers, envelope))

    @staticmethod
    def _message_id(body: bytes, headers, envelope: Envelope) -> str:
        try:
            answer = json.loads(body or b"{}")
        except ValueError:
            answer = {}
        if isinstance(answer, dict):
            for key in ("message_id", "id", "messageId"):
                if answer.get(key):
                    return str(answer[key])[:200]
        for header in ("X-Message-Id", "Location"):
            if headers.get(header):
                return headers[header][:200]
        return envelope.document_id


def get_access_point() -> BaseAccessPoint | None:
    """The configured backend, or None when e-invoices are not sent."""
    config = getattr(settings, "PEPPOL_ACCESS_POINT", None) or {}
    if not config.get("BACKEND"):
        return None
    try:
        backend = import_string(config["BACKEND"])
    except ImportError as error:
        raise ImproperlyConfigured(
            f"PEPPOL_ACCESS_POINT backend {config['BACKEND']!r} cannot be imported."
        ) from error
    return backend(**config.get("OPTIONS", {}))


def is_configured() -> bool:
    config = getattr(settings, "PEPPOL_ACCESS_POINT", None) or {}
    return bool(config.get("BACKEND"))
