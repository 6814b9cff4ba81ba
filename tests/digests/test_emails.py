"""Every email: text and HTML, help lines, links from SITE_URL, one-click unsubscribe headers;
discreet emails carry no titles and no words from posts."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core import mail

from endings.digests.models import Delivery
from forum import services as forum_services
from tests.digests.conftest import earlier, make_story, opening, reply, run_digests, wants

pytestmark = pytest.mark.django_db

TITLE = "The letter that ended nine years"
REPLY_TEXT = "I read mine in a hospital corridor"
NEW_STORY_TITLE = "Her voicemail on a Sunday"
NEW_STORY_TEXT = "The message was forty seconds long"


@pytest.fixture
def busy_day(reader, writer, followed_story, members_category, due):
    reply(opening(followed_story), writer, body=f"{REPLY_TEXT}, and I still think of it.", now=earlier(due))
    forum_services.category_follow_set(member=reader, category=members_category, following=True)
    make_story(writer, members_category, title=NEW_STORY_TITLE, body=f"{NEW_STORY_TEXT}.", now=earlier(due))


def parts(message):
    html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert len(html) == 1
    return message.body, html[0]


class _StyleFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.styled = 0
        self.head_styles = 0

    def handle_starttag(self, tag, attrs):
        if tag == "style":
            self.head_styles += 1
        if dict(attrs).get("style"):
            self.styled += 1


def test_discreet_digest_has_no_titles_or_post_text_anywhere(reader, busy_day, due):
    run_digests(due)

    (message,) = mail.outbox
    text, html = parts(message)
    raw = message.message().as_string()
    for secret in (TITLE, REPLY_TEXT, NEW_STORY_TITLE, NEW_STORY_TEXT, "voicemail", "nine years"):
        assert secret not in message.subject
        assert secret not in text
        assert secret not in html
        assert secret not in raw
    # Counts and links instead.
    assert "1 new reply" in text and "A story you follow" in text
    assert "NEW STORIES IN CATEGORIES YOU FOLLOW: 1" in text
    # Links carry no title either: stories are linked by number only.
    assert all(not re.search(r"/stories/\d+/[a-z]", link) for link in re.findall(r"https?://\S+", text))


def test_non_discreet_digest_names_the_stories(reader, busy_day, due):
    wants(reader, hour=due.hour, discreet=False)
    run_digests(due)
    text, html = parts(mail.outbox[0])
    assert TITLE in text and TITLE in html
    assert NEW_STORY_TITLE in text
    # Still never the words of a post.
    assert REPLY_TEXT not in text and NEW_STORY_TEXT not in html


def test_a_title_with_a_muted_word_is_not_repeated_even_when_not_discreet(reader, busy_day, due):
    wants(reader, hour=due.hour, discreet=False)
    type(reader).objects.filter(pk=reader.pk).update(muted_words="voicemail")
    run_digests(due)
    text, _ = parts(mail.outbox[0])
    assert NEW_STORY_TITLE not in text
    assert "A new story" in text
    assert TITLE in text


def test_every_email_has_both_parts_help_lines_preferences_and_unsubscribe(reader, busy_day, due, settings):
    settings.SITE_URL = "https://endings.example.org"
    run_digests(due)

    (message,) = mail.outbox
    text, html = parts(message)
    # Help lines for the reader's country (GB), in both parts.
    for part in (text, html):
        assert "Samaritans" in part
        assert "116 123" in part
        assert "https://endings.example.org/email/" in part
        assert "https://endings.example.org/email/unsubscribe/" in part
    # Links are absolute, from SITE_URL.
    assert "https://endings.example.org/stories/post/" in text
    headers = message.extra_headers
    assert re.fullmatch(
        r"<https://endings\.example\.org/email/unsubscribe/[^>\s]+/>", headers["List-Unsubscribe"]
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["Message-ID"].endswith("@endings.example.org>")
    # Styled inline (a <style> block adds only dark-mode colours); it says it supports dark mode.
    finder = _StyleFinder()
    finder.feed(html)
    assert finder.styled > 10
    assert finder.head_styles == 1
    assert '<meta name="color-scheme" content="light dark">' in html
    assert "prefers-color-scheme: dark" in html


def test_the_message_id_is_the_same_for_every_attempt_at_one_delivery(reader, busy_day, due):
    run_digests(due)
    delivery = Delivery.objects.get(member=reader)
    assert delivery.message_id == mail.outbox[0].extra_headers["Message-ID"]
    assert str(delivery.pk) in delivery.message_id


def test_help_lines_follow_the_members_country(reader, busy_day, due):
    type(reader).objects.filter(pk=reader.pk).update(country="US")
    run_digests(due)
    text, _ = parts(mail.outbox[0])
    assert "988" in text
    assert "Samaritans" not in text


def test_a_weekly_digest_says_so(reader, writer, followed_story, due):
    wants(reader, digest="weekly", hour=due.hour, weekday=due.weekday())
    reply(opening(followed_story), writer, now=due - timedelta(days=5))
    run_digests(due)
    (message,) = mail.outbox
    assert message.subject == "Your weekly summary from Endings"
    assert Delivery.objects.get(member=reader).period.startswith("week:")
