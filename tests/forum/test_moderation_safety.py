"""Held first posts, the safety rules, and what the author is shown."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notice
from forum import services
from forum.limits import PostingRefused
from forum.models import Category, Flag, Post, Priority, QueueItem, Reason, SafetyRule, Thread
from forum.services import moderation, safety
from tests.factories import MemberFactory
from tests.forum.moderation_fixtures import open_item, reply_to

pytestmark = pytest.mark.usefixtures("unthrottled")


@pytest.fixture
def newcomer(db):
    return MemberFactory(display_name="Brand New")


@pytest.fixture
def holds_on(settings, story):
    # After the story fixture, whose author is new too.
    settings.MODERATION_HOLD_FIRST_POSTS = 2
    settings.MODERATION_HOLD_LINKS_DAYS = 3


def write_story(author, title="A letter that never came", body="She retired and I never got to say goodbye."):
    return services.thread_create(
        author=author, category=Category.objects.get(slug="ended-abruptly"), title=title, body=body
    )


@pytest.mark.usefixtures("holds_on")
def test_a_new_members_first_posts_wait_and_are_seen_only_by_them(newcomer, client, story):
    thread = write_story(newcomer)
    opening = Post.objects.get(thread=thread, depth=0)
    reply = reply_to(story, newcomer, "This is my first reply. I know this feeling.")
    third = reply_to(story, newcomer, "And this is my third post here.")

    assert opening.status == reply.status == Post.Status.HELD
    assert third.status == Post.Status.HELD  # two approved posts are needed, not two written
    assert not Thread.objects.get(pk=thread.pk).is_listed
    assert Thread.objects.get(pk=story.pk).reply_count == 0
    assert open_item(opening).priority == Priority.HELD

    reader = MemberFactory(display_name="Another Member")
    client.force_login(reader)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert "A letter that never came" not in client.get(reverse("forum:index")).content.decode()
    assert "my first reply" not in client.get(story.get_absolute_url()).content.decode()

    client.force_login(newcomer)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Only you and the moderators can see this for now" in html


@pytest.mark.usefixtures("holds_on")
def test_the_author_is_told_it_waits_how_long_and_where_help_is(newcomer, client):
    client.force_login(newcomer)
    response = client.post(
        reverse("forum:story_new"),
        {
            "category": Category.objects.get(slug="ended-abruptly").pk,
            "title": "The voicemail",
            "body": "He left a voicemail saying he was closing his practice.",
            "ending": "abrupt",
            "content_note": "",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "A moderator reads new members" in html
    assert "usually within a day" in html
    assert "help-lines" in html


@pytest.mark.usefixtures("holds_on")
def test_approval_publishes_counts_and_notifies_the_author(newcomer, moderator, story):
    reply = reply_to(story, newcomer, "My first reply, thank you for writing.")
    item = open_item(reply)

    moderation.queue_item_act(
        moderator=moderator,
        item_id=item.pk,
        version=item.version,
        action="approve",
        reason="Kind and on topic.",
    )

    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED
    assert Thread.objects.get(pk=story.pk).reply_count == 1
    assert Post.objects.get(pk=reply.parent_id).reply_count == 1
    assert Notice.objects.filter(recipient=newcomer, kind=Notice.Kind.POST_APPROVED).exists()


@pytest.mark.usefixtures("holds_on")
def test_declining_keeps_the_post_hidden_and_tells_the_author_why(newcomer, moderator):
    thread = write_story(newcomer)
    opening = Post.objects.get(thread=thread, depth=0)
    item = open_item(opening)

    moderation.queue_item_act(
        moderator=moderator,
        item_id=item.pk,
        version=item.version,
        action="decline",
        reason="It names a therapist.",
    )

    assert Post.objects.get(pk=opening.pk).status == Post.Status.DECLINED
    assert not Thread.objects.get(pk=thread.pk).is_listed
    notice = Notice.objects.get(recipient=newcomer, kind=Notice.Kind.POST_DECLINED)
    assert "It names a therapist." in notice.body


@pytest.mark.usefixtures("holds_on")
def test_links_from_members_in_their_first_days_are_held(settings, story):
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    fresh = MemberFactory(display_name="Link Poster")
    old_hand = MemberFactory(display_name="Long Time Member")
    old_hand.date_joined = timezone.now() - timedelta(days=30)
    old_hand.save()

    fresh_post = reply_to(story, fresh, "Have a look at https://example.com/cheap-therapy for help.")
    settled = reply_to(story, old_hand, "This helped me: https://www.bacp.co.uk/ about endings.")

    assert fresh_post.status == Post.Status.HELD
    assert Flag.objects.get(post=fresh_post).reason == Reason.SPAM
    assert settled.status == Post.Status.PUBLISHED


def test_at_risk_language_publishes_opens_an_at_risk_item_and_shows_help(author, client, story):
    client.force_login(author)
    response = client.post(
        reverse("forum:reply", args=[Post.objects.get(thread=story, depth=0).pk]),
        {"body": "Since she left I have been having suicidal thoughts most nights."},
        follow=True,
    )

    post = Post.objects.filter(thread=story).latest("created_at")
    assert post.status == Post.Status.PUBLISHED
    item = open_item(post)
    assert item.priority == Priority.AT_RISK
    assert Flag.objects.get(post=post).reporter is None
    html = response.content.decode()
    assert "You do not have to face this alone" in html
    assert "help-lines" in html


def test_method_detail_holds_the_post(author, story):
    post = reply_to(story, author, "I looked up what a lethal dose would be.")
    assert post.status == Post.Status.HELD
    assert Flag.objects.get(post=post).reason == Reason.METHOD


def test_editing_in_method_detail_hides_a_published_post_for_review(author, story):
    post = reply_to(story, author, "A hard week.")
    services.post_edit(editor=author, post=post, body="A hard week. I counted how many pills I had.")
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert open_item(post).priority == Priority.HELD


@pytest.mark.parametrize(
    ("action", "status"), [("hold", Post.Status.HELD), ("report", Post.Status.PUBLISHED)]
)
def test_watched_words_hold_or_report(author, story, moderator, action, status):
    safety.safety_rule_save(
        moderator=moderator, kind="watched", pattern=r"\bdr\.?\s+\w+son\b", action=action, description="Names"
    )
    post = reply_to(story, author, "I saw Dr Jameson in town yesterday.")
    assert post.status == status
    assert open_item(post).flags.get().reason == Reason.WATCHED_WORD


def test_blocked_words_are_refused_with_a_message_and_nothing_saved(author, story, moderator, client):
    safety.safety_rule_save(
        moderator=moderator, kind="watched", pattern=r"casino", action="block", description=""
    )
    before = Post.objects.count()
    client.force_login(author)
    body = "Win big at the casino tonight."
    response = client.post(
        reverse("forum:reply", args=[Post.objects.get(thread=story, depth=0).pk]), {"body": body}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "not allowed on Endings" in html
    assert body in html  # the draft is kept
    assert Post.objects.count() == before
    with pytest.raises(PostingRefused):
        reply_to(story, author, body)


def test_rule_changes_apply_to_the_next_post_and_are_audited(author, story, moderator):
    rule = safety.safety_rule_save(
        moderator=moderator, kind="watched", pattern=r"\bclinic\b", action="report", description="Places"
    )
    safety.safety_rule_save(
        moderator=moderator, rule=rule, kind="watched", pattern=r"\bclinic\b", action="report",
        description="Places", is_active=False,
    )  # fmt: skip
    post = reply_to(story, author, "Her clinic closed.")
    assert not QueueItem.objects.filter(post=post).exists()
    assert SafetyRule.objects.get(pk=rule.pk).is_active is False


def test_the_test_box_shows_which_rules_match(moderator, client):
    client.force_login(moderator)
    response = client.get(
        reverse("moderation:rules"), {"text": "Some days I want to die. I know the lethal dose."}
    )
    html = response.content.decode()
    assert "Wanting to die" in html
    assert "A lethal dose" in html
    assert "Self-harm" not in html.split("All rules")[0]


def test_an_invalid_pattern_is_refused_kindly(moderator, client):
    client.force_login(moderator)
    for pattern in ["(unclosed", ".*"]:
        response = client.post(
            reverse("moderation:rules"),
            {"rule-kind": "watched", "rule-pattern": pattern, "rule-action": "block", "rule-is_active": "on"},
        )
        assert response.status_code == 200
        assert "error-summary" in response.content.decode()
    assert not SafetyRule.objects.filter(kind="watched").exists()
