"""Moderator pages and actions: only for moderators with two-step sign-in; fixed query counts."""

import pytest
from django.urls import get_resolver, reverse

from forum.models import ModerationAction, Post, QueueItem
from forum.services import queue
from tests.factories import MemberFactory
from tests.forum.moderation_fixtures import reply_to, reported

pytestmark = pytest.mark.usefixtures("unthrottled")


@pytest.fixture
def item(story, repliers):
    post = reply_to(story, repliers[0], "That is not how grief works, get over it.")
    return reported(post, MemberFactory(display_name="Reporter Rue"), "unkind", "Harsh.")


def moderation_urls(item):
    """Every URL in the moderation namespace, with ids filled in."""
    patterns = get_resolver().namespace_dict["moderation"][1].url_patterns
    urls = []
    for pattern in patterns:
        kwargs = {
            name: item.pk if name == "item_id" else item.post.author_id for name in pattern.pattern.converters
        }
        if "rule_id" in kwargs:
            from forum.models import SafetyRule

            kwargs["rule_id"] = SafetyRule.objects.first().pk
        urls.append(reverse(f"moderation:{pattern.name}", kwargs=kwargs))
    return urls


def test_every_moderation_url_is_covered(item):
    assert len(moderation_urls(item)) == 10


def test_signed_out_readers_are_asked_to_sign_in(client, item):
    for url in moderation_urls(item):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login"))


def test_members_get_no_moderator_page(client, item, member):
    client.force_login(member)
    for url in moderation_urls(item):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_a_moderator_without_two_step_sign_in_is_sent_to_set_it_up(client, item, moderator_without_totp):
    client.force_login(moderator_without_totp)
    for url in moderation_urls(item):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("who", ["member", "moderator_without_totp"])
def test_replaying_an_action_form_without_the_role_changes_nothing(client, item, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("moderation:act", args=[item.pk]),
        {"action": "remove", "version": item.version, "reason": "Replayed form."},
    )
    claim = client.post(reverse("moderation:claim", args=[item.pk]), {"version": item.version})

    assert response.status_code in (302, 404)
    assert claim.status_code in (302, 404)
    assert Post.objects.get(pk=item.post_id).status == Post.Status.PUBLISHED
    assert not ModerationAction.objects.exists()
    assert QueueItem.objects.get(pk=item.pk).claimed_by is None


def test_no_count_leaks_to_members(client, item, member):
    client.force_login(member)
    for url in [reverse("home"), reverse("forum:index"), item.post.thread.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "Moderation" not in html
        assert "at risk</span>" not in html


def test_moderators_see_the_link_and_the_queue(moderator_client, item):
    assert "Moderation" in moderator_client.get(reverse("home")).content.decode()
    html = moderator_client.get(reverse("moderation:queue")).content.decode()
    assert "That is not how grief works" not in html  # the list shows titles, the item shows the post
    assert reverse("moderation:item", args=[item.pk]) in html


def test_every_moderator_page_renders(moderator_client, item):
    for url in moderation_urls(item):
        response = moderator_client.get(url)
        assert response.status_code in (200, 405), url


def test_the_act_form_without_csrf_is_refused(moderator, item):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    response = strict.post(
        reverse("moderation:act", args=[item.pk]),
        {"action": "remove", "version": item.version, "reason": "x"},
    )
    assert response.status_code == 403
    assert Post.objects.get(pk=item.post_id).status == Post.Status.PUBLISHED


def test_an_unknown_action_is_refused_kindly(moderator_client, item):
    response = moderator_client.post(
        reverse("moderation:act", args=[item.pk]),
        {"action": "delete_forever", "version": item.version, "reason": "x"},
    )
    assert response.status_code == 400
    assert "nothing was done" in response.content.decode()
    assert Post.objects.get(pk=item.post_id).status == Post.Status.PUBLISHED


def test_the_second_moderator_sees_what_happened(moderator_client, item):
    from tests.forum.moderation_fixtures import make_moderator

    other = make_moderator("Mod Quick")
    from forum.services import moderation

    moderation.queue_item_act(
        moderator=other, item_id=item.pk, version=item.version, action="keep", reason="Fine."
    )
    response = moderator_client.post(
        reverse("moderation:act", args=[item.pk]),
        {"action": "remove", "version": item.version, "reason": "Too harsh."},
        follow=True,
    )
    html = response.content.decode()
    assert "Someone acted on this item while you were looking at it" in html
    assert "Mod Quick" in html
    assert Post.objects.get(pk=item.post_id).status == Post.Status.PUBLISHED


SMALL, LARGE = 5, 40
QUEUE_PAGE = 9


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_queue_page_query_count_does_not_grow(
    moderator_client, story, repliers, size, django_assert_num_queries
):
    reporters = [MemberFactory(display_name=f"Reporter {n}") for n in range(10)]
    for n in range(size):
        post = reply_to(story, repliers[n % 3], f"Reply number {n} in this thread.")
        for reporter in reporters[n % 8 : n % 8 + 1 + n % 3]:
            queue.report_create(reporter=reporter, post=post, reason=["unkind", "spam", "at_risk"][n % 3])
    url = reverse("moderation:queue")
    moderator_client.get(url)

    with django_assert_num_queries(QUEUE_PAGE):
        html = moderator_client.get(url).content.decode()

    assert html.count('class="queue-item ') == min(size, 25)


def test_acting_on_an_item_stays_under_twenty_queries(moderator_client, item, django_assert_max_num_queries):
    with django_assert_max_num_queries(19):
        response = moderator_client.post(
            reverse("moderation:act", args=[item.pk]),
            {"action": "remove", "version": item.version, "reason": "Unkind to the author."},
        )
    assert response.status_code == 302
    assert Post.objects.get(pk=item.post_id).status == Post.Status.REMOVED


def test_someone_elses_or_missing_item_ids_are_not_found(moderator_client, item):
    for name in ["item", "act", "claim"]:
        url = reverse(f"moderation:{name}", args=[item.pk + 1000])
        response = moderator_client.post(url, {"action": "keep", "version": 1, "reason": "x"})
        assert response.status_code == 404, name
