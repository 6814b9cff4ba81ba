"""Issues 2 and 8: a newcomer signs up, verifies by the email in the outbox, and starts a story
with a content note; as a new member's first post it waits for a moderator, who signs in with a
code from their authenticator and approves it; the author is told. With JavaScript on, both
people use only the keyboard (tests/browser/person.py)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from forum.models import Post
from tests.browser.content import sign_in_as_moderator
from tests.browser.person import Person
from tests.forum.moderation_fixtures import make_moderator

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]

TITLE = "My therapist moved away and I found out by letter"
STORY = "She moved to another city. The letter came a week before our last session.\n\nI miss her."


@pytest.fixture
def first_posts_wait(settings):
    # tests/conftest.py turns holding off for most tests; this journey is about it.
    settings.MODERATION_HOLD_FIRST_POSTS = 2


def test_newcomer_joins_and_a_moderator_approves_their_first_story(
    page, new_context, javascript, first_posts_wait, tasks_in_process, screenshot
):
    person = Person(page, keyboard=javascript)

    # 1. Joining, and the email.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("When therapy ends")
    screenshot("home")
    person.click(page.get_by_role("link", name="Join", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Endings")
    screenshot("signup")
    person.fill(page.get_by_label("Email"), "browser.newcomer@example.org")
    person.fill(page.get_by_label("Display name"), "Night Reader")
    person.fill(page.get_by_label("Password"), "my therapist moved away")
    person.check(page.get_by_label("I am 18 or older."))
    person.check(page.get_by_label("I agree that Endings may store"))
    person.click(page.get_by_role("button", name="Join Endings"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    assert mail.outbox[-1].to == ["browser.newcomer@example.org"]
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    person.click(page.get_by_role("button", name="Confirm"))

    expect(page.get_by_role("heading", level=1)).to_contain_text("When therapy ends")
    expect(page.get_by_text("Welcome back, Night Reader")).to_be_visible()
    expect(page.locator(".account-menu summary")).to_contain_text("Night Reader")
    screenshot("home-signed-in")

    person.click(page.locator(".account-menu summary"))
    person.click(page.get_by_role("link", name="Settings"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your settings")
    screenshot("settings")

    # 2. A first story, with a content note: it waits for a moderator.
    person.click(page.get_by_role("navigation", name="Main").get_by_role("link", name="Stories"))
    person.click(page.get_by_role("link", name="Tell your story"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell your story")
    person.select(page.get_by_label("Category"), label="Retired, moved or changed jobs")
    person.fill(page.get_by_label("Title"), TITLE)
    person.select(page.get_by_label("How it ended"), label="Retired or moved")
    person.select(page.get_by_role("combobox", name="Content note"), label="Death")
    person.fill(page.get_by_label("Your story"), STORY)
    person.click(page.get_by_role("button", name="Post your story"))

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    held_message = page.locator(".message--care")
    expect(held_message).to_contain_text("A moderator reads new members' first posts before others see them")
    expect(held_message.locator(".help-line").first).to_be_visible()
    expect(page.get_by_text("Content note: Death", exact=True)).to_be_visible()
    # Their own waiting story is shown to them open, with a note that it waits.
    expect(page.get_by_role("note")).to_contain_text("Only you and the moderators can see this for now")
    screenshot("story-held")
    author = User.objects.get(email="browser.newcomer@example.org")
    story = Post.objects.get(author=author, depth=0)
    assert story.status == Post.Status.HELD

    # 3. A moderator, signed in with a code from their authenticator, approves it.
    moderator = make_moderator("Mod Willow")
    mod_page = new_context().new_page()
    mod = Person(mod_page, keyboard=javascript)
    sign_in_as_moderator(mod_page, moderator, person=mod)
    mod.click(mod_page.locator(".account-menu summary"))
    mod.click(mod_page.get_by_role("link", name="Moderation"))
    expect(mod_page.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    first = mod_page.locator(".queue-item").first
    expect(first).to_contain_text("Waiting for review")
    expect(first).to_contain_text(TITLE)
    expect(first).to_contain_text("A new member's first posts")
    mod.click(first.get_by_role("link", name=re.compile(TITLE)))
    expect(mod_page.get_by_text(STORY.split("\n")[0])).to_be_visible()
    approve = mod_page.locator("details.mod-action").filter(has=mod_page.locator('input[value="approve"]'))
    mod.click(approve.locator("summary"))
    mod.fill(approve.get_by_label("Reason"), "A first story, kindly told.")
    mod.click(approve.get_by_role("button", name="Approve and publish"))
    expect(mod_page.get_by_text("Done: approved")).to_be_visible()
    screenshot("moderator-approved", of=mod_page)
    story.refresh_from_db()
    assert story.status == Post.Status.PUBLISHED

    # 4. The author is told, and their story is up for others.
    page.goto("/stories/")
    notifications = page.get_by_role("link", name=re.compile("^Notifications"))
    expect(notifications).to_contain_text("1")
    person.click(notifications)
    notice = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=re.compile("published"))
    )
    expect(notice).to_contain_text("Your post is now published")
    expect(notice).to_contain_text("A moderator has read it")
    screenshot("notice-published")
    person.click(notice.get_by_role("link", name="See your post"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    person.click(page.get_by_text("This story has a content note"))
    expect(page.get_by_text("I miss her.")).to_be_visible()
    expect(page.get_by_role("note")).to_have_count(0)
