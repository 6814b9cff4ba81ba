"""Hammering is slowed down: sign-in, sign-up, posting, reporting and search, each through its page.

(Five wrong passwords for one address are covered in tests/accounts/test_account_security.py;
here it is the other sign-in attack: one machine trying many addresses.)
"""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from forum import limits, search_throttle
from forum.models import Category, Flag, Post
from forum.services import queue
from tests.endings.test_pages import CACHE_ON_A_CLOSED_PORT
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db


def established(**kwargs):
    """A member who joined long ago (the stricter newcomer limits do not apply)."""
    member = MemberFactory(**kwargs)
    User.objects.filter(pk=member.pk).update(date_joined=timezone.now() - timedelta(days=400))
    member.refresh_from_db()
    return member


def test_one_machine_trying_many_addresses_is_stopped_even_with_a_right_password(client):
    member = MemberFactory(email="real.person@example.org")
    for n in range(10):
        client.post(reverse("account_login"), {"login": f"guess{n}@example.org", "password": "wrong guess"})
    refused = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert refused.status_code in (200, 429)
    assert "Too many failed login attempts" in refused.text
    assert not client.get(reverse("home")).context["user"].is_authenticated
    # Another machine is not affected.
    from django.test import Client

    elsewhere = Client(REMOTE_ADDR="192.0.2.44")
    signed_in = elsewhere.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert signed_in.status_code == 302


def signup_data(n):
    return {
        "email": f"newcomer{n}@example.org",
        "display_name": f"Newcomer {n}",
        "password1": "a-long-enough-new-password",
        "is_adult": "on",
        "health_consent": "on",
    }


def test_many_sign_ups_from_one_machine_are_paused_with_a_kind_page(client):
    for n in range(20):
        assert client.post(reverse("account_signup"), signup_data(n)).status_code == 302
        client.logout()
    refused = client.post(reverse("account_signup"), signup_data(99))
    assert refused.status_code == 429
    assert "Please wait a moment" in refused.text
    assert "Nothing is wrong with your account" in refused.text
    assert "If you need to talk to someone now" in refused.text  # the help lines, as on every page
    assert not User.objects.filter(email="newcomer99@example.org").exists()


def test_a_member_posting_in_a_burst_is_asked_to_wait_and_keeps_their_words(client):
    member = established()
    client.force_login(member)
    category = Category.objects.get(slug="ended-abruptly")
    story = client.post(
        reverse("forum:story_new"),
        {"category": category.pk, "title": "Ten replies in a row", "body": "The opening words."},
    )
    assert story.status_code == 302
    opening = Post.objects.get(author=member, depth=0)
    for n in range(limits.MEMBER_LIMIT.per_burst - 1):
        reply = client.post(reverse("forum:reply", args=[opening.pk]), {"body": f"Reply number {n}."})
        assert reply.status_code == 302, n
    refused = client.post(reverse("forum:reply", args=[opening.pk]), {"body": "One more thought."})
    assert refused.status_code == 200
    assert "Please wait a little" in refused.text
    assert "One more thought." in refused.text  # still in the form
    assert Post.objects.filter(author=member).count() == limits.MEMBER_LIMIT.per_burst


@pytest.fixture
def unthrottled_posting(monkeypatch):
    monkeypatch.setattr(limits, "limit_for", lambda member, now: limits.PostingLimit(10**6, 10**6))


def test_reports_beyond_the_daily_limit_are_refused_kindly(client, unthrottled_posting):
    reporter = established(display_name="Keen Reporter")
    writer = established(display_name="Busy Writer")
    category = Category.objects.get(slug="ended-abruptly")
    from forum import services

    thread = services.thread_create(author=writer, category=category, title="Many replies", body="Start.")
    posts = [
        services.reply_create(
            author=writer, parent=thread.opening_post, body=f"Reply {n}", now=timezone.now()
        )
        for n in range(queue.REPORTS_PER_DAY + 1)
    ]
    client.force_login(reporter)
    for post in posts[: queue.REPORTS_PER_DAY]:
        response = client.post(reverse("forum:report", args=[post.pk]), {"reason": "spam", "note": ""})
        assert response.status_code == 302
    refused = client.post(reverse("forum:report", args=[posts[-1].pk]), {"reason": "spam", "note": ""})
    assert refused.status_code == 200
    assert Flag.objects.filter(reporter=reporter).count() == queue.REPORTS_PER_DAY
    assert "You have sent a lot of reports today" in refused.text


def search(client, q="letter", **extra):
    return client.get(reverse("forum:search"), {"q": q}, **extra)


def test_search_is_paused_after_thirty_a_minute_for_a_member(client):
    member = established()
    client.force_login(member)
    for n in range(search_throttle.SEARCHES_PER_MINUTE):
        assert search(client, f"letter {n}").status_code == 200, n
    refused = search(client, "one more")
    assert refused.status_code == 429
    assert "paused searching for you for a moment" in refused.text
    assert 'class="search-result' not in refused.text
    # Someone else searches as usual.
    from django.test import Client

    other = Client()
    other.force_login(established(display_name="Someone Else"))
    assert search(other).status_code == 200
    # The page without a query is never refused.
    assert client.get(reverse("forum:search")).status_code == 200


def test_signed_out_readers_are_counted_by_address(client):
    from django.test import Client

    for _ in range(search_throttle.SEARCHES_PER_MINUTE):
        assert search(client).status_code == 200
    assert search(client).status_code == 429
    assert search(Client(REMOTE_ADDR="198.51.100.7")).status_code == 200


def test_behind_a_proxy_each_reader_has_their_own_count(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(search_throttle.SEARCHES_PER_MINUTE):
        assert search(client, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 200
    assert search(client, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # A spoofed first entry does not get a fresh count: the proxy's own entry is last.
    assert search(client, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5").status_code == 429
    assert search(client, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200


def test_search_still_works_when_the_cache_is_down(client):
    with override_settings(CACHES=CACHE_ON_A_CLOSED_PORT):
        for _ in range(search_throttle.SEARCHES_PER_MINUTE + 2):
            assert search(client).status_code == 200
