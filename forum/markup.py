"""Markdown to safe HTML: the one place that decides what members' writing may contain.

markdown-it-py's `js-default` preset never passes raw HTML through; linkify
turns bare addresses into links; nh3 (the ammonia sanitizer) then keeps only
the tags below, whatever the parser produced. Images are off: a picture of a
person or a place could identify someone, and remote images leak readers'
addresses to other servers.
"""

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

LINK_REL = "nofollow ugc noopener noreferrer"

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# No style attributes: the site's CSP forbids inline styles, and they would be ignored.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Headings inside a post sit under the page's own h1 and h2.
HEADING_SHIFT = 2

_markdown = MarkdownIt("js-default", {"linkify": True, "typographer": False}).enable("linkify")


def _image_as_link(self, tokens, idx, options, env):
    # ![words](address) becomes a plain link to the address: nothing loads, no "!" is left over.
    token = tokens[idx]
    src = token.attrGet("src") or ""
    words = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escapeHtml(src)}">{escapeHtml(words)}</a>'


_markdown.add_render_rule("image", _image_as_link)


def _shift_headings(tokens):
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + HEADING_SHIFT, 6)}"


def sanitize(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )


def render_markdown(text):
    """Member-written Markdown as sanitized HTML, ready to store and show as it is."""
    env = {}
    tokens = _markdown.parse(text, env)
    _shift_headings(tokens)
    return sanitize(_markdown.renderer.render(tokens, _markdown.options, env))


def quote_markdown(text):
    """A passage as a Markdown blockquote, for quoting into a reply."""
    lines = text.strip().splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"
