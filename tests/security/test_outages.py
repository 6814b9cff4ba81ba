"""When Redis is down, members can still read, sign in and post (found by `make drills`).

The cache holds nothing that cannot be worked out again, so the production cache backend
(endings.cache.ResilientRedisCache) carries on without it; /healthz still says it is down.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from forum import services
from forum.models import Category, Post
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

REDIS_DOWN = {
    "default": {
        "BACKEND": "endings.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture
def story(member):
    return services.thread_create(
        author=MemberFactory(display_name="Story Teller"),
        category=Category.objects.get(slug="ended-abruptly"),
        title="Still here",
        body="Words that should stay readable.",
    )


def test_members_read_and_post_while_redis_is_down(member_client, story):
    with override_settings(CACHES=REDIS_DOWN):
        for url in (
            "/",
            reverse("forum:index"),
            story.get_absolute_url(),
            reverse("accounts:settings"),
            reverse("forum:notifications"),
            reverse("forum:search") + "?q=readable",
        ):
            response = member_client.get(url)
            assert response.status_code == 200, url
            assert "If you need to talk to someone now" in response.text, url
        posted = member_client.post(
            reverse("forum:reply", args=[story.opening_post.pk]), {"body": "Posted during the outage."}
        )
    assert posted.status_code == 302
    assert Post.objects.filter(body="Posted during the outage.").exists()


def test_signing_in_works_while_redis_is_down(client):
    member = MemberFactory()
    with override_settings(CACHES=REDIS_DOWN):
        response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
        assert response.status_code == 302
        assert client.get(reverse("accounts:settings")).status_code == 200


def test_healthz_still_reports_the_cache_down(client):
    with override_settings(CACHES=REDIS_DOWN):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"


def test_a_reply_is_answered_and_its_followers_told_when_the_task_queue_is_down(
    member_client, story, monkeypatch, django_capture_on_commit_callbacks
):
    """Redis is also the task queue: a task that cannot be sent runs in the web process instead."""
    from kombu.exceptions import OperationalError

    from forum.models import Notification
    from forum.tasks import post_notify

    def refused(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(post_notify, "apply_async", refused)
    with django_capture_on_commit_callbacks(execute=True):
        posted = member_client.post(
            reverse("forum:reply", args=[story.opening_post.pk]), {"body": "Sent while the queue is down."}
        )
    assert posted.status_code == 302
    reply = Post.objects.get(body="Sent while the queue is down.")
    told = Notification.objects.get(recipient=story.author, thread=story)
    assert told.latest_post == reply
