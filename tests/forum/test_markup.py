"""Members' Markdown becomes safe HTML once, at write time, and that HTML is exactly what readers get."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from forum.markup import LINK_REL, render_markdown, sanitize
from forum.models import Post, Thread

pytestmark = pytest.mark.usefixtures("unthrottled")

SCRIPTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "a\n\n<script>\nalert(1)\n</script>\n\nb",
]
HANDLERS = [
    '<img src=x onerror="alert(1)">',
    '<a href="https://example.org" onclick="alert(1)">hi</a>',
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    '[x](https://example.org"onmouseover="alert(1))',
    '[x](https://example.org "title" onmouseover=alert(1))',
]
BAD_LINKS = [
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](%6Aavascript:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](DATA:text/html,<script>alert(1)</script>)",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">raw</a>',
]
EMBEDS = [
    "![a face](https://example.org/face.jpg)",
    '<img src="https://example.org/face.jpg">',
    '<iframe src="https://example.org"></iframe>',
    '<object data="https://example.org/x.swf"></object>',
    '<embed src="https://example.org/x.swf">',
    '<p style="position:fixed;top:0">cover</p>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name=password></form>',
    "<meta http-equiv=refresh content=0;url=https://evil.example>",
    '<base href="https://evil.example/">',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<!-- <script>alert(1)</script> -->",
]
NASTY = (
    SCRIPTS
    + HANDLERS
    + BAD_LINKS
    + EMBEDS
    + [
        "# Heading <script>alert(1)</script>",
        "```\n<script>alert(1)</script>\n```",
        "`<img src=x onerror=alert(1)>`",
        "| a | b |\n|---|---|\n| <b onmouseover=alert(1)>1</b> | [x](javascript:alert(1)) |",
        "> quote with <script>\n> > and more",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\u202e evil right-to-left and \x00 nul",
        "Tom & Jerry < 3 > 2 \"quoted\" 'single'",
        "https://example.org/?a=1&b=<script>",
    ]
)

ALLOWED = {"p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a",
           "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}  # fmt: skip


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML (escaped text is not an element)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html):
    return Elements(html).found


def hrefs_in(html):
    return [attrs.get("href") or "" for tag, attrs in elements(html) if tag == "a"]


def scheme(href):
    # As a browser reads it: entities decoded (the parser did that), tabs and newlines
    # dropped, leading spaces and control characters ignored.
    cleaned = re.sub(r"[\t\n\r]", "", href).lstrip("\x00- ")
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match[1].lower() if match else ""


@pytest.mark.parametrize("text", NASTY)
def test_only_harmless_tags_and_attributes_survive(text):
    html = render_markdown(text)

    for tag, attrs in elements(html):
        assert tag in ALLOWED, html
        assert set(attrs) <= {"href", "title", "rel", "start"}, html
    for href in hrefs_in(html):
        assert scheme(href) in {"", "http", "https", "mailto"}, html


@pytest.mark.parametrize("text", NASTY)
def test_rendering_is_idempotent_under_the_sanitizer(text):
    html = render_markdown(text)
    assert sanitize(html) == html


@pytest.mark.parametrize("text", SCRIPTS)
def test_script_tags_are_shown_as_text_never_run(text):
    html = render_markdown(text)
    assert "<script" not in html.lower()
    assert "&lt;script" in html.lower() or "&lt;SCRIPT" in html


@pytest.mark.parametrize("text", BAD_LINKS)
def test_dangerous_links_are_not_links(text):
    html = render_markdown(text)
    assert all(scheme(href) in {"", "http", "https", "mailto"} for href in hrefs_in(html))


@pytest.mark.parametrize("text", EMBEDS)
def test_no_images_frames_embeds_or_styles(text):
    html = render_markdown(text)
    found = elements(html)
    assert {tag for tag, _ in found}.isdisjoint(
        {"img", "iframe", "object", "embed", "style", "form", "input", "meta", "base", "math", "svg", "div"}
    )
    assert not any("style" in attrs or "src" in attrs for _, attrs in found)


def test_raw_html_is_escaped_text():
    assert render_markdown("<b>bold</b> and <div>block</div>") == (
        "<p>&lt;b&gt;bold&lt;/b&gt; and &lt;div&gt;block&lt;/div&gt;</p>\n"
    )


def test_markdown_image_is_not_an_image():
    html = render_markdown("![my old therapy room](https://example.org/room.jpg)")
    assert "<img" not in html
    assert "my old therapy room" in html


def test_the_sanitizer_itself_strips_what_markdown_never_emits():
    # If the Markdown settings ever let raw HTML through, nh3 still stands in the way.
    dirty = (
        '<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a>'
        '<a href="&#106;avascript:alert(1)">c</a><a href="data:text/html,hi">d</a>'
        '<img src=x onerror=alert(1)><iframe src="https://example.org"></iframe>'
        '<p style="color:red" onclick="alert(1)">p</p><script>alert(1)</script>'
        '<a href="https://example.org" target="_blank" rel="opener">ok</a>'
    )
    assert sanitize(dirty) == (
        f'<a rel="{LINK_REL}">a</a><a rel="{LINK_REL}">b</a>'
        f'<a rel="{LINK_REL}">c</a><a rel="{LINK_REL}">d</a>'
        f'<p>p</p><a href="https://example.org" rel="{LINK_REL}">ok</a>'
    )


@pytest.mark.parametrize(
    "text",
    ["[a link](https://example.org/page)", "<https://example.org/page>", "https://example.org/page"],
)
def test_links_are_marked_as_user_content(text):
    html = render_markdown(text)
    assert f'<a href="https://example.org/page" rel="{LINK_REL}">' in html
    assert LINK_REL == "nofollow ugc noopener noreferrer"


def test_bare_addresses_become_links():
    html = render_markdown("The BACP list is at www.bacp.co.uk and https://example.org/help?x=1&y=2 too.")
    assert f'<a href="http://www.bacp.co.uk" rel="{LINK_REL}">www.bacp.co.uk</a>' in html
    assert f'<a href="https://example.org/help?x=1&amp;y=2" rel="{LINK_REL}">' in html
    assert 'href="mailto:help@example.org"' in render_markdown("Write to help@example.org")


@pytest.mark.parametrize(
    ("text", "tag"),
    [("# One", "h3"), ("## Two", "h4"), ("### Three", "h5"), ("#### Four", "h6"), ("###### Six", "h6")],
)
def test_headings_sit_below_the_page_headings(text, tag):
    html = render_markdown(text)
    assert html.startswith(f"<{tag}>") and html.rstrip().endswith(f"</{tag}>")
    assert "<h1" not in html and "<h2" not in html


def test_ordinary_writing_keeps_its_shape():
    html = render_markdown(
        "**Ten years.** *Gone* in a letter.\n\n> she said\n\n1. first\n2. second\n\n~~old~~"
    )
    assert "<strong>Ten years.</strong> <em>Gone</em>" in html
    assert "<blockquote>\n<p>she said</p>\n</blockquote>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert "<s>old</s>" in html


# --- through the site -------------------------------------------------------------------------

XSS_BODY = (
    "My therapist left. <script>alert('story')</script>\n\n"
    '<img src=x onerror="alert(1)"> [her page](javascript:alert(2)) '
    "[also](JaVaScRiPt:alert(3))\n\n# Afterwards\n\nI found https://example.org/help"
)


def test_a_story_with_an_attack_in_it_shows_as_text(member_client, members_category):
    response = member_client.post(
        reverse("forum:story_new"),
        {
            "category": members_category.pk,
            "title": "<script>alert('title')</script> When it ended",
            "body": XSS_BODY,
            "ending": "",
            "content_note": "",
        },
        follow=True,
    )

    assert response.status_code == 200
    html = response.content.decode()
    opening = Post.objects.get(thread__title__startswith="<script>", depth=0)
    assert opening.body_html == render_markdown(XSS_BODY)
    # The stored HTML is exactly what the reader is shown.
    assert opening.body_html in html
    # The reader sees what was typed, as text.
    assert "My therapist left. &lt;script&gt;alert('story')&lt;/script&gt;" in html
    assert '&lt;img src=x onerror="alert(1)"&gt;' in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; When it ended" in html
    assert "<script>alert" not in html
    assert "<img" not in html
    assert hrefs_in(opening.body_html) == ["https://example.org/help"]
    assert "<h3>Afterwards</h3>" in html
    assert f'<a href="https://example.org/help" rel="{LINK_REL}">' in html


def test_a_reply_with_an_attack_in_it_shows_as_text(member_client, story):
    opening = Post.objects.get(thread=story, depth=0)
    body = "<iframe src=https://evil.example></iframe> [x](data:text/html,hi) <b onclick=alert(1)>hey</b>"

    response = member_client.post(reverse("forum:reply", args=[opening.pk]), {"body": body}, follow=True)

    assert response.status_code == 200
    reply = Post.objects.get(thread=story, depth=1)
    html = response.content.decode()
    assert reply.body_html in html
    assert "<iframe" not in html
    assert "&lt;iframe" in html
    assert "<b onclick" not in html
    assert 'href="data:' not in html


def test_an_edit_is_rendered_safely_too(member_client, member, members_category):
    from forum import services

    thread = services.thread_create(
        author=member, category=members_category, title="Mine", body="First words"
    )
    opening = Post.objects.get(thread=thread, depth=0)

    member_client.post(
        reverse("forum:post_edit", args=[opening.pk]),
        {"title": "Mine", "body": "Changed <script>alert(1)</script> [x](javascript:alert(1))"},
    )

    opening.refresh_from_db()
    assert opening.body_html == render_markdown(opening.body)
    assert "<script" not in opening.body_html
    page = member_client.get(Thread.objects.get(pk=thread.pk).get_absolute_url()).content.decode()
    assert opening.body_html in page
