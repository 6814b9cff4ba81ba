"""Issues 4 and 8 in a browser: the safety panel for a member in distress, and a report that tops
the queue, the moderator reaching out, the reporter told and the audit log, with and without
JavaScript (with it, by keyboard only)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.notices import Notice
from forum.models import Post, Priority, QueueItem
from tests.browser.content import a_month_old_member, sign_in, sign_in_as_moderator
from tests.browser.person import Person
from tests.forum.conftest import make_story
from tests.forum.moderation_fixtures import make_moderator

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]


def test_a_member_writing_about_suicidal_feelings_sees_help_at_once(page, screenshot):
    from forum.models import Category

    member = a_month_old_member("Nightly Writer")
    story = make_story(a_month_old_member("Story Teller"), Category.objects.get(slug="ended-abruptly"))
    sign_in(page, member)
    page.goto(story.get_absolute_url())

    page.get_by_label("Your reply").fill(
        "Since she retired I keep thinking everyone would be better off without me."
    )
    page.get_by_role("button", name="Post reply").click()

    panel = page.locator(".message--care")
    expect(panel).to_contain_text("You do not have to face this alone")
    expect(panel.locator(".help-line").first).to_be_visible()
    expect(page.get_by_text("better off without me")).to_be_visible()  # posted, not silenced
    screenshot("safety-panel")
    post = Post.objects.filter(thread=story).latest("created_at")
    assert QueueItem.objects.get(post=post).priority == Priority.AT_RISK


def test_an_at_risk_report_tops_the_queue_and_the_moderator_reaches_out(page, screenshot, javascript):
    """With JavaScript on, the reporter and the moderator use only the keyboard."""
    from forum.models import Category
    from forum.services import queue

    person = Person(page, keyboard=javascript)
    category = Category.objects.get(slug="ended-abruptly")
    author = a_month_old_member("Quiet Author")
    author.country = "GB"
    author.save(update_fields=["country"])
    story = make_story(author, category, title="Nobody told me she had died", body="I keep going over it.")
    other = make_story(a_month_old_member("Other Author"), category, title="A calmer story")
    spam_reporter = a_month_old_member("Spam Spotter")
    queue.report_create(reporter=spam_reporter, post=Post.objects.get(thread=other, depth=0), reason="spam")
    reporter = a_month_old_member("Caring Reader")
    moderator = make_moderator("Mod Willow")

    # 1. A member reports a post: someone may be at risk.
    sign_in(page, reporter, person=person)
    page.goto(story.get_absolute_url())
    person.click(page.get_by_role("link", name="Report this post").first)
    person.choose("Someone may be at risk")
    person.click(page.get_by_role("button", name="Send the report"))
    expect(page.locator(".message--care")).to_contain_text("Thank you for caring")

    # 2. It tops the queue; the moderator reaches out, then keeps the post.
    page.context.clear_cookies()
    sign_in_as_moderator(page, moderator, person=person)
    page.goto(reverse("moderation:queue"))
    first = page.locator(".queue-item").first
    expect(first).to_contain_text("Someone may be at risk")
    expect(first).to_contain_text("Nobody told me she had died")
    screenshot("moderation-queue")
    person.click(first.get_by_role("link").first)

    screenshot("moderation-item")
    reach_out = page.locator("details.mod-action").filter(has=page.locator('input[value="reach_out"]'))
    person.click(reach_out.locator("summary"))
    expect(reach_out.get_by_label(re.compile("Your message"))).to_contain_text("You matter here")
    person.fill(reach_out.get_by_label("Reason"), "Reported as at risk; checking in.")
    person.click(reach_out.get_by_role("button", name="Reach out to the author"))
    expect(page.get_by_text("Done: reached out")).to_be_visible()
    keep = page.locator("details.mod-action").filter(has=page.locator('input[value="keep"]'))
    person.click(keep.locator("summary"))
    person.fill(keep.get_by_label("Reason"), "Talking about feelings is welcome here.")
    person.click(keep.get_by_role("button", name=re.compile("Keep it")))
    expect(page.get_by_text("Done: kept")).to_be_visible()
    screenshot("moderation-after")

    # 3. The audit log shows both actions, by name.
    person.click(page.get_by_role("link", name="Audit log"))
    audit = page.locator(".audit-table")
    expect(audit).to_contain_text("Reached out")
    expect(audit).to_contain_text("Kept")
    expect(audit).to_contain_text("Mod Willow")

    # 4. The reporter is told the outcome, in general terms.
    page.context.clear_cookies()
    sign_in(page, reporter, person=person)
    person.click(page.get_by_role("link", name=re.compile("^Notifications")))
    outcome = page.locator(".site-notice").filter(has_text="About a post you reported")
    expect(outcome).to_contain_text("offered support")
    expect(outcome).not_to_contain_text("Mod Willow")
    screenshot("reporter-told")

    # 5. The author finds the moderator's message, with help lines for their country.
    page.context.clear_cookies()
    sign_in(page, author, person=person)
    person.click(page.get_by_role("link", name=re.compile("^Notifications")))
    message = page.locator(".site-notice").filter(has_text="A message from the Endings moderators")
    expect(message).to_contain_text("You matter here")
    help_lines = page.get_by_role("complementary", name="If you need to talk to someone now")
    expect(help_lines).to_contain_text("Samaritans")
    expect(help_lines.get_by_role("listitem")).to_have_count(3)

    assert Notice.objects.get(recipient=author, kind=Notice.Kind.REACH_OUT).show_help_lines
    outcome = Notice.objects.get(recipient=reporter, kind=Notice.Kind.REPORT_OUTCOME)
    assert "offered support" in outcome.body
