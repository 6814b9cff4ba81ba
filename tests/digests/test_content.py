"""What a digest tells of, and everything it must leave out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Block
from endings.articles.models import Article
from endings.digests import selectors, services
from endings.digests.models import Delivery
from forum import services as forum_services
from forum.models import Post, Priority, QueueItem, Reaction, Thread
from forum.services import queue
from tests.digests.conftest import (
    digests_for,
    earlier,
    make_story,
    opening,
    reply,
    run_digests,
    support,
    wants,
)
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def the_digest(member):
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [member.email]
    return message


def summary_of(member):
    return digests_for(member).get().summary


def test_digest_tells_of_replies_new_stories_articles_and_support(
    reader, writer, followed_story, members_category, due
):
    wants(reader, hour=due.hour, discreet=False)
    reply(opening(followed_story), writer, body="I read it in a car park too, years ago.", now=earlier(due))
    reply(opening(followed_story), writer, body="Still thinking of you tonight.", now=earlier(due))
    forum_services.category_follow_set(member=reader, category=members_category, following=True)
    make_story(writer, members_category, title="Her voicemail on a Sunday", now=earlier(due))
    mine = make_story(reader, members_category, title="Nine years, then nothing", now=earlier(due))
    support(writer, opening(mine), Reaction.Kind.SUPPORT, at=earlier(due))
    support(writer, opening(mine), Reaction.Kind.THANKS, at=earlier(due))
    editor = MemberFactory(display_name="Editor Fern")
    Article.objects.create(
        title="Grieving a therapist who retired",
        slug="grieving-retired",
        standfirst="When the room you trusted closes.",
        state=Article.State.PUBLISHED,
        published_at=earlier(due),
    ).authors.add(editor)

    run_digests(due)

    message = the_digest(reader)
    assert message.subject == "Your daily summary from Endings"
    assert summary_of(reader) == {
        "replies": 2,
        "stories_with_replies": 1,
        "new_stories": 1,
        "articles": 1,
        "support": 2,
    }
    text = message.body
    assert "The letter that ended nine years: 2 new replies" in text
    assert "Her voicemail on a Sunday" in text
    assert "Grieving a therapist who retired" in text
    assert "Sending support: 1" in text and "Thank you: 1" in text
    # The reader's own new story is not news to them.
    assert "Nine years, then nothing" not in text


def test_an_empty_digest_is_not_sent(reader, followed_story, due):
    run_digests(due)

    assert mail.outbox == []
    delivery = digests_for(reader).get()
    assert delivery.status == Delivery.Status.SKIPPED
    assert delivery.outcome == "Nothing new to tell"


def test_own_replies_and_replies_outside_the_window_are_left_out(reader, writer, followed_story, due):
    reply(opening(followed_story), reader, body="Thank you all for reading this.", now=earlier(due))
    reply(opening(followed_story), writer, body="An old reply.", now=due - timedelta(days=3))
    run_digests(due)
    assert mail.outbox == []


def test_a_story_no_longer_followed_is_left_out(reader, writer, followed_story, due):
    reply(opening(followed_story), writer, now=earlier(due))
    forum_services.thread_follow_set(member=reader, thread=followed_story, following=False)
    run_digests(due)
    assert mail.outbox == []


@pytest.mark.parametrize(
    "status",
    [
        Post.Status.HELD,
        Post.Status.DECLINED,
        Post.Status.HIDDEN,
        Post.Status.REMOVED,
        Post.Status.REMOVED_BY_AUTHOR,
    ],
)
def test_replies_that_are_not_published_are_left_out(reader, writer, followed_story, due, status):
    kept_back = reply(
        opening(followed_story), writer, body="Something only moderators may see.", now=earlier(due)
    )
    Post.objects.filter(pk=kept_back.pk).update(status=status)

    run_digests(due)

    assert mail.outbox == []


def test_stories_waiting_for_review_or_removed_by_their_author_are_left_out(
    reader, writer, members_category, due
):
    forum_services.category_follow_set(member=reader, category=members_category, following=True)
    waiting = make_story(writer, members_category, title="Waiting for a moderator", now=earlier(due))
    Thread.objects.filter(pk=waiting.pk).update(is_listed=False)
    Post.objects.filter(thread=waiting).update(status=Post.Status.HELD)
    gone = make_story(writer, members_category, title="Taken down by its author", now=earlier(due))
    Thread.objects.filter(pk=gone.pk).update(removed_by_author=True)

    run_digests(due)

    assert mail.outbox == []


def test_a_story_in_a_followed_thread_the_reader_can_no_longer_open_is_left_out(
    reader, writer, followed_story, due
):
    reply(opening(followed_story), writer, now=earlier(due))
    # The opening post was later held for review: the story is unlisted to everyone but its author.
    Thread.objects.filter(pk=followed_story.pk).update(is_listed=False)
    run_digests(due)
    assert mail.outbox == []


@pytest.mark.parametrize("direction", ["reader blocked writer", "writer blocked reader"])
def test_nothing_from_either_side_of_a_block(
    reader, writer, followed_story, members_category, due, direction
):
    reply(opening(followed_story), writer, now=earlier(due))
    forum_services.category_follow_set(member=reader, category=members_category, following=True)
    make_story(writer, members_category, title="A new story by the writer", now=earlier(due))
    mine = make_story(reader, members_category, title="The reader's own story", now=earlier(due))
    support(writer, opening(mine), Reaction.Kind.SUPPORT, at=earlier(due))
    blocker, blocked = (reader, writer) if direction == "reader blocked writer" else (writer, reader)
    Block.objects.create(blocker=blocker, blocked=blocked)

    run_digests(due)

    assert mail.outbox == []


def test_others_still_appear_when_one_member_is_blocked(reader, writer, followed_story, due):
    other = MemberFactory(display_name="Other Birch")
    reply(opening(followed_story), writer, now=earlier(due))
    reply(opening(followed_story), other, now=earlier(due))
    Block.objects.create(blocker=reader, blocked=writer)

    run_digests(due)

    the_digest(reader)
    assert summary_of(reader)["replies"] == 1


def test_nothing_with_an_open_at_risk_report(reader, writer, followed_story, members_category, due):
    risky = reply(opening(followed_story), writer, body="Some nights are very dark for me.", now=earlier(due))
    queue.report_create(reporter=MemberFactory(), post=risky, reason="at_risk")
    assert QueueItem.objects.get(post=risky).priority == Priority.AT_RISK
    forum_services.category_follow_set(member=reader, category=members_category, following=True)
    story = make_story(writer, members_category, title="A hard week", now=earlier(due))
    queue.report_create(reporter=MemberFactory(), post=opening(story), reason="at_risk")

    run_digests(due)

    assert mail.outbox == []


def test_a_resolved_at_risk_report_no_longer_keeps_a_reply_out(reader, writer, followed_story, due):
    risky = reply(opening(followed_story), writer, body="Some nights are very dark for me.", now=earlier(due))
    queue.report_create(reporter=MemberFactory(), post=risky, reason="at_risk")
    QueueItem.objects.filter(post=risky).update(status=QueueItem.Status.RESOLVED)

    run_digests(due)

    the_digest(reader)


def test_drafts_and_scheduled_articles_are_left_out(reader, due):
    Article.objects.create(
        title="Draft", slug="draft", standfirst="Not yet.", state=Article.State.DRAFT, published_at=None
    )
    Article.objects.create(
        title="Later",
        slug="later",
        standfirst="Scheduled.",
        state=Article.State.PUBLISHED,
        published_at=due + timedelta(hours=1),
    )
    run_digests(due)
    assert mail.outbox == []


def test_members_on_a_break_or_who_stopped_all_email_get_nothing(reader, writer, followed_story, due):
    reply(opening(followed_story), writer, now=earlier(due))
    on_break = MemberFactory(display_name="Resting Elm")
    wants(on_break, hour=due.hour)
    forum_services.thread_follow_set(member=on_break, thread=followed_story, following=True)
    type(on_break).objects.filter(pk=on_break.pk).update(break_started_at=timezone.now() - timedelta(hours=1))
    stopped = MemberFactory(display_name="Quiet Oak")
    wants(stopped, hour=due.hour, all_stopped=True)
    forum_services.thread_follow_set(member=stopped, thread=followed_story, following=True)

    run_digests(due)

    assert [m.to for m in mail.outbox] == [[reader.email]]
    assert digests_for(on_break).get().status == Delivery.Status.SKIPPED
    assert not digests_for(stopped).exists()


def _compose(due):
    services.digests_schedule(now=due, dispatch=False)
    ids = list(digests_for_all().values_list("pk", flat=True))
    return selectors.deliveries_by_pk(ids)


def digests_for_all():
    return Delivery.objects.filter(kind=Delivery.Kind.DIGEST)


def _activity(members, story, writer, category, *, size, due):
    for n in range(size):
        reply(opening(story), writer, body=f"Reply {n}: I hear you, and I am still here.", now=earlier(due))
        make_story(writer, category, title=f"Another story {n}", now=earlier(due))
    for member in members:
        forum_services.category_follow_set(member=member, category=category, following=True)
        forum_services.thread_follow_set(member=member, thread=story, following=True)
        mine = make_story(member, category, title=f"Story by {member.display_name}", now=earlier(due))
        for supporter in (writer, *members[:size]):
            if supporter != member:
                support(supporter, opening(mine), "support", at=earlier(due))


@pytest.mark.parametrize("size", [2, 12])
def test_composing_a_chunk_of_digests_costs_the_same_queries_at_any_size(
    writer, members_category, due, size, django_assert_num_queries
):
    story = make_story(writer, members_category, now=timezone.now() - timedelta(days=60))
    members = [MemberFactory(display_name=f"Batch Member {n}") for n in range(size)]
    for member in members:
        wants(member, hour=due.hour, discreet=n_is_odd(member))
    _activity(members, story, writer, members_category, size=size, due=due)
    deliveries = _compose(due)
    assert len(deliveries) == size

    # Replies, new stories, support received and articles: four reads for the whole chunk.
    with django_assert_num_queries(4):
        contents = selectors.digest_contents(deliveries)

    assert all(content.reply_count == size for content in contents.values())
    assert all(content.story_count == size * 2 - 1 for content in contents.values())


@pytest.mark.parametrize("size", [2, 12])
def test_sending_a_chunk_costs_a_fixed_number_of_queries_plus_one_per_email(
    writer, members_category, due, size, django_assert_num_queries
):
    story = make_story(writer, members_category, now=timezone.now() - timedelta(days=60))
    members = [MemberFactory(display_name=f"Batch Member {n}") for n in range(size)]
    for member in members:
        wants(member, hour=due.hour)
    _activity(members, story, writer, members_category, size=size, due=due)
    services.digests_schedule(now=due, dispatch=False)
    ids = list(digests_for_all().values_list("pk", flat=True))
    from helplines.selectors import help_lines_for_country

    help_lines_for_country("GB")
    help_lines_for_country("")  # help lines come from the cache, as they do once warm

    # Claim, load, who is paused, four content reads; then one update per email sent.
    with django_assert_num_queries(7 + size):
        services.deliveries_send(delivery_ids=ids, now=due)

    assert len(mail.outbox) == size


def n_is_odd(member):
    return member.pk % 2 == 1
