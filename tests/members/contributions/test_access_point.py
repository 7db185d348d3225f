"""Sending e-invoices through a Peppol access point: off by default, each document
once, retried when the provider fails for now, never when it refuses."""

import datetime
import json
import threading
import time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.template import Context, Template
from django.utils import translation
from lxml import etree

from members.contributions import access_point, einvoicing, services
from members.contributions.models import Contribution, InvoiceSettings
from tests.bid.test_settings import run_manage
from tests.factories.accounts import SecretariatUserFactory
from tests.factories.contributions import SchemeFactory, member
from tests.factories.organisations import swedish_org_number
from tests.stripe_support import free_port

pytestmark = pytest.mark.django_db

MUNICIPALITY = "0007:2120000142"
TOKEN = "ap-token-for-tests"


class Provider:
    """An access point provider's API on loopback. It records every request
    and answers from `answers` (status, JSON body, seconds to wait); the last
    answer repeats."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.requests = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                provider.requests.append({"headers": dict(self.headers), "body": body})
                status, answer, wait = (
                    provider.answers.pop(0)
                    if len(provider.answers) > 1
                    else provider.answers[0]
                )
                time.sleep(wait)
                payload = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1/documents"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider_with():
    started = []

    def start(*answers):
        provider = Provider(answers)
        started.append(provider)
        return provider

    yield start
    for provider in started:
        provider.stop()


def use_http(settings, url, timeout=5):
    settings.PEPPOL_ACCESS_POINT = {
        "BACKEND": "members.contributions.access_point.HttpAccessPoint",
        "OPTIONS": {"URL": url, "TOKEN": TOKEN, "TIMEOUT": timeout},
    }


def use_directory(settings, path):
    settings.PEPPOL_ACCESS_POINT = {
        "BACKEND": "members.contributions.access_point.DirectoryAccessPoint",
        "OPTIONS": {"DIRECTORY": str(path)},
    }


def seller():
    settings = InvoiceSettings.load()
    settings.legal_name = "Västerhamns Stadskärna ek. för."
    settings.org_number = "7696123459"
    settings.vat_number = "SE769612345901"
    settings.f_skatt = True
    settings.country = "SE"
    settings.city = "Västerhamn"
    settings.bankgiro = "5050-1055"
    settings.save()


def issue_for_members(capture, *, with_peppol=1, without=1):
    seller()
    receivers = [
        member(
            legal_name=f"Kommun {n}",
            peppol_id=MUNICIPALITY if n == 0 else f"0007:{member_number(n)}",
            buyer_reference="KST 1",
        )[0]
        for n in range(with_peppol)
    ]
    others = [member()[0] for _ in range(without)]
    scheme = SchemeFactory(vat_rate=Decimal("25"))
    with capture(execute=True):
        services.contributions_issue(scheme=scheme, on=datetime.date(2026, 1, 15))
    return receivers, others


def member_number(n: int) -> str:
    return swedish_org_number(9000 + n)


def contribution_of(organisation) -> Contribution:
    return Contribution.objects.get(organisation=organisation)


def void(contribution, capture):
    with capture(execute=True):
        return services.contribution_void(
            contribution=contribution, by=SecretariatUserFactory(), reason="Fel"
        )


def test_nothing_is_sent_by_default(settings, django_capture_on_commit_callbacks):
    assert settings.PEPPOL_ACCESS_POINT == {}
    assert access_point.get_access_point() is None
    (receiver,), _ = issue_for_members(django_capture_on_commit_callbacks)

    contribution = contribution_of(receiver)
    assert contribution.einvoice_sent_at is None
    result = einvoicing.einvoice_send.call(kind="invoice", pk=contribution.pk)
    assert result == "not configured"


def test_the_directory_backend_writes_each_members_e_invoice_once(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    outbox = tmp_path / "outbox"
    use_directory(settings, outbox)

    (receiver,), (other,) = issue_for_members(django_capture_on_commit_callbacks)

    contribution = contribution_of(receiver)
    written = outbox / f"invoice-{contribution.number}.xml"
    assert [path.name for path in outbox.iterdir()] == [written.name]
    root = etree.fromstring(written.read_bytes())
    assert root.findtext("{*}ID") == contribution.number
    assert contribution.einvoice_sent_at is not None
    assert contribution.einvoice_message_id == written.name
    # A member without a Peppol id gets its invoice by email only.
    assert contribution_of(other).einvoice_sent_at is None

    # Recorded: never sent again, even when asked.
    written.unlink()
    result = einvoicing.einvoice_send.call(kind="invoice", pk=contribution.pk)
    assert result == "already sent"
    assert list(outbox.iterdir()) == []

    note = void(contribution, django_capture_on_commit_callbacks)
    note.refresh_from_db()
    credit = outbox / f"credit-note-{note.number}.xml"
    assert credit.is_file()
    assert etree.QName(etree.fromstring(credit.read_bytes())).localname == (
        "CreditNote"
    )
    assert note.einvoice_sent_at is not None
    # No credit note goes to a member without a Peppol id.
    other_note = void(contribution_of(other), django_capture_on_commit_callbacks)
    other_note.refresh_from_db()
    assert other_note.einvoice_sent_at is None
    assert sorted(path.name for path in outbox.iterdir()) == [credit.name]


def test_the_http_backend_posts_the_xml_with_the_bearer_token(
    settings, provider_with, django_capture_on_commit_callbacks
):
    provider = provider_with((202, {"id": "msg-0001"}, 0))
    use_http(settings, provider.url)

    (receiver,), _ = issue_for_members(django_capture_on_commit_callbacks)

    contribution = contribution_of(receiver)
    (request,) = provider.requests
    headers = request["headers"]
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["Content-Type"] == "application/xml"
    assert headers["Idempotency-Key"] == f"invoice-{contribution.number}"
    assert headers["X-Peppol-Receiver"] == MUNICIPALITY
    assert headers["X-Peppol-Sender"] == "0007:7696123459"
    assert etree.fromstring(request["body"]).findtext("{*}ID") == contribution.number
    assert contribution.einvoice_message_id == "msg-0001"
    assert contribution.einvoice_sent_at is not None


def test_a_temporary_failure_is_retried_until_it_is_sent(
    settings, provider_with, django_capture_on_commit_callbacks, caplog
):
    provider = provider_with(
        (503, {"error": "maintenance"}, 0),
        (429, {"error": "slow down"}, 0),
        (202, {"message_id": "msg-2"}, 0),
    )
    use_http(settings, provider.url)

    (receiver,), _ = issue_for_members(django_capture_on_commit_callbacks)

    assert len(provider.requests) == 3
    contribution = contribution_of(receiver)
    assert contribution.einvoice_message_id == "msg-2"
    assert "retrying" in caplog.text


def test_the_sender_gives_up_after_its_attempts_and_records_nothing(
    settings, provider_with, django_capture_on_commit_callbacks, caplog
):
    provider = provider_with((502, {"error": "bad gateway"}, 0))
    use_http(settings, provider.url)

    (receiver,), _ = issue_for_members(django_capture_on_commit_callbacks)

    assert len(provider.requests) == einvoicing.EINVOICE_ATTEMPTS
    assert contribution_of(receiver).einvoice_sent_at is None
    assert "giving up" in caplog.text


def test_a_refused_document_is_logged_and_not_retried(
    settings, provider_with, django_capture_on_commit_callbacks, caplog
):
    provider = provider_with((400, {"error": "unknown receiver"}, 0))
    use_http(settings, provider.url)

    (receiver,), _ = issue_for_members(django_capture_on_commit_callbacks)

    assert len(provider.requests) == 1
    assert contribution_of(receiver).einvoice_sent_at is None
    assert "refused by the access point" in caplog.text
    assert "unknown receiver" in caplog.text


def test_unreachable_and_slow_providers_are_temporary_failures(provider_with):
    envelope = access_point.Envelope("invoice-1", "0007", "1", "0007", "2", b"<x/>")
    closed = access_point.HttpAccessPoint(
        URL=f"http://127.0.0.1:{free_port()}/", TOKEN=TOKEN, TIMEOUT=2
    )
    with pytest.raises(access_point.RetryableAccessPointError):
        closed.send(envelope)

    slow = provider_with((202, {"id": "late"}, 2))
    waiting = access_point.HttpAccessPoint(URL=slow.url, TOKEN=TOKEN, TIMEOUT=0.3)
    started = time.monotonic()
    with pytest.raises(access_point.RetryableAccessPointError):
        waiting.send(envelope)
    assert time.monotonic() - started < 1.5


def test_an_unwritable_directory_is_a_temporary_failure(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    backend = access_point.DirectoryAccessPoint(DIRECTORY=str(blocked / "outbox"))
    envelope = access_point.Envelope("invoice-1", "0007", "1", "0007", "2", b"<x/>")
    with pytest.raises(access_point.RetryableAccessPointError):
        backend.send(envelope)


def test_the_admin_says_where_each_e_invoice_stands(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    (receiver,), (other,) = issue_for_members(django_capture_on_commit_callbacks)
    template = Template("{% load einvoice_tags %}{% einvoice_admin contribution %}")

    def panel(organisation):
        contribution = Contribution.objects.select_related("organisation").get(
            organisation=organisation
        )
        with translation.override("en"):
            return template.render(Context({"contribution": contribution}))

    assert "Not sent: no access point configured" in panel(receiver)
    use_directory(settings, tmp_path)
    assert "Not sent: the member has no Peppol participant id" in panel(other)
    assert "Not sent yet: waiting for the access point" in panel(receiver)

    einvoicing.einvoice_send.call(kind="invoice", pk=contribution_of(receiver).pk)
    html = panel(receiver)
    assert "Sent to the Peppol network on" in html
    assert f"invoice-{contribution_of(receiver).number}.xml" in html

    note = void(contribution_of(receiver), django_capture_on_commit_callbacks)
    html = panel(receiver)
    assert f"Credit note {note.number}" in html
    assert html.count("Sent to the Peppol network on") == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite ignores them",
)
def test_two_workers_sending_one_invoice_at_once_send_it_once(
    settings, provider_with, django_capture_on_commit_callbacks
):
    (receiver,), _ = issue_for_members(django_capture_on_commit_callbacks)
    provider = provider_with((202, {"id": "only-once"}, 0.5))
    use_http(settings, provider.url)
    pk = contribution_of(receiver).pk
    start = threading.Barrier(2)
    results = []

    def send():
        try:
            start.wait()
            results.append(einvoicing.einvoice_send.call(kind="invoice", pk=pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results) == ["already sent", "sent"]
    assert len(provider.requests) == 1
    assert contribution_of(receiver).einvoice_message_id == "only-once"


def test_a_backend_without_its_companion_variable_refuses_to_start():
    result = run_manage("check", env_overrides={"PEPPOL_ACCESS_POINT_BACKEND": "http"})
    assert result.returncode != 0
    assert "PEPPOL_ACCESS_POINT_URL" in result.stderr

    result = run_manage(
        "check", env_overrides={"PEPPOL_ACCESS_POINT_BACKEND": "carrier-pigeon"}
    )
    assert result.returncode != 0
    assert "PEPPOL_ACCESS_POINT_BACKEND" in result.stderr


def test_the_directory_backend_is_configured_from_the_environment(tmp_path):
    script = (
        "from django.conf import settings as s;"
        "from members.contributions.access_point import get_access_point as g;"
        "print(s.PEPPOL_ACCESS_POINT['BACKEND'], g().directory)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        env_overrides={
            "PEPPOL_ACCESS_POINT_BACKEND": "directory",
            "PEPPOL_ACCESS_POINT_DIRECTORY": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "members.contributions.access_point.DirectoryAccessPoint",
        str(tmp_path),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite ignores them",
)
def test_a_payment_is_not_held_up_while_the_invoice_is_being_sent(
    settings, provider_with, django_capture_on_commit_callbacks
):
    (receiver,), _ = issue_for_members(django_capture_on_commit_callbacks)
    provider = provider_with((202, {"id": "slow"}, 2))
    use_http(settings, provider.url)
    contribution = contribution_of(receiver)
    finished = []

    def send():
        try:
            einvoicing.einvoice_send.call(kind="invoice", pk=contribution.pk)
            finished.append("sent")
        finally:
            connection.close()

    sender = threading.Thread(target=send)
    sender.start()
    while not provider.requests:  # the access point has the document now
        sender.join(timeout=0.05)
    services.entry_record(
        contribution=contribution,
        kind="bank_payment",
        source="bank",
        external_id="bg-while-sending",
        amount_minor=100,
        occurred_on=datetime.date(2026, 12, 4),
    )
    finished.append("paid")
    sender.join(timeout=30)
    # The ledger write did not wait for the access point to answer.
    assert finished == ["paid", "sent"]
    assert contribution_of(receiver).einvoice_message_id == "slow"
