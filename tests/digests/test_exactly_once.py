"""Exactly one email: the scheduler or a task run twice, a worker killed after claiming, two
workers racing, beat running late, a digest that failed for good."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection

from endings.digests import services, tasks
from endings.digests.models import Delivery
from tests.digests.conftest import digests_for, earlier, opening, preferences, reply, run_digests, wants

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(reader, writer, followed_story, due):
    return reply(opening(followed_story), writer, body="Thinking of you this week.", now=earlier(due))


def test_the_scheduler_run_twice_sends_one_digest(reader, news, due):
    run_digests(due)
    run_digests(due)
    run_digests(due + timedelta(minutes=15))

    assert len(mail.outbox) == 1
    assert digests_for(reader).count() == 1
    assert digests_for(reader).get().status == Delivery.Status.SENT


def test_the_send_task_run_twice_sends_one_digest(reader, news, due):
    services.digests_schedule(now=due, dispatch=False)
    ids = list(digests_for(reader).values_list("pk", flat=True))

    tasks.deliveries_send.apply(args=[ids]).get()
    tasks.deliveries_send.apply(args=[ids]).get()

    assert len(mail.outbox) == 1


def test_a_worker_killed_after_claiming_leaves_it_for_the_next_run_which_sends_it_once(
    reader, news, due, tasks_in_process, django_capture_on_commit_callbacks
):
    services.digests_schedule(now=due, dispatch=False)
    ids = list(digests_for(reader).values_list("pk", flat=True))
    # A worker claims the digest, then dies before sending it.
    assert services.deliveries_claim(delivery_ids=ids, now=due)
    assert digests_for(reader).get().status == Delivery.Status.SENDING

    # While its lease lasts, nobody else sends it: not another task, not the dispatcher.
    assert services.deliveries_send(delivery_ids=ids, now=due + timedelta(minutes=1)) == {}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deliveries_dispatch(now=due + timedelta(minutes=5)) == 0
    assert mail.outbox == []

    # Once the lease has run out, the next dispatch hands it to a worker, which sends it.
    later = due + services.LEASE + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deliveries_dispatch(now=later) == 1
    assert len(mail.outbox) == 1
    delivery = digests_for(reader).get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)

    # And never again.
    with django_capture_on_commit_callbacks(execute=True):
        services.deliveries_dispatch(now=later + timedelta(hours=2))
        services.digests_schedule(now=later + timedelta(hours=2))
    assert len(mail.outbox) == 1


def test_a_task_lost_before_it_ran_is_handed_out_again(
    reader, news, due, tasks_in_process, django_capture_on_commit_callbacks
):
    # Dispatched at `due`, but the task never reached a worker (the callbacks are not run).
    services.digests_schedule(now=due, dispatch=True)
    assert digests_for(reader).get().dispatched_at == due
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deliveries_dispatch(now=due + timedelta(minutes=5)) == 0
        assert services.deliveries_dispatch(now=due + services.REDISPATCH_AFTER + timedelta(minutes=1)) == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_the_same_digests_send_each_once(migration_data, writer, due):
    from forum import services as forum_services
    from forum.models import Category
    from tests.digests.conftest import make_story
    from tests.factories import MemberFactory

    story = make_story(writer, Category.objects.get(slug="ended-abruptly"), now=due - timedelta(days=9))
    readers = [MemberFactory(display_name=f"Racing Reader {n}") for n in range(6)]
    for member in readers:
        wants(member, hour=due.hour)
        forum_services.thread_follow_set(member=member, thread=story, following=True)
    reply(opening(story), writer, body="A reply everyone follows.", now=earlier(due))
    services.digests_schedule(now=due, dispatch=False)
    ids = list(Delivery.objects.values_list("pk", flat=True))
    start = threading.Barrier(2)
    outcomes = []

    def worker():
        try:
            start.wait(timeout=10)
            outcomes.append(services.deliveries_send(delivery_ids=ids, now=due))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(m.email for m in readers)
    assert sum(outcome.get("sent", 0) for outcome in outcomes) == len(readers)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_beat_running_late_still_sends_one_digest_covering_the_gap(reader, writer, followed_story, due):
    reply(opening(followed_story), writer, body="Day one.", now=due - timedelta(days=3, hours=2))
    run_digests(due - timedelta(days=3))
    assert len(mail.outbox) == 1
    # Beat stops for three days; replies keep coming.
    reply(opening(followed_story), writer, body="Day two.", now=due - timedelta(days=2, hours=5))
    reply(opening(followed_story), writer, body="Day four.", now=due - timedelta(hours=5))

    run_digests(due + timedelta(minutes=30))

    assert len(mail.outbox) == 2
    latest = digests_for(reader).order_by("-window_end").first()
    assert latest.summary["replies"] == 2
    assert latest.window_start == due.replace(minute=0) - timedelta(days=3)


def test_a_digest_that_failed_for_good_is_covered_by_the_next_one(reader, writer, followed_story, due):
    reply(opening(followed_story), writer, body="Yesterday's reply.", now=due - timedelta(days=1, hours=2))
    services.digests_schedule(now=due - timedelta(days=1), dispatch=False)
    Delivery.objects.filter(member=reader).update(status=Delivery.Status.FAILED, last_error="550 refused")
    reply(opening(followed_story), writer, body="Today's reply.", now=due - timedelta(hours=2))

    run_digests(due)

    assert len(mail.outbox) == 1
    sent = digests_for(reader).get(status=Delivery.Status.SENT)
    assert sent.summary["replies"] == 2


def test_a_member_who_chose_a_digest_after_todays_time_first_hears_tomorrow(writer, followed_story, due):
    from forum import services as forum_services
    from tests.factories import MemberFactory

    newcomer = MemberFactory(display_name="Newcomer Rowan")
    wants(newcomer, hour=due.hour, now=due + timedelta(minutes=5))
    forum_services.thread_follow_set(member=newcomer, thread=followed_story, following=True)
    reply(opening(followed_story), writer, now=earlier(due))

    run_digests(due + timedelta(minutes=20))
    assert not digests_for(newcomer).exists()

    reply(opening(followed_story), writer, body="A reply for tomorrow.", now=due + timedelta(hours=3))
    run_digests(due + timedelta(days=1))
    assert [m.to for m in mail.outbox if m.to == [newcomer.email]] == [[newcomer.email]]


def test_changing_time_zone_moves_the_next_digest_without_waiting_for_the_old_time(reader, news, due):
    wants(reader, hour=(due.hour + 3) % 24)
    run_digests(due - timedelta(hours=1))
    # Worked out in UTC: three hours after `due`.
    assert preferences(reader).next_digest_at == due.replace(minute=0) + timedelta(hours=3)
    assert mail.outbox == []

    # The member moves three hours east, where their chosen hour comes at `due`'s hour (UTC).
    type(reader).objects.filter(pk=reader.pk).update(time_zone="Etc/GMT-3")
    run_digests(due)

    assert len(mail.outbox) == 1
    latest = digests_for(reader).order_by("-due_at").first()
    assert (latest.due_at, latest.status) == (due.replace(minute=0), Delivery.Status.SENT)
