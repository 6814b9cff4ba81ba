"""Issue 7 in a real browser: taking a break, and deleting an account then changing one's mind."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import AccountDeletion
from tests.factories import PASSWORD, MemberFactory

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
