"""Moderator actions: one audit row each, nothing deleted, appeals to someone else, one winner in a race."""

import threading

import pytest
from django.db import close_old_connections, connection

from accounts.models import Notice, User
from forum.models import Category, ModerationAction, Post, PostRevision, QueueItem, Thread
from forum.services import moderation
from forum.services.moderation import ModerationConflict, ModerationRefused
from tests.factories import MemberFactory
from tests.forum.moderation_fixtures import open_item, reply_to, reported

pytestmark = pytest.mark.usefixtures("unthrottled")


@pytest.fixture
def reporter(db):
    return MemberFactory(display_name="Hazel Reporter")


@pytest.fixture
def reported_reply(story, repliers, reporter):
    post = reply_to(story, repliers[0], "You should have seen it coming, it was only a paid service.")
    reported(post, reporter, "unkind")
    return post


def act(moderator, post, action, reason="Against the guidelines on kindness.", **extra):
    item = open_item(post)
    return moderation.queue_item_act(
        moderator=moderator, item_id=item.pk, version=item.version, action=action, reason=reason, **extra
    )


def audit_rows():
    return ModerationAction.objects.exclude(action__in=["claim", "release"])


@pytest.mark.parametrize(
    ("action", "extra"),
    [
        ("keep", {}),
        ("hide", {}),
        ("remove", {}),
        ("redact", {"excerpt": "it was only a paid service"}),
        ("lock", {}),
        ("move", {"category": "starting-again"}),
        ("silence", {"period": "7"}),
        ("suspend", {"period": "3"}),
        ("reach_out", {"message": "Checking in with you. You matter here."}),
    ],
)
def test_every_action_writes_exactly_one_audit_row(reported_reply, moderator, action, extra):
    if "category" in extra:
        extra["category"] = Category.objects.get(slug=extra["category"])

    act(moderator, reported_reply, action, **extra)

    rows = list(audit_rows())
    assert [row.action for row in rows] == [action]
    assert rows[0].moderator == moderator
    assert rows[0].moderator_name == "Mod Juniper"
    assert rows[0].reason == "Against the guidelines on kindness."
    assert Post.objects.filter(pk=reported_reply.pk).exists()  # nothing is ever deleted


def test_an_action_needs_a_reason(reported_reply, moderator):
    with pytest.raises(ModerationRefused, match="give a reason"):
        act(moderator, reported_reply, "remove", reason="  ")
    assert not audit_rows().exists()
    assert Post.objects.get(pk=reported_reply.pk).status == Post.Status.PUBLISHED


def test_remove_keeps_the_text_and_sends_a_statement_of_reasons(reported_reply, moderator, client):
    act(moderator, reported_reply, "remove", reason="Dismissive of another member's grief.")

    post = Post.objects.get(pk=reported_reply.pk)
    assert post.status == Post.Status.REMOVED
    assert post.body.startswith("You should have seen it coming")
    notice = Notice.objects.get(recipient=post.author, kind=Notice.Kind.POST_REMOVED)
    assert "Dismissive of another member's grief." in notice.body
    assert "reviewed by a moderator" in notice.body
    assert notice.link_url.endswith(f"/post/{post.pk}/appeal/")
    assert open_item(post).status == QueueItem.Status.RESOLVED

    reader = MemberFactory(display_name="Just Reading")
    client.force_login(reader)
    html = client.get(post.thread.get_absolute_url()).content.decode()
    assert "Removed by a moderator." in html
    assert "You should have seen it coming" not in html


def test_an_appeal_goes_to_a_different_moderator(reported_reply, moderator, second_moderator):
    act(moderator, reported_reply, "remove", reason="Unkind.")
    appeal = moderation.appeal_create(
        author=reported_reply.author, post=reported_reply, statement="I was trying to be honest, not cruel."
    )
    item = appeal.item

    with pytest.raises(ModerationRefused, match="another moderator"):
        moderation.queue_item_act(
            moderator=moderator,
            item_id=item.pk,
            version=item.version,
            action="appeal_upheld",
            reason="Still unkind.",
        )
    moderation.queue_item_act(
        moderator=second_moderator,
        item_id=item.pk,
        version=item.version,
        action="appeal_granted",
        reason="On reflection it reads as honest.",
    )

    assert Post.objects.get(pk=reported_reply.pk).status == Post.Status.PUBLISHED
    assert (
        Notice.objects.filter(recipient=reported_reply.author, kind=Notice.Kind.APPEAL_DECIDED).count() == 1
    )


def test_an_author_can_appeal_only_once(reported_reply, moderator):
    act(moderator, reported_reply, "remove", reason="Unkind.")
    moderation.appeal_create(
        author=reported_reply.author, post=reported_reply, statement="Please look again."
    )
    with pytest.raises(ModerationRefused, match="already asked"):
        moderation.appeal_create(author=reported_reply.author, post=reported_reply, statement="And again.")


def test_redact_keeps_the_original_as_a_revision(reported_reply, moderator):
    act(moderator, reported_reply, "redact", excerpt="it was only a paid service")

    post = Post.objects.get(pk=reported_reply.pk)
    assert "it was only a paid service" not in post.body
    assert "[removed by a moderator]" in post.body
    assert PostRevision.objects.get(post=post).body.endswith("it was only a paid service.")


def test_hide_then_the_author_edits_and_it_comes_back_for_review(reported_reply, moderator):
    from forum import services

    act(moderator, reported_reply, "hide", reason="Please soften the first sentence.")
    post = Post.objects.get(pk=reported_reply.pk)
    assert post.status == Post.Status.HIDDEN

    services.post_edit(editor=post.author, post=post, body="I am sorry, that came out wrong. I hear you.")

    item = open_item(post)
    assert item.is_open
    assert item.priority == 2


def test_move_and_lock_change_the_thread(reported_reply, moderator):
    target = Category.objects.get(slug="starting-again")
    act(moderator, reported_reply, "move", category=target)
    act(moderator, reported_reply, "lock")

    thread = Thread.objects.get(pk=reported_reply.thread_id)
    assert thread.category == target
    assert thread.is_locked


def test_silenced_members_can_read_but_not_post(reported_reply, moderator, client):
    from forum import services
    from forum.limits import PostingRefused

    act(moderator, reported_reply, "silence", period="7")
    member = User.objects.get(pk=reported_reply.author_id)

    with pytest.raises(PostingRefused, match="paused your posting"):
        services.reply_create(author=member, parent=reported_reply.parent, body="Let me say one more thing.")
    client.force_login(member)
    page = client.get(reported_reply.thread.get_absolute_url())
    assert page.status_code == 200
    assert "Replies are paused for you" in page.content.decode()


def test_suspended_members_are_signed_out_and_cannot_sign_in(reported_reply, moderator, client, password):
    member = User.objects.get(pk=reported_reply.author_id)
    client.force_login(member)

    act(moderator, reported_reply, "suspend", period="3")

    assert client.get("/members/settings/").status_code == 302  # the session has ended
    response = client.post("/accounts/login/", {"login": member.email, "password": password})
    assert response.status_code == 403
    assert "suspended" in response.content.decode()


def test_moderators_cannot_sanction_each_other(story, moderator, second_moderator, reporter):
    post = reply_to(story, second_moderator, "A moderator's own reply.")
    reported(post, reporter, "spam")
    with pytest.raises(ModerationRefused):
        act(moderator, post, "suspend", period="7")
    assert User.objects.get(pk=second_moderator.pk).suspended_until is None


def test_acting_on_a_stale_version_is_refused(reported_reply, moderator, second_moderator):
    item = open_item(reported_reply)
    moderation.queue_item_act(
        moderator=moderator, item_id=item.pk, version=item.version, action="keep", reason="Fine."
    )
    with pytest.raises(ModerationConflict, match="Mod Juniper"):
        moderation.queue_item_act(
            moderator=second_moderator, item_id=item.pk, version=item.version, action="remove", reason="No."
        )
    assert Post.objects.get(pk=reported_reply.pk).status == Post.Status.PUBLISHED


@pytest.mark.django_db(transaction=True)
def test_two_moderators_acting_at_once_produce_one_action(migration_data, settings):
    """Two threads, two database connections, one item: exactly one action lands."""
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    from forum import services
    from tests.forum.moderation_fixtures import make_moderator

    first, second = make_moderator("Mod One"), make_moderator("Mod Two")
    author = MemberFactory(display_name="Author Of Story")
    thread = services.thread_create(
        author=author,
        category=Category.objects.get(slug="ended-abruptly"),
        title="Our last session",
        body="She cancelled by text.",
    )
    post = reply_to(thread, MemberFactory(display_name="Sharp Replier"), "Grow up.")
    item = reported(post, MemberFactory(display_name="Kind Reporter"), "unkind")
    version = item.version
    barrier = threading.Barrier(2)
    results = []

    def attempt(moderator, action):
        close_old_connections()
        try:
            barrier.wait(timeout=10)
            moderation.queue_item_act(
                moderator=moderator, item_id=item.pk, version=version, action=action, reason="Acting now."
            )
            results.append(("done", action))
        except ModerationConflict as conflict:
            results.append(("conflict", str(conflict)))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(first, "remove")),
        threading.Thread(target=attempt, args=(second, "keep")),
    ]
    for worker in threads:
        worker.start()
    for worker in threads:
        worker.join(timeout=30)

    assert sorted(kind for kind, _ in results) == ["conflict", "done"]
    assert ModerationAction.objects.filter(item=item, action__in=["remove", "keep"]).count() == 1
    winner = next(action for kind, action in results if kind == "done")
    expected = Post.Status.REMOVED if winner == "remove" else Post.Status.PUBLISHED
    assert Post.objects.get(pk=post.pk).status == expected
    loser_message = next(message for kind, message in results if kind == "conflict")
    assert "nothing of yours was applied" in loser_message.lower()


def test_claiming_shows_who_has_it_and_refuses_a_silent_grab(reported_reply, moderator, second_moderator):
    item = open_item(reported_reply)
    moderation.queue_item_claim(moderator=moderator, item_id=item.pk, version=item.version)
    item.refresh_from_db()
    with pytest.raises(ModerationConflict, match="Mod Juniper is already looking"):
        moderation.queue_item_claim(moderator=second_moderator, item_id=item.pk, version=item.version)
    moderation.queue_item_claim(
        moderator=second_moderator, item_id=item.pk, version=item.version, take_over=True
    )
    item.refresh_from_db()
    assert item.claimed_by == second_moderator
