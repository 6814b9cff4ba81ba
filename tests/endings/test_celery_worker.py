"""A real Celery worker, on the real Redis broker, runs a task end to end."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from accounts.tasks import sessions_clear_expired
from endings.celery import app

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_clears_expired_sessions_through_redis():
    if app.conf.task_always_eager or not settings.REDIS_URL:
        pytest.fail("make test must run with REDIS_URL set so tasks go through the broker")
    now = timezone.now()
    Session.objects.create(session_key="x" * 32, session_data="e30=", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="y" * 32, session_data="e30=", expire_date=now + timedelta(days=1))
    app.control.purge()

    db = connection.settings_dict
    credentials = f"{db['USER']}:{db['PASSWORD'] or ''}"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "endings",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        sessions_clear_expired.delay()
        deadline = time.monotonic() + 60
        while Session.objects.filter(session_key="x" * 32).exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not Session.objects.filter(session_key="x" * 32).exists(), "the worker never ran the task"
        assert Session.objects.filter(session_key="y" * 32).exists()
    finally:
        worker.terminate()
        worker.wait(timeout=20)
