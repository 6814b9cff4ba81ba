"""Reports and the queue: one item per post, at-risk first, and reports that stay private."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import Notice
from forum.limits import ReportRefused
from forum.models import Flag, ModerationAction, Post, Priority, QueueItem, Reason
from forum.selectors import queue as queue_selectors
from forum.services import moderation, queue
from tests.factories import MemberFactory
from tests.forum.moderation_fixtures import make_moderator, open_item, reply_to, reported

pytestmark = pytest.mark.usefixtures("unthrottled")


@pytest.fixture
def reporter(db):
    return MemberFactory(display_name="Hazel Reporter")


def test_a_second_report_by_the_same_member_updates_it(story, repliers, reporter):
    post = reply_to(story, repliers[0])
    reported(post, reporter, "unkind", "It felt harsh.")
    reported(post, reporter, "other", "Actually it names her therapist's clinic.")

    flag = Flag.objects.get(post=post)
    assert (flag.reason, flag.note) == ("other", "Actually it names her therapist's clinic.")
    assert open_item(post).flag_count == 1


def test_reports_from_several_members_gather_on_one_item(story, repliers, reporter):
    post = reply_to(story, repliers[0])
    reported(post, reporter)
    reported(post, repliers[1], "spam")

    assert QueueItem.objects.filter(post=post).count() == 1
    assert open_item(post).flag_count == 2


def test_something_else_needs_a_note(story, repliers, reporter):
    post = reply_to(story, repliers[0])
    with pytest.raises(ReportRefused, match="tell us a little"):
        reported(post, reporter, "other", "   ")
    assert not QueueItem.objects.exists()


def test_members_cannot_report_their_own_post(story, author):
    with pytest.raises(ReportRefused):
        reported(Post.objects.get(thread=story, depth=0), author)


def test_reports_have_a_daily_limit(members_category, repliers, reporter):
    from tests.forum.conftest import make_story

    posts = [
        Post.objects.get(thread=make_story(repliers[0], members_category, title=f"Story {n}"), depth=0)
        for n in range(queue.REPORTS_PER_DAY + 1)
    ]
    for post in posts[:-1]:
        reported(post, reporter, "spam")
    with pytest.raises(ReportRefused, match="a lot of reports today"):
        reported(posts[-1], reporter, "spam")
    assert Flag.objects.filter(reporter=reporter).count() == queue.REPORTS_PER_DAY


def test_queue_puts_at_risk_first_then_held_then_reports_oldest_first(
    story, repliers, reporter, moderator, settings
):
    start = story.created_at
    spam = reply_to(story, repliers[0], "Buy cheap things at my shop, friends.")
    queue.report_create(reporter=reporter, post=spam, reason="spam", now=start + timedelta(minutes=1))
    unkind = reply_to(story, repliers[1], "You are overreacting, honestly.")
    queue.report_create(reporter=reporter, post=unkind, reason="unkind", now=start + timedelta(minutes=2))
    settings.MODERATION_HOLD_FIRST_POSTS = 5
    newcomer = MemberFactory(display_name="New Here")
    held = reply_to(story, newcomer, "I am new and this is my first reply here.")
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    late_risk = reply_to(story, repliers[2], "Some nights I cannot see the point of anything.")
    queue.report_create(reporter=reporter, post=late_risk, reason="at_risk", now=start + timedelta(minutes=9))
    early_risk = reply_to(story, repliers[1], "I feel very alone tonight.")
    queue.report_create(
        reporter=reporter, post=early_risk, reason="at_risk", now=start + timedelta(minutes=3)
    )

    page = queue_selectors.queue_page(moderator, queue_selectors.QueueFilters())
    order = [item.post_id for item in page.items]

    assert order[:2] == [early_risk.pk, late_risk.pk]
    assert order[2] == held.pk
    assert order[3:] == [spam.pk, unkind.pk]
    assert [item.priority for item in page.items] == sorted(item.priority for item in page.items)


def test_queue_filters_by_reason_and_category(story, repliers, reporter, moderator, public_category):
    from tests.forum.conftest import make_story

    unkind = reply_to(story, repliers[0])
    reported(unkind, reporter, "unkind")
    elsewhere = Post.objects.get(thread=make_story(repliers[1], public_category, title="Elsewhere"), depth=0)
    reported(elsewhere, reporter, "spam")

    by_reason = queue_selectors.queue_page(moderator, queue_selectors.QueueFilters(reason="spam"))
    by_category = queue_selectors.queue_page(
        moderator, queue_selectors.QueueFilters(category=story.category_id)
    )

    assert [item.post_id for item in by_reason.items] == [elsewhere.pk]
    assert [item.post_id for item in by_category.items] == [unkind.pk]


def test_priority_counts_in_the_navigation(story, repliers, reporter, moderator_client):
    reported(reply_to(story, repliers[0]), reporter, "at_risk")
    reported(reply_to(story, repliers[1]), reporter, "spam")

    html = moderator_client.get(reverse("moderation:queue")).content.decode()

    assert "1 at risk" in html
    assert "0 waiting" in html
    assert "1 reported" in html


def test_a_burst_of_reports_hides_the_newest_post(story, repliers, members_category):
    target = repliers[0]
    older = reply_to(story, target, "First thing I said.")
    newest = reply_to(story, target, "Second thing I said.")
    for n in range(queue.BURST_REPORTERS):
        reported(older, MemberFactory(display_name=f"Worried {n}"), "unkind")

    newest.refresh_from_db()
    older.refresh_from_db()
    assert newest.status == Post.Status.HIDDEN
    assert older.status == Post.Status.PUBLISHED
    assert open_item(newest).priority == Priority.HELD
    assert ModerationAction.objects.filter(action="auto_hide", post=newest).count() == 1


def test_at_risk_posts_are_never_hidden_by_a_burst(story, repliers):
    target = repliers[0]
    risky = reply_to(story, target, "I do not know how much longer I can do this.")
    reported(risky, MemberFactory(display_name="Carer"), "at_risk")
    for n in range(queue.BURST_REPORTERS):
        reported(risky, MemberFactory(display_name=f"Upset {n}"), "unkind")

    risky.refresh_from_db()
    assert risky.status == Post.Status.PUBLISHED
    assert open_item(risky).priority == Priority.AT_RISK


def test_at_risk_items_stay_open_when_the_author_deletes_the_post(story, repliers, reporter):
    from forum import services

    risky = reply_to(story, repliers[0], "Everything feels pointless.")
    reported(risky, reporter, "at_risk")
    services.post_delete_own(member=repliers[0], post=risky)

    item = open_item(risky)
    assert item.is_open and item.priority == Priority.AT_RISK


def test_at_risk_report_alerts_the_moderators_on_the_alert_list(story, repliers, reporter, moderator):
    other = make_moderator("Mod Not Listening")
    moderation.alert_list_set(moderator=moderator, on=True)
    risky = reply_to(story, repliers[0], "It is all too much.")

    reported(risky, reporter, "at_risk")
    reported(risky, MemberFactory(display_name="Also worried"), "at_risk")  # already at risk: no second alert

    alerts = Notice.objects.filter(kind=Notice.Kind.MODERATOR_ALERT)
    assert [a.recipient for a in alerts] == [moderator]
    assert not Notice.objects.filter(recipient=other).exists()
    assert "It is all too much" not in alerts[0].title + alerts[0].body


def test_the_reporter_never_appears_to_the_author(story, repliers, reporter, moderator, client):
    post = reply_to(story, repliers[0], "Maybe you should just get over it.")
    item = reported(post, reporter, "unkind", "This felt cruel.")
    moderation.queue_item_act(
        moderator=moderator,
        item_id=item.pk,
        version=item.version,
        action="remove",
        reason="Unkind to the author.",
    )

    client.force_login(repliers[0])
    pages = [
        client.get(reverse("forum:notifications")),
        client.get(story.get_absolute_url()),
        client.get(reverse("forum:appeal", args=[post.pk])),
    ]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "Hazel Reporter" not in html
        assert "This felt cruel" not in html
    notices = " ".join(n.title + n.body for n in Notice.objects.filter(recipient=repliers[0]))
    assert "Hazel" not in notices and "cruel" not in notices


def test_the_reporter_is_told_the_outcome_in_general_terms(story, repliers, reporter, moderator):
    post = reply_to(story, repliers[0], "Something unkind.")
    item = reported(post, reporter, "unkind")
    moderation.queue_item_act(
        moderator=moderator,
        item_id=item.pk,
        version=item.version,
        action="keep",
        reason="Within the guidelines.",
    )

    outcome = Notice.objects.get(recipient=reporter, kind=Notice.Kind.REPORT_OUTCOME)
    assert "decided it can stay" in outcome.body
    assert "Within the guidelines" not in outcome.body
    assert repliers[0].display_name not in outcome.body


def test_report_form_refuses_bad_input_kindly_and_changes_nothing(story, repliers, reporter, client):
    post = reply_to(story, repliers[0])
    client.force_login(reporter)

    response = client.post(reverse("forum:report", args=[post.pk]), {"reason": "other", "note": ""})
    bogus = client.post(reverse("forum:report", args=[post.pk]), {"reason": "<script>alert(1)</script>"})

    assert response.status_code == 200
    assert "tell us a little" in response.content.decode()
    assert bogus.status_code == 200
    assert "<script>alert(1)</script>" not in bogus.content.decode()
    assert not Flag.objects.exists()


def test_report_form_at_risk_thanks_and_offers_help(story, repliers, reporter, client):
    post = reply_to(story, repliers[0])
    client.force_login(reporter)

    response = client.post(reverse("forum:report", args=[post.pk]), {"reason": "at_risk"}, follow=True)

    html = response.content.decode()
    assert "Thank you for caring" in html
    assert "help-lines" in html
    assert open_item(post).priority == Priority.AT_RISK


def test_signed_out_readers_cannot_report(story, repliers, client):
    post = reply_to(story, repliers[0])
    response = client.post(reverse("forum:report", args=[post.pk]), {"reason": "spam"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Flag.objects.exists()


def test_report_reasons_exclude_the_automatic_ones(story, repliers, reporter):
    post = reply_to(story, repliers[0])
    with pytest.raises(ReportRefused):
        reported(post, reporter, Reason.FIRST_POSTS)
