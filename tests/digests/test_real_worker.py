"""End to end: a real Celery worker on the real Redis broker, sending through a real SMTP server.

The beat task records and hands out the digests; a reply's notification task (run by the
worker after the reply commits) records a reply email through the forum's hook, which the
worker then sends. Each arrives exactly once.
"""

import time

import pytest
from django.conf import settings

from endings.celery import app
from endings.digests import tasks
from endings.digests.models import Delivery
from forum import services as forum_services
from forum.models import Category
from tests.celery_worker import celery_worker
from tests.digests.conftest import earlier, make_story, opening, wants
from tests.digests.smtp import Inbox, smtp_server
from tests.factories import MemberFactory


def _wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.3)
    return condition()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_digests_and_reply_emails_through_redis_and_smtp(migration_data, due):
    if app.conf.task_always_eager or not settings.REDIS_URL:
        pytest.fail("make test must run with REDIS_URL set so tasks go through the broker")
    category = Category.objects.get(slug="ended-abruptly")
    writer = MemberFactory(display_name="Writer Ash")
    reader = MemberFactory(display_name="Reader Hazel", email="hazel@example.org")
    wants(reader, hour=due.hour, replies="immediately")
    story = make_story(writer, category, title="The letter that ended nine years", now=earlier(due, hours=40))
    forum_services.thread_follow_set(member=reader, thread=story, following=True)
    forum_services.reply_create(
        author=writer, parent=opening(story), body="Yesterday's reply.", now=earlier(due)
    )
    app.control.purge()

    inbox = Inbox()
    with smtp_server(inbox) as port, celery_worker(EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        # What beat does every 15 minutes, twice over: one digest.
        tasks.digests_schedule.delay()
        tasks.digests_schedule.delay()
        assert _wait_for(lambda: len(inbox.received) >= 1), "the worker never sent the digest"
        digest = inbox.received[0]
        assert digest["To"] == reader.email
        assert digest["Subject"] == "Your daily summary from Endings"
        assert "1 new reply" in digest.get_body(preferencelist=("plain",)).get_content()

        # A reply now: the forum's notification task runs on the worker after the commit, the
        # hook records a reply email in its transaction, and the worker sends that too.
        forum_services.reply_create(author=writer, parent=opening(story), body="Thinking of you tonight.")
        assert _wait_for(lambda: len(inbox.received) >= 2), "the worker never sent the reply email"
        assert inbox.received[1]["Subject"] == "Endings: 1 new reply for you"

        time.sleep(2)  # anything sent twice would have arrived by now
        assert len(inbox.received) == 2
        assert sorted(Delivery.objects.values_list("kind", "status")) == [
            (Delivery.Kind.DIGEST, Delivery.Status.SENT),
            (Delivery.Kind.REPLIES, Delivery.Status.SENT),
        ]
