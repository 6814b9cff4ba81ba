"""Full-text search over story titles and posts.

On PostgreSQL: the stored, weighted `search_document` (GIN-indexed),
`websearch` syntax (quotes, "or", -word) so any text a reader types is a
valid query, ts_rank ordering and ts_headline snippets. On the embedded
SQLite default: every word must appear, newest first, with snippets cut in
Python. Either way the snippet is escaped before matches are marked.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Left, Replace
from django.utils.html import escape
from django.utils.safestring import mark_safe

from forum.models import Post, Thread
from forum.selectors.visibility import author_label, posts_visible_to

RESULTS_PER_PAGE = 20
QUERY_MAX_LENGTH = 200
SNIPPET_SOURCE_CHARS = 4000
# Control characters cannot occur in stored text, so they safely mark matches.
_START, _STOP = "\x02", "\x03"
# ts_headline drops anything that looks like an HTML tag, so a member's literal
# "<b>" or "<script>" would vanish from the snippet; these stand in for < and >.
_LT, _GT = "\x04", "\x05"
# A NUL byte cannot be sent to PostgreSQL at all; no control character means anything in a query.
_QUERY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class SearchResults:
    query: str
    page: object
    category: object
    ending: str


def _postgres(posts, query):
    search_query = SearchQuery(query, search_type="websearch", config="english")
    return (
        posts.filter(search_document=search_query)
        .annotate(
            rank=SearchRank(F("search_document"), search_query),
            snippet=SearchHeadline(
                Replace(
                    Replace(Left("body", SNIPPET_SOURCE_CHARS), Value("<"), Value(_LT)),
                    Value(">"),
                    Value(_GT),
                ),
                search_query,
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=40,
                min_words=20,
            ),
        )
        .order_by("-rank", "-created_at", "-pk")
    )


def _words(query):
    return [word for word in re.findall(r"\w+", query.lower()) if len(word) > 1][:8]


def _sqlite(posts, query):
    words = _words(query)
    if not words:
        return posts.none()
    for word in words:
        posts = posts.filter(search_document__contains=word)
    return posts.order_by("-created_at", "-pk")


def _python_snippet(body, query, width=220):
    words = _words(query)
    lowered = body.lower()
    hits = [lowered.find(word) for word in words if word in lowered]
    start = max(0, min(hits) - width // 3) if hits else 0
    text = body[start : start + width]
    for word in sorted(set(words), key=len, reverse=True):
        text = re.sub(f"({re.escape(word)})", f"{_START}\\1{_STOP}", text, flags=re.IGNORECASE)
    return ("… " if start else "") + text + (" …" if start + width < len(body) else "")


def _mark(snippet):
    # Safe: the text is escaped first; only our own <mark> tags are added.
    marked = escape(snippet).replace(_START, "<mark>").replace(_STOP, "</mark>")
    marked = marked.replace(_LT, "&lt;").replace(_GT, "&gt;")
    return mark_safe(marked)  # noqa: S308


def search_posts(user, *, query, category=None, ending="", page=1):
    query = _QUERY_CONTROL.sub(" ", query or "").strip()[:QUERY_MAX_LENGTH]
    posts = (
        posts_visible_to(user)
        .filter(status=Post.Status.PUBLISHED)
        .select_related("thread__category", "author")
        .defer("body_html", "search_document")
    )
    if category is not None:
        posts = posts.filter(thread__category=category)
    if ending in Thread.Ending.values:
        posts = posts.filter(thread__ending=ending)
    else:
        ending = ""
    if not query:
        posts = posts.none()
    elif connection.vendor == "postgresql":
        posts = _postgres(posts, query)
    else:
        posts = _sqlite(posts, query)
    page_obj = Paginator(posts, RESULTS_PER_PAGE).get_page(page)
    for post in page_obj.object_list:
        raw = getattr(post, "snippet", None) or _python_snippet(post.body, query)
        post.snippet_html = _mark(raw)
        post.shown_author = author_label(post, user)
    return SearchResults(query=query, page=page_obj, category=category, ending=ending)


__all__ = ["SearchResults", "search_posts"]
