"""A `next` address only ever leads somewhere on this site.

A link to the sign-in page with next=https://evil.example would otherwise send a
member, just signed in and trusting the page, to a look-alike site.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from forum import services
from forum.models import Category
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

FOREIGN = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "http://testserver@evil.example/",
    "https://testserver.evil.example/",
    "/%09/evil.example",
    " //evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]


def stays_here(location):
    """A browser following this Location stays on this site."""
    location = location.strip().replace("\\", "/")
    parts = urlsplit(location)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    return parts.netloc in ("", "testserver") and not location.startswith("//")


@pytest.mark.parametrize("target", FOREIGN)
def test_signing_in_never_follows_a_foreign_next(client, target):
    member = MemberFactory()
    response = client.post(
        f"{reverse('account_login')}?next={target}", {"login": member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert stays_here(response["Location"]), response["Location"]
    # The same through the form's own hidden field.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD, "next": target}
    )
    assert stays_here(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", FOREIGN)
def test_signing_out_never_follows_a_foreign_next(client, target):
    client.force_login(MemberFactory())
    response = client.post(reverse("account_logout"), {"next": target})
    assert response.status_code == 302
    assert stays_here(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", FOREIGN)
def test_the_back_links_of_member_controls_never_leave_the_site(client, target):
    member = MemberFactory()
    other = MemberFactory()
    thread = services.thread_create(
        author=other, category=Category.objects.get(slug="ended-abruptly"), title="Hide me", body="Words."
    )
    client.force_login(member)
    for url in (
        reverse("forum:post_hide", args=[thread.opening_post.pk]),
        reverse("accounts:block", args=[other.pk]),
        reverse("accounts:unblock", args=[other.pk]),
    ):
        response = client.post(url, {"next": target})
        assert response.status_code == 302, url
        assert stays_here(response["Location"]), (url, response["Location"])


def test_a_local_next_is_still_followed(client):
    """The control: the check refuses foreign addresses, not every address."""
    member = MemberFactory()
    response = client.post(
        f"{reverse('account_login')}?next=/stories/", {"login": member.email, "password": PASSWORD}
    )
    assert response["Location"] == "/stories/"


def test_a_next_that_tries_to_break_out_of_the_form_stays_text(client):
    from tests.security.payloads import injected

    page = client.get(reverse("account_login"), {"next": '"><script>alert(1)</script><a href="'}).text
    assert not injected(page)
