"""Issues 7 and 8 in a real browser: blocking a member and muting a word, then reading the story
with their posts folded away and the reason shown, and the digest email about it, stopped by its
one-click unsubscribe as a mail app would; taking a break; deleting an account then changing
one's mind. With JavaScript on, the block and mute journey is done by keyboard only."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import AccountDeletion, Block
from endings.digests.models import EmailPreferences
from forum.models import Category, Post
from tests.browser import content
from tests.browser.person import Person
from tests.digests.conftest import earlier, run_digests, wants
from tests.factories import PASSWORD, MemberFactory
from tests.forum.conftest import make_story

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]


def sign_in(page, member):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name=re.compile("^Notifications"))).to_be_visible()


def expect_signed_out(page):
    page.goto("/members/settings/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def open_settings_page(page, link_name):
    page.goto("/members/settings/")
    page.get_by_role("navigation", name="Settings").get_by_role("link", name=link_name).click()


def test_take_a_break_then_come_back(page, new_context, screenshot):
    member = MemberFactory(display_name="Willow Breaks")
    elsewhere = new_context().new_page()
    sign_in(elsewhere, member)
    sign_in(page, member)

    open_settings_page(page, "Take a break")
    expect(page.get_by_role("heading", level=1)).to_have_text("Take a break")
    page.get_by_label("Until I come back").check()
    screenshot("take-a-break")
    page.get_by_role("button", name="Start my break and sign out").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your break has started")
    expect(page.get_by_role("link", name="Sign in", exact=True).first).to_be_visible()
    member.refresh_from_db()
    assert member.is_on_break()
    # Signed out on the other browser too.
    expect_signed_out(elsewhere)
    expect_signed_out(page)

    sign_in(page, member)
    expect(page.get_by_text(re.compile(r"^Welcome back\. We hope the break did you good\."))).to_be_visible()
    screenshot("welcome-back")
    member.refresh_from_db()
    assert not member.is_on_break()


def test_delete_account_then_cancel_by_signing_in(page, new_context, screenshot):
    member = MemberFactory(display_name="Rowan Leaves")
    elsewhere = new_context().new_page()
    sign_in(elsewhere, member)
    sign_in(page, member)

    open_settings_page(page, "Delete account")
    # Asked for the password again first.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Confirm|Continue|Reauthenticate", re.I)).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your account")
    page.get_by_role("button", name="Delete my account").click()
    # Nothing chosen: a kind message, nothing happens.
    expect(page.get_by_text("Please choose what should happen to your words.").first).to_be_visible()
    assert not AccountDeletion.objects.exists()

    page.get_by_label(re.compile("Keep my words, anonymously")).check()
    page.get_by_label("I understand that after 7 days this cannot be undone.").check()
    screenshot("delete-account")
    page.get_by_role("button", name="Delete my account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Your account will be deleted on ")
    )
    screenshot("deletion-requested")
    deletion = AccountDeletion.objects.get()
    assert deletion.status == "pending" and deletion.choice == "anonymise"
    expect_signed_out(elsewhere)

    # Changing one's mind: signing in cancels it.
    sign_in(page, member)
    expect(page.get_by_text(re.compile(r"^Welcome back\. Your account will not be deleted"))).to_be_visible()
    deletion.refresh_from_db()
    assert deletion.status == "cancelled"
    page.goto("/members/settings/")
    expect(page.get_by_text(member.email)).to_be_visible()


def test_block_a_member_and_mute_a_word_then_read_with_their_posts_folded(
    page, javascript, screenshot, playwright, live_server
):
    from forum.services import reply_create

    person = Person(page, keyboard=javascript)
    reader = content.a_month_old_member("Willow Reader")
    teller = content.a_month_old_member("Harbour Light")
    bramble = content.a_month_old_member("Loud Bramble")
    fern = content.a_month_old_member("Quiet Fern")
    story = make_story(teller, Category.objects.get(slug="ended-abruptly"), title="The last session")
    opening = Post.objects.get(thread=story, depth=0)
    # The replies came in a couple of hours ago, inside the window of the digest sent below
    # (tests/digests/conftest.py: due at a quarter past the hour before last).
    due = (timezone.now() - timedelta(hours=1)).replace(minute=15, second=0, microsecond=0)
    wants(reader, hour=due.hour)  # a daily summary, chosen long ago, discreet
    for author, body in (
        (bramble, "You should be over this by now."),
        (fern, "The anniversary of our last session was hard."),
        (fern, "Thinking of you."),
    ):
        reply_create(author=author, parent=opening, body=body, now=earlier(due))

    # 1. Block a member from their profile.
    content.sign_in(page, reader, person=person)
    page.goto(story.get_absolute_url())
    expect(page.get_by_text("You should be over this by now.")).to_be_visible()
    person.click(
        page.get_by_role("article", name="Loud Bramble").get_by_role("link", name="Loud Bramble", exact=True)
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Loud Bramble")
    person.click(page.locator("summary", has_text="Block Loud Bramble"))
    person.click(page.get_by_role("button", name="Block Loud Bramble"))
    expect(page.locator(".message")).to_contain_text("You blocked Loud Bramble.")
    expect(page.get_by_role("button", name="Unblock Loud Bramble")).to_be_visible()
    assert Block.objects.filter(blocker=reader, blocked=bramble).exists()

    # 2. Mute a word, in the settings.
    person.click(page.locator(".account-menu summary"))
    person.click(page.get_by_role("link", name="Settings"))
    person.click(page.get_by_role("navigation", name="Settings").get_by_role("link", name="What you see"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What you see")
    person.fill(page.get_by_label("Muted words"), "anniversary")
    person.click(page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Saved. Stories and replies will be shown to you this way")).to_be_visible()

    # 3. The story: both posts are folded away, each with its reason, and can still be opened.
    page.goto(story.get_absolute_url())
    blocked_fold = page.locator("details.folded").filter(has_text="you blocked this member")
    muted_fold = page.locator("details.folded").filter(has_text="it contains a word you muted")
    expect(blocked_fold.locator("summary")).to_have_text(re.compile(r"^\s*Hidden: you blocked this member\."))
    expect(muted_fold.locator("summary")).to_have_text(
        re.compile(r"^\s*Hidden: it contains a word you muted\.")
    )
    expect(page.get_by_text("You should be over this by now.")).to_be_hidden()
    expect(page.get_by_text("The anniversary of our last session was hard.")).to_be_hidden()
    expect(page.get_by_text("Thinking of you.")).to_be_visible()
    screenshot("story-folded")
    person.click(muted_fold.locator("summary"))
    expect(page.get_by_text("The anniversary of our last session was hard.")).to_be_visible()
    expect(page.get_by_text("You should be over this by now.")).to_be_hidden()
    person.click(page.get_by_role("button", name="Follow this story"))
    expect(page.get_by_role("button", name="Stop following")).to_be_visible()

    # 4. The daily digest tells of the replies, but not the blocked member's, and names no story.
    mail.outbox.clear()
    run_digests(due)
    assert [message.to for message in mail.outbox] == [[reader.email]]
    digest = mail.outbox[0]
    assert "A story you follow: 2 new replies" in digest.body
    assert "The last session" not in digest.body + digest.subject

    # 5. Its one-click unsubscribe, as a mail app sends it: a POST with no cookies, no CSRF token.
    unsubscribe_url = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mail_app = playwright.request.new_context()
    try:
        answer = mail_app.post(
            live_server.url + re.sub(r"^https?://[^/]+", "", unsubscribe_url),
            form={"List-Unsubscribe": "One-Click"},
            max_redirects=0,
        )
        assert answer.status == 200
        assert "We have stopped the summary emails" in answer.text()
    finally:
        mail_app.dispose()
    assert EmailPreferences.objects.get(member=reader).digest == EmailPreferences.Digest.OFF
    # And the member sees it on their email settings.
    person.click(page.locator(".account-menu summary"))
    person.click(page.get_by_role("link", name="Settings"))
    person.click(
        page.get_by_role("navigation", name="Settings").get_by_role("link", name="Email", exact=True)
    )
    expect(page.get_by_label("No summary")).to_be_checked()
