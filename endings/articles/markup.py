"""Article Markdown: the forum's render_markdown(), then headings fitted to an article page.

render_markdown() shifts headings under a post's page (## becomes h4). An
article's sections sit straight under its title, so in the sanitized HTML they
move back to their Markdown level (## is h2, ### is h3; a lone # is h2 too)
and get ids for the table of contents. The sanitizer allows no attributes on headings, so the only id a
heading can carry is the one added here, made from its text by slugify().
"""

import html
import math
import re

from django.utils.html import strip_tags
from django.utils.text import slugify

from forum.markup import HEADING_SHIFT, render_markdown

_HEADING = re.compile(r"<h([3-6])>(.*?)</h\1>", re.DOTALL)
TOC_LEVELS = (2, 3)
WORDS_PER_MINUTE = 200


def render_article_markdown(text):
    """(sanitized HTML, table of contents): the contents lists h2 and h3 as {id, text, level}."""
    sanitized = render_markdown(text or "")
    toc, used = [], set()

    def heading(match):
        level = max(2, int(match.group(1)) - HEADING_SHIFT)
        inner = match.group(2)
        words = html.unescape(strip_tags(inner)).strip()
        anchor = base = "section-" + (slugify(words)[:50].strip("-") or str(len(used) + 1))
        n = 2
        while anchor in used:
            anchor = f"{base}-{n}"
            n += 1
        used.add(anchor)
        if level in TOC_LEVELS and words:
            toc.append({"id": anchor, "text": words, "level": level})
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    return _HEADING.sub(heading, sanitized), toc


def reading_minutes(*texts):
    words = sum(len((text or "").split()) for text in texts)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
