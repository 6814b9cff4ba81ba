"""A real Celery worker, on the real Redis broker, runs a task end to end."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import sessions_clear_expired
from endings.celery import app
from tests.celery_worker import celery_worker


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_clears_expired_sessions_through_redis():
    if app.conf.task_always_eager or not settings.REDIS_URL:
        pytest.fail("make test must run with REDIS_URL set so tasks go through the broker")
    now = timezone.now()
    Session.objects.create(session_key="x" * 32, session_data="e30=", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="y" * 32, session_data="e30=", expire_date=now + timedelta(days=1))
    app.control.purge()

    with celery_worker():
        sessions_clear_expired.delay()
        deadline = time.monotonic() + 60
        while Session.objects.filter(session_key="x" * 32).exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not Session.objects.filter(session_key="x" * 32).exists(), "the worker never ran the task"
        assert Session.objects.filter(session_key="y" * 32).exists()
