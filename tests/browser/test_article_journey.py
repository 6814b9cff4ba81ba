"""Issue 5: a reader who has not joined reads an article, follows "Discuss this article",
and is asked to sign in before replying; signing in brings them back to the discussion."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.services import role_grant
from endings.articles import services
from endings.articles.models import Article
from forum.models import Category
from tests.browser.test_story_journey import sign_in
from tests.factories import MemberFactory
from tests.forum.conftest import reply

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]

TITLE = "Starting again with someone new"
BODY = "\n\n".join(
    f"## Part {n}\n\n" + "Looking for a new therapist after a loss takes courage. " * 45 for n in range(1, 5)
)


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def javascript(request):
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, javascript, live_server):
    return {**browser_context_args, "java_script_enabled": javascript, "base_url": live_server.url}


@pytest.fixture
def published_article(settings):
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    settings.MODERATION_HOLD_LINKS_DAYS = 0
    editor = MemberFactory(display_name="Juniper Editor")
    editor.date_joined = timezone.now() - timedelta(days=90)
    editor.save(update_fields=["date_joined"])
    role_grant(email=editor.email, role="editor")
    article = services.article_save(
        editor=editor,
        article=Article(
            title=TITLE,
            standfirst="Some practical steps, and permission to go at your own pace.",
            body=BODY,
            discussion_category=Category.objects.get(slug="starting-again"),
        ),
        topics=["new-therapist", "grief"],
        authors=[editor],
    )
    services.article_transition(editor=editor, article=article, state=Article.State.PUBLISHED)
    article.refresh_from_db()
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
