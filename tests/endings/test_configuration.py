"""The settings module in its two modes, each run in a fresh process."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from endings.env import redis_url_with_db, smtp_mailer_from_url

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-test-only-secret-key-that-is-long-and-random-enough-4c8e1f0b9a2d7e6f",
    "SITE_URL": "https://endings.example.org",
    # The system checks of generated columns connect; "postgres" exists on every server.
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/8",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}


def _manage(*args, env, cwd=PROJECT, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env={"PATH": os.environ.get("PATH", ""), "ENV_FILE": "", **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.slow
def test_check_deploy_passes_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_production_refuses_the_builtin_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = _manage("check", env={**env, "DEBUG": "false"})
    assert result.returncode != 0
    assert "will not start with DEBUG off, or on a public address, with the built-in" in result.stderr


@pytest.mark.slow
def test_a_public_address_without_a_secret_key_refuses_to_start_even_in_debug():
    result = _manage("check", env={"SITE_URL": "https://endings.example.org", "DEBUG": "true"})
    assert result.returncode != 0
    assert "built-in secret key" in result.stderr


@pytest.mark.slow
def test_check_deploy_flags_a_file_mailer_in_production():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "EMAIL_URL"}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "mail.E001" in result.stdout + result.stderr


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url, attempts=60):
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode()
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} never answered")


@pytest.mark.slow
def test_embedded_default_runs_from_an_empty_environment(tmp_path):
    """A copy of the project in a fresh folder, no environment at all: migrate,
    seed, serve, and fetch the home and sign-in pages over HTTP."""
    copy = tmp_path / "endings"
    shutil.copytree(
        PROJECT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "node_modules", "test-results", "__pycache__", ".env"
        ),
    )
    empty = {}
    assert _manage("migrate", "--noinput", env=empty, cwd=copy).returncode == 0
    seeded = _manage("seed_demo", env=empty, cwd=copy)
    assert seeded.returncode == 0, seeded.stderr
    assert "willow@demo.endings.example" in seeded.stdout
    assert (copy / "var" / "endings.sqlite3").exists()

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=copy,
        env={"PATH": os.environ.get("PATH", "")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        status, home = _fetch(f"http://127.0.0.1:{port}/")
        assert status == 200
        assert "When therapy ends" in home
        status, login = _fetch(f"http://127.0.0.1:{port}/accounts/login/")
        assert status == 200
        assert 'name="password"' in login
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_email_url_becomes_an_smtp_mailer():
    mailer = smtp_mailer_from_url("smtp+tls://me%40x.org:p%2Fw@mail.example.org:2525?timeout=5")
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "mail.example.org",
        "port": 2525,
        "username": "me@x.org",
        "password": "p/w",
        "timeout": 5,
        "use_tls": True,
    }
    assert smtp_mailer_from_url("smtps://mail.example.org")["OPTIONS"]["port"] == 465
    with pytest.raises(ValueError, match="must start with smtp://"):
        smtp_mailer_from_url("http://mail.example.org")


@pytest.mark.slow
def test_celery_broker_uses_the_redis_database_after_the_cache():
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings as s; print(s.CELERY_BROKER_URL, s.CACHES)"],
        cwd=PROJECT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "ENV_FILE": "",
            "DJANGO_SETTINGS_MODULE": "endings.settings",
            "REDIS_URL": "redis://cache.internal:6379/4",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.startswith("redis://cache.internal:6379/5 "), result.stderr
    assert "'LOCATION': 'redis://cache.internal:6379/4'" in result.stdout
    assert redis_url_with_db("redis://:pw@cache:6379/8", 9) == "redis://:pw@cache:6379/9"
