"""Reply emails (at once, gathered every ten minutes, or off) and moderator alerts, through the
same delivery machinery, from the forum's own notification task and moderation services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notice
from endings.digests import services
from endings.digests.models import Delivery
from forum import services as forum_services
from forum.models import ModeratorAlertSubscription, Post
from forum.services import notifications_record_for_post
from forum.services.moderation import alert_list_set
from tests.digests.conftest import opening, wants
from tests.factories import MemberFactory
from tests.forum.moderation_fixtures import make_moderator

pytestmark = pytest.mark.django_db

TITLE = "The letter that ended nine years"
REPLY_TEXT = "I kept every appointment card"


@pytest.fixture
def send_at_once(tasks_in_process, django_capture_on_commit_callbacks):
    """Run what commits would run: the forum's notification task, then the email tasks."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def write_reply(story, author, body=REPLY_TEXT, now=None):
    return forum_services.reply_create(author=author, parent=opening(story), body=body, now=now)


def reply_emails(member):
    return Delivery.objects.filter(member=member, kind=Delivery.Kind.REPLIES)


def test_immediate_reply_emails_arrive_one_per_reply_without_titles_or_text(
    reader, writer, followed_story, send_at_once
):
    wants(reader, replies="immediately")

    first = send_at_once(lambda: write_reply(followed_story, writer))
    send_at_once(lambda: write_reply(followed_story, writer, body="And another thought, later."))

    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.to == [reader.email]
    assert message.subject == "Endings: 1 new reply for you"
    html = message.alternatives[0][0]
    for part in (message.subject, message.body, html):
        assert TITLE not in part and REPLY_TEXT not in part
    assert reverse("forum:post", args=[first.pk]) in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert reply_emails(reader).filter(status=Delivery.Status.SENT).count() == 2


def test_a_reply_email_names_the_story_only_when_the_member_chose_not_discreet(
    reader, writer, followed_story, send_at_once
):
    wants(reader, replies="immediately", discreet=False)
    send_at_once(lambda: write_reply(followed_story, writer))
    (message,) = mail.outbox
    assert message.subject == f"1 new reply in “{TITLE}”"
    assert REPLY_TEXT not in message.body


def test_a_retried_notification_task_sends_no_second_email(reader, writer, followed_story, send_at_once):
    wants(reader, replies="immediately")
    post = send_at_once(lambda: write_reply(followed_story, writer))

    send_at_once(lambda: notifications_record_for_post(post_id=post.pk))

    assert len(mail.outbox) == 1
    assert reply_emails(reader).count() == 1


def test_batched_replies_come_together_once_the_ten_minutes_are_over(
    reader, writer, followed_story, due, send_at_once
):
    wants(reader, replies="batched")
    at = due.replace(minute=21)
    for n in range(3):
        post = write_reply(followed_story, writer, body=f"Reply number {n} tonight.", now=at)
        notifications_record_for_post(post_id=post.pk, now=at + timedelta(minutes=n))

    batch = reply_emails(reader).get()
    assert (batch.period, batch.due_at, len(batch.post_ids)) == (
        f"batch:{at:%Y-%m-%dT%H}:20",
        at.replace(minute=30),
        3,
    )
    # The every-minute dispatch sends nothing before the ten minutes are over...
    send_at_once(lambda: services.deliveries_dispatch(now=at.replace(minute=29)))
    assert mail.outbox == []
    # ...then one email for all three.
    send_at_once(lambda: services.deliveries_dispatch(now=at.replace(minute=31)))
    (message,) = mail.outbox
    assert message.subject == "Endings: 3 new replies for you"
    assert "A story you follow: 3 new replies" in message.body


def test_a_reply_after_the_batch_went_out_waits_for_the_next_batch(reader, writer, followed_story, due):
    wants(reader, replies="batched")
    at = due.replace(minute=3)
    one = write_reply(followed_story, writer, body="Before the batch went out.", now=at)
    notifications_record_for_post(post_id=one.pk, now=at)
    batch = reply_emails(reader).get()
    assert services.deliveries_send(delivery_ids=[batch.pk], now=at.replace(minute=10)) == {"sent": 1}

    # A late recording for the window that was just sent goes into the next one.
    two = write_reply(
        followed_story, writer, body="Recorded as the batch was sent.", now=at.replace(minute=9)
    )
    notifications_record_for_post(post_id=two.pk, now=at.replace(minute=9))

    rows = list(reply_emails(reader).order_by("due_at").values_list("status", "post_ids"))
    assert rows == [(Delivery.Status.SENT, [one.pk]), (Delivery.Status.PENDING, [two.pk])]


def test_replies_removed_before_the_batch_is_sent_are_left_out(reader, writer, followed_story, due):
    wants(reader, replies="batched")
    at = due.replace(minute=3)
    gone = write_reply(followed_story, writer, body="Taken down soon after.", now=at)
    notifications_record_for_post(post_id=gone.pk, now=at)
    Post.objects.filter(pk=gone.pk).update(status=Post.Status.REMOVED)

    batch = reply_emails(reader).get()
    services.deliveries_send(delivery_ids=[batch.pk], now=at.replace(minute=10))

    assert mail.outbox == []
    batch.refresh_from_db()
    assert (batch.status, batch.outcome) == (Delivery.Status.SKIPPED, "Nothing new to tell")


def test_reply_emails_off_by_default_and_when_all_email_is_stopped(
    reader, writer, followed_story, send_at_once
):
    other = MemberFactory(display_name="Quiet Linden")
    forum_services.thread_follow_set(member=other, thread=followed_story, following=True)
    wants(reader, replies="immediately", all_stopped=True)

    send_at_once(lambda: write_reply(followed_story, writer))

    assert mail.outbox == []
    assert not Delivery.objects.exists()


def test_moderator_alerts_are_emailed_at_once_without_post_text(writer, followed_story, send_at_once):
    on_list = make_moderator("Mod On Call")
    alert_list_set(moderator=on_list, on=True)
    make_moderator("Mod Off Duty")  # a moderator, but not on the alert list
    declined = make_moderator("Mod No Email")
    alert_list_set(moderator=declined, on=True)
    wants(declined, digest="off", moderator_alerts=False)
    words = "Since she left I have been having suicidal thoughts most nights."

    post = send_at_once(lambda: write_reply(followed_story, writer, body=words))

    alerts = [m for m in mail.outbox if m.subject == "Endings moderation: an item needs you"]
    assert [m.to for m in alerts] == [[on_list.email]]
    message = alerts[0]
    html = message.alternatives[0][0]
    for part in (message.subject, message.body, html):
        assert "suicidal" not in part and TITLE not in part
    item_url = Notice.objects.get(recipient=on_list).link_url
    assert item_url in message.body and item_url in html
    delivery = Delivery.objects.get(kind=Delivery.Kind.ALERT)
    assert (delivery.member, delivery.status, delivery.due_at <= timezone.now()) == (
        on_list,
        Delivery.Status.SENT,
        True,
    )
    assert ModeratorAlertSubscription.objects.count() == 2
    assert post.status == Post.Status.PUBLISHED


def test_alerts_skip_batching_even_for_moderators_who_batch_replies(writer, followed_story, send_at_once):
    moderator = make_moderator("Mod Batches Replies")
    alert_list_set(moderator=moderator, on=True)
    wants(moderator, digest="off", replies="batched")
    send_at_once(
        lambda: write_reply(
            followed_story, writer, body="Since she left I have been having suicidal thoughts."
        )
    )
    assert [m.to for m in mail.outbox] == [[moderator.email]]
