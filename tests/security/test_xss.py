"""Cross-site scripting: every attack string, through every input shown to others, rendered in Chromium.

The strings are the Big List of Naughty Strings plus the vectors in xss_vectors.txt
(payloads.py). Each is submitted through the site's own forms, as the person who
would type it (a member, a reporter, a moderator, an editor, a reader searching),
packed several to a field where the field allows, so a few hundred requests carry
them all. Every page that shows them to someone else (and the forms that echo them
back) is captured as that viewer sees it and checked twice:

- in the HTML: no element, attribute or address that member text could have made
  (payloads.injected), and stored HTML that the sanitizer leaves exactly as it is;
- in Chromium, with the Content-Security-Policy switched off (so the escaping is
  tested on its own, not hidden behind the CSP): no dialog, no payload's flag
  set, no request to any other origin.
"""

import os
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import sync_playwright

from accounts.forms import MemberSettingsForm
from accounts.models import User
from accounts.services import role_grant
from endings.articles.models import Article
from forum import limits, search_throttle
from forum.markup import sanitize
from forum.models import Category, Post, QueueItem, Thread
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS
from tests.factories import MemberFactory
from tests.forum.moderation_fixtures import make_moderator
from tests.security.payloads import (
    FLAG,
    FOREIGN_HOST,
    all_payloads,
    fit,
    injected,
    naughty_strings,
    single_line,
    xss_vectors,
)

# Playwright's sync API runs an event loop in this thread; the ORM calls around it are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ORIGIN = "http://testserver"
BATCH = 40  # captured pages shown at once in Chromium, each in its own frame


def pack(texts, limit, *, sep=" ", one_line=True):
    """Payloads joined into as few values of at most `limit` characters as possible."""
    values, current = [], ""
    for text in texts:
        # NUL cannot be stored by PostgreSQL: forms refuse it (or strip it, in posts); the
        # rest of such a string still goes in.
        text = fit(single_line(text) if one_line else text, limit).replace("\x00", "")
        joined = f"{current}{sep}{text}" if current else text
        if len(joined) <= limit:
            current = joined
        else:
            values.append(current)
            current = text
    if current:
        values.append(current)
    return values


def established(name, **kwargs):
    person = MemberFactory(display_name=name, **kwargs)
    User.objects.filter(pk=person.pk).update(date_joined=timezone.now() - timedelta(days=400))
    person.refresh_from_db()
    return person


def opening_of(thread):
    return Post.objects.get(thread=thread, depth=0)


def signed_in(person):
    client = Client()
    client.force_login(person)
    return client


class Pages:
    """Pages as their viewers received them: (what, html)."""

    def __init__(self):
        self.captured = []
        self.feeds = []

    def add(self, what, response):
        assert response.status_code in (200, 400, 429), (what, response.status_code)
        self.captured.append((what, response.content.decode()))
        return response

    def get(self, what, client, url, **params):
        return self.add(what, client.get(url, params))


def _stories(pages, writer, reader):
    """Titles, content notes and bodies, through the story form; read by another member."""
    payloads = all_payloads()
    titles = pack(payloads, 140)
    notes = pack(payloads, 60)
    bodies = pack(payloads, 6_000, sep="\n\n", one_line=False)
    category = Category.objects.get(slug="ended-abruptly")
    client = signed_in(writer)
    count = max(len(titles), len(notes), len(bodies))
    for n in range(count):
        response = client.post(
            reverse("forum:story_new"),
            {
                "category": category.pk,
                "title": titles[n % len(titles)],
                "content_note": "other",
                "content_note_other": notes[n % len(notes)],
                "body": bodies[n % len(bodies)] + f"\n\nStory {n}.",
            },
        )
        if response.status_code != 302:  # refused kindly (a form error): the echo is checked too
            pages.add(f"story form {n}", response)
    threads = list(Thread.objects.filter(author=writer).order_by("pk"))
    assert len(threads) >= count * 0.9, f"only {len(threads)} of {count} stories were accepted"
    viewer = signed_in(reader)
    for page in range(1, len(threads) // 25 + 2):
        pages.get(
            f"story list page {page}", viewer, reverse("forum:category", args=[category.slug]), page=page
        )
    # A thread page per body (the title and content note are on each too), and replies to the first.
    for n, thread in enumerate(threads[: len(bodies)]):
        pages.get(f"thread {n}", viewer, thread.get_absolute_url())
    opening = opening_of(threads[0])
    for n, body in enumerate(bodies):
        response = viewer.post(reverse("forum:reply", args=[opening.pk]), {"body": body + f"\n\nReply {n}."})
        assert response.status_code == 302, n
    pages.get("thread with replies", signed_in(writer), threads[0].get_absolute_url())
    pages.get("writer's profile", viewer, reverse("forum:member_profile", args=[writer.pk]))
    return threads


def _display_names(pages, reader, thread):
    """Display names: each string tried in the settings form; the accepted ones reply, for others to see."""
    namer = established("Namer Start")
    client = signed_in(namer)
    # Every string through the settings page's own form class (rendering the refusal page for
    # each would take a minute: its country and time-zone lists are long); the page itself for
    # a sample of refusals, and for each accepted name.
    accepted, refused = [], []
    for text in all_payloads():
        data = {"display_name": fit(text, 60).replace("\x00", ""), "country": "", "time_zone": "UTC"}
        (accepted if MemberSettingsForm(data, instance=namer).is_valid() else refused).append(data)
    for n, data in enumerate(refused[::32]):
        pages.add(f"display name refused {n}", client.post(reverse("accounts:settings"), data))
    opening = opening_of(thread)
    names = []
    for n, data in enumerate(list({d["display_name"].lower(): d for d in accepted}.values())[:60]):
        person = established(f"Placeholder {n}")
        writer = signed_in(person)
        assert writer.post(reverse("accounts:settings"), data).status_code == 302, data
        assert writer.post(reverse("forum:reply", args=[opening.pk]), {"body": "Me too."}).status_code == 302
        names.append(data["display_name"])
    pages.get("names on a thread", signed_in(reader), thread.get_absolute_url())
    return names


def _reports_and_moderation(pages, threads, writer):
    """Report notes (read by moderators), moderator notes on members, and reach-out messages."""
    moderator = make_moderator("XSS Moderator")
    mod = signed_in(moderator)
    notes = pack(all_payloads(), 1_000, sep="\n", one_line=False)
    for n, note in enumerate(notes):
        reporter = established(f"Reporter {n}")
        post = opening_of(threads[n % len(threads)])
        response = signed_in(reporter).post(
            reverse("forum:report", args=[post.pk]), {"reason": "other", "note": note}
        )
        assert response.status_code == 302, n
    items = QueueItem.objects.filter(post__thread__in=threads[: len(notes)]).order_by("pk")
    pages.get("moderation queue", mod, reverse("moderation:queue"))
    for item in items:
        pages.get(f"moderation item {item.pk}", mod, reverse("moderation:item", args=[item.pk]))

    for n, note in enumerate(pack(all_payloads(), 4_000, sep="\n", one_line=False)):
        response = mod.post(reverse("moderation:member", args=[writer.pk]), {"body": note})
        assert response.status_code == 302, n
    pages.get("member notes", mod, reverse("moderation:member", args=[writer.pk]))

    item = items.first()
    for n, message in enumerate(pack(all_payloads(), 4_000, sep="\n", one_line=False)):
        version = QueueItem.objects.get(pk=item.pk).version
        response = mod.post(
            reverse("moderation:act", args=[item.pk]),
            {"version": version, "action": "reach_out", "reason": "Checking in.", "message": message},
        )
        assert response.status_code == 302, (n, response.status_code)
    pages.get("reach-out messages", signed_in(writer), reverse("forum:notifications"))
    pages.get("audit log", mod, reverse("moderation:audit"))


def _articles(pages):
    """Articles through the editor's form, published, read by someone signed out."""
    editor = established("XSS Editor")
    role_grant(email=editor.email, role="editor")
    client = signed_in(editor)
    payloads = all_payloads()
    body = "\n\n".join(payloads).replace("\x00", "")
    titles = pack(payloads, 140)
    standfirsts = pack(payloads, 400)
    kinds = [
        ("original", {"body": body}),
        (
            "curated",
            {
                "source_title": fit(titles[-1], 200),
                "source_author": fit(standfirsts[-1], 200),
                "source_publication": fit(titles[0], 200),
                "source_url": "https://example.org/piece?q=%3Cscript%3E",
                "summary": body,
                "why_chosen": body,
            },
        ),
    ]
    for n, (kind, fields) in enumerate(kinds + [("original", {"body": f"Piece {k}."}) for k in range(4)]):
        response = client.post(
            reverse("articles:new"),
            {
                "kind": kind,
                "title": titles[n % len(titles)],
                "standfirst": standfirsts[n % len(standfirsts)],
                "topics": ["grief"],
                "authors": [editor.pk],
                **fields,
            },
        )
        assert response.status_code == 302, (n, response.context["form"].errors)
    reader = Client()
    for article in Article.objects.order_by("pk"):
        response = client.post(reverse("articles:workflow", args=[article.pk]), {"action": "publish"})
        assert response.status_code == 302
        pages.get(f"article editor {article.pk}", client, reverse("articles:edit", args=[article.pk]))
    assert Article.objects.filter(state=Article.State.PUBLISHED).count() == len(kinds) + 4
    for article in Article.objects.order_by("pk"):
        pages.get(f"article {article.pk}", reader, article.get_absolute_url())
    pages.get("article list", reader, reverse("articles:index"))
    for name in ("articles:feed", "articles:feed_atom"):
        response = reader.get(reverse(name))
        assert response.status_code == 200
        pages.feeds.append((name, response.content))


SNIPPET_QUERIES = [
    "script alert",
    "img onerror",
    "javascript",
    "svg onload",
    "iframe",
    "style",
    "evil.example",
    "onfocus autofocus",
    "href",
    "base64",
]


def _snippet_searches(pages, reader):
    """Searches that find the stories: the results show highlighted snippets of the attacks."""
    member = signed_in(reader)
    for query in SNIPPET_QUERIES:
        response = pages.get(f"search snippets {query}", member, reverse("forum:search"), q=query)
        assert 'class="search-result"' in response.content.decode(), query


def _searches(pages, reader):
    """Search queries, echoed back in the results page (members and signed-out readers).

    Run before the stories exist, so each search is quick; _snippet_searches finds them later.
    """
    queries = pack(all_payloads(), 200)
    member, stranger = signed_in(reader), Client()
    for n, query in enumerate(queries):
        pages.get(f"search {n}", member if n % 2 else stranger, reverse("forum:search"), q=query)
        if n % 4 == 0:  # the same escaping as above, on the articles' own search
            pages.get(f"article search {n}", stranger, reverse("articles:index"), q=query)
    return queries


def _muted_words_and_profile(pages, reader, writer):
    """Muted words (echoed on the member's own settings page) and the "about" text others read."""
    client = signed_in(reader)
    lines = pack(all_payloads(), 60)
    for start in range(0, len(lines), 100):
        response = client.post(
            reverse("accounts:reading"),
            {"content_notes": "fold", "muted_words": "\n".join(lines[start : start + 100])},
        )
        if response.status_code == 302:
            pages.get(f"muted words {start}", client, reverse("accounts:reading"))
        else:
            pages.add(f"muted words refused {start}", response)
    # One word at a time too, so a refusal of one line does not hide the others.
    for n, line in enumerate(lines[:: max(1, len(lines) // 40)]):
        response = client.post(reverse("accounts:reading"), {"content_notes": "fold", "muted_words": line})
        if response.status_code == 302:
            response = client.get(reverse("accounts:reading"))
        pages.add(f"muted word {n}", response)
    pages.get(
        "thread with muted words", client, Thread.objects.filter(author=writer).first().get_absolute_url()
    )
    writer_client = signed_in(writer)
    for n, about in enumerate(pack(all_payloads(), 300, sep="\n", one_line=False)):
        response = writer_client.post(reverse("accounts:profile"), {"about": about, "show_stories": "on"})
        assert response.status_code == 302, n
        if n % 3 == 0:
            pages.get(f"profile {n}", client, reverse("forum:member_profile", args=[writer.pk]))


@pytest.fixture
def attacked_pages(db, monkeypatch):
    """Submit everything, then return the captured pages."""
    monkeypatch.setattr(limits, "limit_for", lambda member, now: limits.PostingLimit(10**6, 10**6))
    monkeypatch.setattr(search_throttle, "SEARCHES_PER_MINUTE", 10**6)
    pages = Pages()
    writer = established("Xss Writer")
    reader = established("Xss Reader")
    _searches(pages, reader)
    threads = _stories(pages, writer, reader)
    _snippet_searches(pages, reader)
    _display_names(pages, reader, threads[1])
    _reports_and_moderation(pages, threads, writer)
    _articles(pages)
    _muted_words_and_profile(pages, reader, writer)
    return pages.captured, pages.feeds


def test_the_attack_strings_are_many(db):
    assert len(xss_vectors()) >= 100
    assert len(naughty_strings()) >= 400
    assert len(all_payloads()) >= 500


def feed_html(feed):
    """What a feed reader shows as HTML: each item's description (RSS) or summary (Atom)."""
    root = ElementTree.fromstring(feed)
    return [
        element.text or ""
        for element in root.iter()
        if element.tag in ("description", "{http://www.w3.org/2005/Atom}summary")
    ]


def check_no_page_turns_member_text_into_markup(pages, feeds):
    problems = [(what, found) for what, html in pages for found in injected(html)]
    for name, feed in feeds:
        shown = feed_html(feed)
        assert len(shown) >= 6, name
        problems += [(name, found) for html in shown for found in injected(html)]
    assert not problems, problems[:20]
    # And the attack strings really are on those pages (escaped), not silently dropped.
    everything = "\n".join(html for _, html in pages)
    assert everything.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 10
    assert len(pages) >= 150


def check_stored_html_is_exactly_what_the_sanitizer_keeps():
    for post in Post.objects.exclude(body_html=""):
        assert sanitize(post.body_html) == post.body_html, post.pk
    # Article headings are moved back up to h2 and given the table of contents' ids after
    # sanitizing (endings/articles/markup.py); undone, the rest must be what the sanitizer keeps.
    heading = re.compile(r'<(/?)h([2-6])(?: id="section-[a-z0-9-]+")?>')
    for article in Article.objects.all():
        for html in (article.body_html, article.summary_html, article.why_chosen_html):
            as_post = heading.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}>", html)
            assert sanitize(as_post) == as_post, article.pk


WATCH = """
(() => {
  const hits = [];
  Object.defineProperty(window, 'FLAG', {
    get() { hits.push('read'); return () => hits.push('called'); },
    set(value) { hits.push('set'); },
    configurable: false,
  });
  window.__xssHits = () => hits.slice();
})();
""".replace("FLAG", FLAG)


@pytest.mark.browser
def test_every_attack_string_through_every_input_stays_text(attacked_pages):
    """One test, because submitting everything is the expensive part: the HTML checks, the stored
    HTML, then each captured page in Chromium, served from this site's origin with its own
    scripts and styles."""
    pages, feeds = attacked_pages
    check_no_page_turns_member_text_into_markup(pages, feeds)
    check_stored_html_is_exactly_what_the_sanitizer_keeps()
    # The site's own files, fetched here (not from the browser's request handler, which runs in
    # Playwright's greenlet, where the ORM would open a connection of its own).
    static, static_files = Client(), {}
    for path in sorted({path for _, html in pages for path in re.findall(r'"(/static/[^"?#]+)', html)}):
        response = static.get(path)
        static_files[path] = {
            "status": response.status_code,
            "headers": {"Content-Type": response.headers.get("Content-Type", "text/plain")},
            "body": b"".join(response) if response.streaming else response.content,
        }
    documents = {}
    foreign, dialogs = [], []

    def serve(route):
        url = route.request.url
        if not url.startswith(ORIGIN + "/"):
            if not url.startswith(("data:", "blob:", "about:")):
                foreign.append(url)
            return route.abort()
        path = url[len(ORIGIN) :]
        if path in documents:
            return route.fulfill(status=200, content_type="text/html; charset=utf-8", body=documents[path])
        if path in static_files:
            return route.fulfill(**static_files[path])
        # Anything else the page's own scripts ask this site for (htmx): nothing to see here.
        return route.fulfill(status=204, body="")

    def render(page, batch_name, batch):
        """Pages side by side, each in its own frame (its own window, scripts and events)."""
        frames = []
        for n, html in batch:
            documents[f"/__page/{n}"] = html
            frames.append(f'<iframe src="/__page/{n}" width="1024" height="600"></iframe>')
        documents[f"/__batch/{batch_name}"] = "<!DOCTYPE html><title>batch</title>" + "".join(frames)
        page.goto(f"{ORIGIN}/__batch/{batch_name}", wait_until="load")
        # Let timers, autofocus handlers and htmx "load" triggers have their moment.
        page.wait_for_timeout(30)
        hits = {}
        for frame in page.frames:
            found = frame.evaluate("window.__xssHits ? window.__xssHits() : []")
            if found:
                hits[frame.url] = found
        return hits

    # Playwright is started here, after the database work, and stopped before the test ends: the
    # ORM is never called from inside it (its greenlets would give Django another connection).
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        # The CSP would stop most scripts anyway; switched off, the escaping is tested on its own.
        page = browser.new_context(bypass_csp=True, java_script_enabled=True).new_page()
        page.add_init_script(WATCH)
        page.route("**/*", serve)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        problems = []
        numbered = list(enumerate(pages))
        for start in range(0, len(numbered), BATCH):
            batch = numbered[start : start + BATCH]
            hits = render(page, start, [(n, html) for n, (_, html) in batch])
            if hits or dialogs or foreign:
                problems.append(([what for _, (what, _) in batch], hits, list(dialogs), list(foreign)))
                dialogs.clear()
                foreign.clear()
        # The check can see a script, in any frame: a page with one really does trip it.
        control = render(
            page,
            "control",
            [
                ("control-1", "<p>quiet</p>"),
                (
                    "control-2",
                    f'<p>control</p><img src=x onerror="window.{FLAG}=1"><script>alert(1)</script>',
                ),
                ("control-3", f'<script src="https://{FOREIGN_HOST}/x.js"></script>'),
            ],
        )
        browser.close()
    assert not problems, problems[:5]
    hits = control
    assert hits == {f"{ORIGIN}/__page/control-2": ["set"]}
    assert dialogs == ["1"]
    assert foreign == [f"https://{FOREIGN_HOST}/x.js"]
