"""A persistent database connection that dies between requests (a restart, a
failover, an idle timeout) is replaced on the next request, as under gunicorn."""

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.wsgi import get_wsgi_application
from django.db import connection

# serialized_rollback: a plain transactional test re-creates content types when
# it flushes, and the next test that restores serialized data then collides.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def wsgi_get(path: str) -> int:
    """One request through Django's WSGI handler, as gunicorn sends it: the
    request_started and request_finished signals run, unlike in the test client."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    statuses = []
    response = get_wsgi_application()(
        environ, lambda status, headers: statuses.append(status)
    )
    try:
        b"".join(response)
    finally:
        response.close()
    return int(statuses[0].split()[0])


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate(pid: int) -> None:
    other = connection.copy()
    try:
        with other.cursor() as cursor:
            # The timeout makes the call wait until the backend has exited.
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
    finally:
        other.close()


@pytest.fixture
def persistent_connection(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): SQLite has no server")
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    yield
    connection.close()


def test_a_killed_connection_is_replaced_on_the_next_request(persistent_connection):
    assert wsgi_get("/healthz") == 200
    killed = backend_pid()
    assert wsgi_get("/healthz") == 200
    assert backend_pid() == killed, "the connection should persist between requests"

    terminate(killed)

    assert wsgi_get("/healthz") == 200
    assert backend_pid() != killed


def test_without_health_checks_the_next_request_fails(
    persistent_connection, monkeypatch
):
    # The control: what CONN_HEALTH_CHECKS (bid/settings/base.py) prevents.
    monkeypatch.setitem(connection.settings_dict, "CONN_HEALTH_CHECKS", False)
    assert wsgi_get("/healthz") == 200
    terminate(backend_pid())

    assert wsgi_get("/healthz") == 503
    assert wsgi_get("/healthz") == 200  # the broken connection was closed after it
