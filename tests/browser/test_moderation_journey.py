"""Issue 4 in a browser: the safety panel for a member in distress, and a report that tops the queue."""

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.urls import reverse
from playwright.sync_api import expect

from accounts.notices import Notice
from forum.models import Post, Priority, QueueItem
from tests.browser.test_story_journey import a_month_old_member, sign_in
from tests.factories import PASSWORD
from tests.forum.conftest import make_story
from tests.forum.moderation_fixtures import make_moderator

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def javascript(request):
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, javascript, live_server):
    return {**browser_context_args, "java_script_enabled": javascript, "base_url": live_server.url}


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


def totp_code(member):
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(member.totp_secret, counter))


def test_an_at_risk_report_tops_the_queue_and_the_moderator_reaches_out(page, screenshot):
    from forum.models import Category
    from forum.services import queue

    category = Category.objects.get(slug="ended-abruptly")
    author = a_month_old_member("Quiet Author")
    story = make_story(author, category, title="Nobody told me she had died", body="I keep going over it.")
    other = make_story(a_month_old_member("Other Author"), category, title="A calmer story")
    spam_reporter = a_month_old_member("Spam Spotter")
    queue.report_create(reporter=spam_reporter, post=Post.objects.get(thread=other, depth=0), reason="spam")
    reporter = a_month_old_member("Caring Reader")
    moderator = make_moderator("Mod Willow")

    sign_in(page, reporter)
    page.goto(story.get_absolute_url())
    page.get_by_role("link", name="Report this post").first.click()
    page.get_by_label("Someone may be at risk").check()
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator(".message--care")).to_contain_text("Thank you for caring")

    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(moderator.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label(re.compile("Authenticator code|Code", re.I)).fill(totp_code(moderator))
    page.get_by_role("button", name=re.compile("Sign in|Confirm|Verify", re.I)).click()

    page.goto(reverse("moderation:queue"))
    first = page.locator(".queue-item").first
    expect(first).to_contain_text("Someone may be at risk")
    expect(first).to_contain_text("Nobody told me she had died")
    screenshot("moderation-queue")
    first.get_by_role("link").first.click()

    screenshot("moderation-item")
    reach_out = page.locator("details.mod-action").filter(has=page.locator('input[value="reach_out"]'))
    reach_out.locator("summary").click()
    expect(reach_out.get_by_label(re.compile("Your message"))).to_contain_text("You matter here")
    reach_out.get_by_label("Reason").fill("Reported as at risk; checking in.")
    reach_out.get_by_role("button", name="Reach out to the author").click()
    expect(page.get_by_text("Done: reached out")).to_be_visible()
    keep = page.locator("details.mod-action").filter(has=page.locator('input[value="keep"]'))
    keep.locator("summary").click()
    keep.get_by_label("Reason").fill("Talking about feelings is welcome here.")
    keep.get_by_role("button", name=re.compile("Keep it")).click()
    expect(page.get_by_text("Done: kept")).to_be_visible()
    screenshot("moderation-after")

    page.goto(reverse("moderation:audit"))
    expect(page.locator(".audit-table")).to_contain_text("Reached out")
    expect(page.locator(".audit-table")).to_contain_text("Mod Willow")

    assert Notice.objects.get(recipient=author, kind=Notice.Kind.REACH_OUT).show_help_lines
    outcome = Notice.objects.get(recipient=reporter, kind=Notice.Kind.REPORT_OUTCOME)
    assert "offered support" in outcome.body
