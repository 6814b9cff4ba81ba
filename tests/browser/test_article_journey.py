"""Issues 5 and 8: a reader who has not joined reads an article, follows "Discuss this article",
and is asked to sign in before replying; signing in brings them back to the discussion. A reader
reads an article and opens "Get help now", finding the lines for their country (by keyboard,
with JavaScript on)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.content import ARTICLE_TITLE as TITLE
from tests.browser.content import publish_article
from tests.browser.person import Person
from tests.browser.test_story_journey import sign_in
from tests.factories import MemberFactory
from tests.forum.conftest import reply

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # A British reader: the browser asks for en-GB, which is how the site guesses their country.
    return {**browser_context_args, "locale": "en-GB"}


@pytest.fixture
def published_article(settings):
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    settings.MODERATION_HOLD_LINKS_DAYS = 0
    article = publish_article()
    opening = article.discussion_thread.posts.get(depth=0)
    for name in ("Quiet Fern", "Harbour Light"):
        reply(opening, MemberFactory(display_name=name), body=f"{name}: this helped me.")
    return article


def test_a_reader_reads_an_article_then_is_asked_to_sign_in_to_reply(page, published_article, screenshot):
    page.goto("/articles/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("navigation", name="In this article")).to_be_visible()
    page.get_by_role("navigation", name="In this article").get_by_role("link", name="Part 3").click()
    expect(page).to_have_url(re.compile(r"#section-part-3$"))
    expect(page.get_by_text("2 people have replied so far.")).to_be_visible()
    screenshot("article-signed-out")

    page.get_by_role("link", name=re.compile(r"^Discuss this article")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("link", name=TITLE)).to_have_attribute(
        "href", published_article.get_absolute_url()
    )
    expect(page.get_by_text("Quiet Fern: this helped me.")).to_be_visible()
    expect(page.get_by_label("Your reply")).to_have_count(0)
    join = page.get_by_role("region", name="Join the conversation")
    expect(join).to_contain_text("to reply")
    screenshot("article-discussion-signed-out")

    join.get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    member = MemberFactory(display_name="New Reader")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password", exact=True).fill("a-long-enough-test-password")
    page.get_by_role("button", name="Sign in").click()
    # Back on the discussion, now with somewhere to write.
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_label("Your reply").first).to_be_visible()


def test_a_member_reads_an_article_and_comes_back_from_the_discussion(page, published_article):
    sign_in(page, MemberFactory(display_name="Willow Reader"))
    page.goto(published_article.get_absolute_url())
    page.get_by_role("link", name=re.compile(r"^Discuss this article")).click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page).to_have_url(re.compile(re.escape(published_article.get_absolute_url()) + "$"))


def test_a_reader_reads_an_article_then_finds_help_for_their_country(page, published_article, javascript):
    person = Person(page, keyboard=javascript)
    page.goto("/")
    main_nav = page.get_by_role("navigation", name="Main")
    person.click(main_nav.get_by_role("link", name="Articles"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles")
    person.click(page.get_by_role("link", name=TITLE))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("heading", name="Part 4")).to_be_attached()

    person.click(main_nav.get_by_role("link", name="Get help now"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    # Two or three lines for the country the browser's language names, never a wall.
    lines = page.get_by_role("region", name="Help in United Kingdom").get_by_role("listitem")
    expect(lines).to_have_text(
        [
            re.compile(r"^\s*Samaritans\W+Call 116 123, free"),
            re.compile(r"^\s*Shout\W+Text SHOUT to 85258"),
            re.compile(r"^\s*Emergency services\W+Call 999"),
        ]
    )
    expect(lines.first.get_by_role("link", name="Call 116 123, free")).to_have_attribute("href", "tel:116123")

    # Somewhere else: the reader chooses their country, and the footer follows the choice.
    person.select(page.get_by_label("Show help lines for"), label="Ireland")
    person.click(page.get_by_role("button", name="Show lines"))
    lines = page.get_by_role("region", name="Help in Ireland").get_by_role("listitem")
    expect(lines).to_have_count(3)
    expect(lines.nth(1)).to_contain_text("Pieta")
    page.goto("/articles/")
    footer_lines = page.get_by_role("region", name="If you need to talk to someone now").get_by_role(
        "listitem"
    )
    expect(footer_lines).to_have_count(3)
    expect(footer_lines.nth(1)).to_contain_text("Pieta")
