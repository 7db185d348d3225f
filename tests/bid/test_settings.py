"""The production profile: safe by default and refusing to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "bid.settings.production",
    "SECRET_KEY": "x" * 20
    + "production-check-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "bid.example",
    "BASE_URL": "https://bid.example",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example:587",
    "DATABASE_URL": "sqlite:///" + str(BASE_DIR / "var" / "check-deploy.sqlite3"),
}


def run_manage(*args, env_overrides=None, drop=()):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "STRIPE_", "ELASTICSEARCH_"))
        and key not in ("DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL")
    }
    env.update(PRODUCTION_ENV)
    env.update(env_overrides or {})
    for key in drop:
        env.pop(key, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "BASE_URL"])
def test_production_refuses_to_start_without(missing):
    result = run_manage("check", drop=[missing])
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.parametrize("key", ["short", "a" * 64])
def test_production_refuses_a_short_or_repetitive_secret_key(key):
    result = run_manage("check", env_overrides={"SECRET_KEY": key})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be at least 50 characters" in result.stderr


def test_stripe_secret_key_alone_is_refused():
    result = run_manage("check", env_overrides={"STRIPE_SECRET_KEY": "sk_test_123"})
    assert result.returncode != 0
    assert "STRIPE_PUBLISHABLE_KEY" in result.stderr


def test_unknown_task_backend_is_refused():
    result = run_manage("check", env_overrides={"TASKS_BACKEND": "carrier-pigeon"})
    assert result.returncode != 0
    assert "TASKS_BACKEND" in result.stderr


def test_production_defaults_are_secure():
    script = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.STORAGES['staticfiles']['BACKEND'].startswith('whitenoise'),"
        " s.TASKS['default']['BACKEND'])"
    )
    result = run_manage("shell", "--no-imports", "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "True",
        "django_tasks_db.DatabaseBackend",
    ]
