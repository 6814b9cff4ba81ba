"""What the browser journeys and the page tour share: members, an article, signing in."""

import re
import time
from datetime import timedelta

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.utils import timezone
from playwright.sync_api import expect

from accounts.services import role_grant
from tests.factories import PASSWORD, MemberFactory

ARTICLE_TITLE = "Starting again with someone new"
ARTICLE_BODY = "\n\n".join(
    f"## Part {n}\n\n" + "Looking for a new therapist after a loss takes courage. " * 45 for n in range(1, 5)
)


def a_month_old_member(name, **fields):
    """A member past their first week (so not throttled as a newcomer)."""
    member = MemberFactory(display_name=name, **fields)
    member.date_joined = timezone.now() - timedelta(days=30)
    member.save(update_fields=["date_joined"])
    return member


def publish_article(*, title=ARTICLE_TITLE, body=ARTICLE_BODY, category_slug="starting-again", editor=None):
    """A live article with its discussion opened in `category_slug`, written by an editor."""
    from endings.articles import services
    from endings.articles.models import Article
    from forum.models import Category

    if editor is None:
        editor = MemberFactory(display_name="Juniper Editor")
        editor.date_joined = timezone.now() - timedelta(days=90)
        editor.save(update_fields=["date_joined"])
    role_grant(email=editor.email, role="editor")
    article = services.article_save(
        editor=editor,
        article=Article(
            title=title,
            standfirst="Some practical steps, and permission to go at your own pace.",
            body=body,
            discussion_category=Category.objects.get(slug=category_slug),
        ),
        topics=["new-therapist", "grief"],
        authors=[editor],
    )
    services.article_transition(editor=editor, article=article, state=Article.State.PUBLISHED)
    article.refresh_from_db()
    return article


def totp_code(member):
    """The authenticator code a moderator's phone would show now.

    Like a person who sees the code is about to change, it waits for the next one
    when fewer than 5 seconds are left, so the code is still current when the
    form reaches the server (the site accepts only the current period's code).
    """
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 5:
        time.sleep(left + 0.1)
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(member.totp_secret, counter))


def sign_in(page, member, *, person=None, signed_in=True):
    """Sign in through the form (by keyboard when `person` drives the keyboard)."""
    page.goto("/accounts/login/")
    if person is None:
        page.get_by_label("Email").fill(member.email)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
    else:
        person.fill(page.get_by_label("Email"), member.email)
        person.fill(page.get_by_label("Password", exact=True), PASSWORD)
        person.click(page.get_by_role("button", name="Sign in"))
    if signed_in:
        expect(page.get_by_role("link", name=re.compile("^Notifications"))).to_be_visible()


def sign_in_as_moderator(page, moderator, *, person=None):
    """Password, then the code from the authenticator (tests/forum/moderation_fixtures.make_moderator)."""
    sign_in(page, moderator, person=person, signed_in=False)
    code = page.get_by_label(re.compile("Authenticator code|Code", re.I))
    expect(code).to_be_visible()
    button = page.get_by_role("button", name=re.compile("Sign in|Confirm|Verify", re.I))
    if person is None:
        code.fill(totp_code(moderator))
        button.click()
    else:
        person.fill(code, totp_code(moderator))
        person.click(button)
    expect(page.get_by_role("link", name=re.compile("^Notifications"))).to_be_visible()
