"""Every main page type, scanned by axe-core against WCAG 2.2 AA at 390 and 1280 px wide,
and photographed at both widths.

The pages carry real content: a story with a content note, replies three deep, a reply
from a blocked member and one with a muted word folded away, notifications and messages,
a moderation queue with an at-risk report and a held first post, an article and its
discussion. Three tests (signed out, member, moderator) share one way of building it.

Each page's results by impact go to `axe-results.json` in the test's output folder;
with SCREENSHOTS_DIR set (`make screenshots`), the screenshots and a README.md index
listing the same results go there too.
"""

import json
import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.axe import BLOCKING, axe_scan, describe, impact_counts
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.content import a_month_old_member, publish_article, sign_in, sign_in_as_moderator
from tests.forum.moderation_fixtures import make_moderator

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data", "tasks_in_process"),
]

WIDTHS = (("390", PHONE), ("1280", DESKTOP))
STORY_TITLE = "She retired, and I never got to say goodbye"
# Long enough (over 600 words, three sections) for the article's table of contents.
SENTENCES = [
    "There is no rule for how soon you should look for someone new.",
    "Some people start within weeks; others wait a year, and both are fine.",
    "It can help to write down what you miss, and what you would want to be different.",
    "A first session with a new therapist is allowed to feel strange, even disloyal.",
    "You can tell them about the ending, and about the person you lost.",
    "Many therapists offer a short call first, so you can hear how they talk.",
    "Ask how they work, how often you would meet, and what happens when it is time to stop.",
    "If the first person is not right, trying a second is not a failure.",
]
ARTICLE_BODY = "\n\n".join(
    f"## {heading}\n\n" + "\n\n".join(" ".join(SENTENCES[n:] + SENTENCES[:n]) for n in range(3))
    for heading in ("When you are ready", "Finding someone", "The first sessions")
)
PUBLIC_TITLE = "Six months on, starting again with someone new"
# Every test's results, for the index `make screenshots` writes (rewritten as each test finishes).
RESULTS = {}


@pytest.fixture
def javascript():
    # axe runs as a script in the page, so the tour is made with JavaScript on.
    return True


@pytest.fixture
def browser_context_args(browser_context_args, live_server):
    # bypass_csp: the site's CSP rightly refuses injected scripts, and axe is one.
    return {**browser_context_args, "bypass_csp": True, "base_url": live_server.url, "locale": "en-GB"}


def build_site(settings):
    """The content every page type shows, made through the services."""
    from accounts.models import Notice
    from accounts.notices import notice_send
    from accounts.services import block_create, reading_preferences_update
    from forum import services
    from forum.models import Category, Post
    from forum.services import queue
    from forum.services.moderation import queue_item_act
    from forum.services.reactions import reaction_toggle

    abrupt = Category.objects.get(slug="ended-abruptly")
    public = Category.objects.get(slug="starting-again")
    reader = a_month_old_member("Willow Reader", country="GB")
    teller = a_month_old_member("Harbour Light")
    listener = a_month_old_member("Quiet Fern")
    bramble = a_month_old_member("Loud Bramble")
    moderator = make_moderator("Mod Alder")
    article = publish_article(body=ARTICLE_BODY)
    earlier = timezone.now() - timedelta(days=2)

    story = services.thread_create(
        author=teller,
        category=abrupt,
        title=STORY_TITLE,
        body=(
            "After eleven years she wrote to say she was retiring. **One more session**, "
            "and then nothing.\n\n"
            "> I hope you will find someone new.\n\nI keep rereading the letter."
        ),
        ending="retired",
        content_note="death",
        now=earlier,
    )
    opening = Post.objects.get(thread=story, depth=0)
    first = services.reply_create(
        author=listener, parent=opening, body="Mine retired too. The letter part is so hard.", now=earlier
    )
    second = services.reply_create(
        author=teller, parent=first, body="Thank you. Did it get easier for you?", now=earlier
    )
    services.reply_create(
        author=reader, parent=second, body="It did for me, slowly. Writing here helped.", now=earlier
    )
    services.reply_create(author=bramble, parent=opening, body="You should just move on.", now=earlier)
    services.reply_create(
        author=listener, parent=opening, body="The anniversary of the last session is the worst.", now=earlier
    )
    reaction_toggle(member=reader, post=opening, kind="support")
    reaction_toggle(member=listener, post=opening, kind="me_too")
    # The reader follows the story (they replied); a new reply makes a notification.
    services.reply_create(author=listener, parent=opening, body="Thinking of you tonight.")
    block_create(blocker=reader, blocked=bramble)
    reading_preferences_update(member=reader, muted_words=["anniversary"], show_content_notes=False)

    public_story = services.thread_create(
        author=listener,
        category=public,
        title=PUBLIC_TITLE,
        body="It took me six months to look for someone new. This is how it went.",
        ending="retired",
        now=earlier,
    )
    services.reply_create(
        author=teller, parent=Post.objects.get(thread=public_story, depth=0), body="This gives me hope."
    )
    notice_send(
        recipient=reader,
        kind=Notice.Kind.REPORT_OUTCOME,
        title="About a post you reported",
        body="Thank you for telling us. A moderator read it and has offered support.",
    )

    # The moderators' queue: an at-risk report, a spam report acted on, a newcomer's held story.
    queue.report_create(reporter=reader, post=first, reason="at_risk", note="This worries me.")
    spam = queue.report_create(
        reporter=listener, post=Post.objects.get(thread=public_story, depth=1), reason="spam"
    )
    queue_item_act(
        moderator=moderator,
        item_id=spam.pk,
        version=spam.version,
        action="keep",
        reason="Not spam: a kind reply.",
    )
    settings.MODERATION_HOLD_FIRST_POSTS = 2
    newcomer = a_month_old_member("New Rowan")
    services.thread_create(
        author=newcomer,
        category=abrupt,
        title="My first time writing about it",
        body="I do not really know where to start.",
        ending="abrupt",
    )
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    return {
        "reader": reader,
        "teller": teller,
        "moderator": moderator,
        "article": article,
        "story": story,
        "public_story": public_story,
    }


# When the page scrolls sideways: the elements reaching past the right edge of the window.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return "";
  const past = [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .map(el => el.tagName.toLowerCase()
      + (el.className ? "." + String(el.className).split(" ").join(".") : "")
      + " " + Math.round(el.getBoundingClientRect().right) + "px");
  return document.documentElement.scrollWidth + "px wide: " + past.slice(-8).join(", ");
}"""


class Tour:
    """Visits pages, scanning and photographing each; `finish()` reports what it found."""

    def __init__(self, page, output_path):
        self.page = page
        self.output_path = output_path
        self.results = {}
        self.problems = []

    def visit(self, name, path=None, check=None):
        """Open `path` (or stay), then at each width: scan with axe, check for sideways
        scrolling and take a full-page screenshot."""
        page = self.page
        if path is not None:
            page.goto(path)
        expect(page.locator("h1").first).to_be_visible()
        if check:
            check(page)
        parts = urlsplit(page.url)
        record = {"path": parts.path + (f"?{parts.query}" if parts.query else ""), "widths": {}}
        for label, size in WIDTHS:
            page.set_viewport_size(size)
            violations = axe_scan(page)
            wcag = [v for v in violations if v["wcag"]]
            others = [v for v in violations if not v["wcag"]]
            record["widths"][label] = {
                "wcag": impact_counts(wcag),
                "wcag_rules": rules(wcag),
                "best_practice": impact_counts(others),
                "best_practice_rules": rules(others),
            }
            blocking = [v for v in wcag if v["impact"] in BLOCKING]
            if blocking:
                self.problems.append(f"{name} at {label} px, axe:\n{describe(blocking)}")
            too_wide = page.evaluate(TOO_WIDE)
            if too_wide:
                # WCAG 1.4.10 Reflow: nothing should need scrolling sideways at 320 CSS px and up.
                self.problems.append(f"{name} at {label} px scrolls sideways: {too_wide}")
            for folder in filter(None, (self.output_path, os.environ.get("SCREENSHOTS_DIR"))):
                Path(folder).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=os.path.join(folder, f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size(DESKTOP)  # back to the desktop width for the next page
        self.results[name] = record

    def finish(self):
        Path(self.output_path).mkdir(parents=True, exist_ok=True)
        Path(self.output_path, "axe-results.json").write_text(
            json.dumps(self.results, indent=2, sort_keys=True)
        )
        RESULTS.update(self.results)
        if folder := os.environ.get("SCREENSHOTS_DIR"):
            write_index(Path(folder))
        assert not self.problems, "accessibility problems:\n" + "\n".join(self.problems)


@pytest.fixture
def tour(page, output_path):
    return Tour(page, output_path)


def rules(violations):
    return sorted(f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in violations)


def write_index(folder):
    lines = [
        "# Screenshots",
        "",
        "Made by `make screenshots` (tests/browser/test_accessibility.py): every main page type at 390 and",
        "1280 px wide, with what axe-core found on it. The counts are elements affected, by impact",
        "(critical / serious / moderate / minor): first against WCAG 2.2 AA, which the tests hold at zero",
        "serious or critical, then axe's best practices beyond WCAG, recorded only.",
        "",
        "| page | address | WCAG 2.2 AA, 390 / 1280 px | best practice, 390 / 1280 px | screenshots |",
        "|---|---|---|---|---|",
    ]
    for name in sorted(RESULTS):
        record = RESULTS[name]
        cells = []
        for kind in ("wcag", "best_practice"):
            per_width = []
            for label, _ in WIDTHS:
                found = record["widths"][label]
                counts = " / ".join(str(n) for n in found[kind].values())
                named = ", ".join(found[f"{kind}_rules"])
                per_width.append(counts + (f" ({named})" if named else ""))
            cells.append(per_width[0] if per_width[0] == per_width[1] else " · ".join(per_width))
        shots = " · ".join(f"[{label}]({name}-{label}.png)" for label, _ in WIDTHS)
        lines.append(f"| {name} | `{record['path']}` | {cells[0]} | {cells[1]} | {shots} |")
    (folder / "README.md").write_text("\n".join(lines) + "\n")


def test_pages_for_a_reader_who_has_not_joined(page, tour, settings):
    site = build_site(settings)
    tour.visit("01-home", "/")
    tour.visit(
        "02-get-help-now",
        "/help/",
        check=lambda p: expect(p.get_by_role("heading", name="Help in United Kingdom")).to_be_visible(),
    )
    tour.visit("03-stories-signed-out", "/stories/")
    tour.visit("04-story-public-signed-out", site["public_story"].get_absolute_url())
    tour.visit("05-articles", "/articles/")
    tour.visit("06-article", site["article"].get_absolute_url())
    tour.visit("07-sign-in", "/accounts/login/")
    tour.visit("08-join", "/accounts/signup/")
    tour.visit("09-guidelines", "/guidelines/")
    tour.visit("10-not-found", "/stories/999999/")
    tour.finish()


def test_pages_for_a_member(page, tour, settings):
    site = build_site(settings)
    sign_in(page, site["reader"])
    story = site["story"]
    tour.visit("20-home-signed-in", "/")
    tour.visit("21-stories", "/stories/")
    tour.visit("22-category", story.category.get_absolute_url())

    def folded(p):
        expect(p.get_by_text("Hidden: you blocked this member")).to_be_visible()
        expect(p.get_by_text(re.compile("Hidden: it contains a word you muted"))).to_be_visible()

    tour.visit("23-story", story.get_absolute_url(), check=folded)
    page.get_by_text("This story has a content note").click()
    tour.visit("24-story-content-note-open")
    tour.visit("25-tell-your-story", "/stories/new/")
    tour.visit("26-search", "/stories/search/?q=retired")
    tour.visit("27-notifications", "/stories/notifications/")
    tour.visit("28-profile", f"/stories/members/{site['teller'].pk}/")
    for n, (name, path) in enumerate(
        [
            ("settings", "/members/settings/"),
            ("settings-profile", "/members/settings/profile/"),
            ("settings-what-you-see", "/members/settings/reading/"),
            ("settings-email", "/email/"),
            ("settings-blocked", "/members/settings/blocked/"),
            ("settings-break", "/members/settings/break/"),
            ("settings-data", "/members/settings/data/"),
        ],
        start=30,
    ):
        tour.visit(f"{n}-{name}", path)
    tour.visit("37-article-signed-in", site["article"].get_absolute_url())
    tour.finish()


def test_pages_for_a_moderator(page, tour, settings):
    from forum.models import QueueItem

    site = build_site(settings)
    sign_in_as_moderator(page, site["moderator"])
    at_risk = QueueItem.objects.get(post__thread=site["story"], post__depth=1)
    tour.visit(
        "40-moderation-queue",
        "/moderation/",
        check=lambda p: expect(p.locator(".queue-item").first).to_contain_text("Someone may be at risk"),
    )
    tour.visit("41-moderation-item", f"/moderation/item/{at_risk.pk}/")
    page.locator("details.mod-action").first.locator("summary").click()
    tour.visit("42-moderation-item-action-open")
    tour.visit("43-moderation-dashboard", "/moderation/dashboard/")
    tour.visit("44-moderation-audit", "/moderation/audit/")
    tour.visit("45-moderation-rules", "/moderation/rules/")
    tour.visit("46-moderation-member", f"/moderation/members/{site['teller'].pk}/")
    tour.finish()
