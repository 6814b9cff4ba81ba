import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_newcomer_signs_up_verifies_and_lands_signed_in(live_server, page, screenshot):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("When therapy ends")
    screenshot("home")

    page.get_by_role("link", name="Join", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Endings")
    screenshot("signup")
    page.get_by_label("Email").fill("browser.newcomer@example.org")
    page.get_by_label("Display name").fill("Night Reader")
    page.get_by_label("Password").fill("my therapist moved away")
    page.get_by_label("I am 18 or older.").check()
    page.get_by_label("I agree that Endings may store").check()
    page.get_by_role("button", name="Join Endings").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("When therapy ends")
    expect(page.get_by_text("Welcome back, Night Reader")).to_be_visible()
    expect(page.locator(".account-menu summary")).to_contain_text("Night Reader")
    screenshot("home-signed-in")

    page.locator(".account-menu summary").click()
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your settings")
    screenshot("settings")
