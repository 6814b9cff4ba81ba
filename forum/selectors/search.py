"""Full-text search over story titles and posts.

On PostgreSQL: the stored, weighted `search_document` (GIN-indexed),
`websearch` syntax (quotes, "or", -word) so any text a reader types is a
valid query, ts_rank ordering and ts_headline snippets. On the embedded
SQLite default: every word must appear, newest first, with snippets cut in
Python. Either way the snippet is escaped before matches are marked.

Only the newest RANKED_MATCHES matches are ranked and shown (a common word
matches a tenth of the forum, and ranking every match means reading every
one); more than that is shown as "1,000+". Two queries, whatever the number
of matches: the ranked ids, then the page's posts with their snippets.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Left, Replace
from django.utils.html import escape
from django.utils.safestring import mark_safe

from forum.models import Post, Thread
from forum.selectors.viewer_filters import posts_for_viewer, posts_mark_for_viewer
from forum.selectors.visibility import author_label, posts_visible_to

RESULTS_PER_PAGE = 20
RANKED_MATCHES = 1_000
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
    # More matches than RANKED_MATCHES: the page shows the best of the newest ones.
    capped: bool = False


# The helpers below are shared with article search (endings/articles/selectors.py).


def clean_query(query):
    """What a reader typed, safe to search with: no control characters, at most QUERY_MAX_LENGTH."""
    return _QUERY_CONTROL.sub(" ", query or "").strip()[:QUERY_MAX_LENGTH]


def websearch_query(query):
    return SearchQuery(query, search_type="websearch", config="english")


def headline(text, search_query):
    """A ts_headline snippet of `text` (an expression), its matches marked for snippet_html()."""
    return SearchHeadline(
        Replace(
            Replace(Left(text, SNIPPET_SOURCE_CHARS), Value("<"), Value(_LT)),
            Value(">"),
            Value(_GT),
        ),
        search_query,
        config="english",
        start_sel=_START,
        stop_sel=_STOP,
        max_words=40,
        min_words=20,
    )


def _postgres_ranked_ids(matches, query):
    """The newest RANKED_MATCHES + 1 matches, ranked, best first (newest first among equals).

    A materialized CTE makes PostgreSQL pick the newest matches before ranking
    any: ranked in one query, a common word's every match would be ranked.
    (Newest by the primary key would let it read backwards through the table
    until enough rows match, a long read for a word that is rare lately.)
    """
    newest = matches.order_by("-created_at", "-pk").values_list("pk", "created_at", "search_document")
    sql, params = newest[: RANKED_MATCHES + 1].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            # `sql` is Django's own, with placeholders; every value is a parameter.
            f"WITH newest (id, created_at, document) AS MATERIALIZED ({sql}) "  # noqa: S608
            "SELECT ts_rank(document, websearch_to_tsquery('english', %s)), created_at, id FROM newest",
            (*params, query),
        )
        rows = cursor.fetchall()
    return [pk for _, _, pk in sorted(rows, reverse=True)]


def _words(query):
    return [word for word in re.findall(r"\w+", query.lower()) if len(word) > 1][:8]


def words_filter(rows, query):
    """SQLite: rows whose lower-cased `search_document` holds every word of the query."""
    words = _words(query)
    if not words:
        return rows.none()
    for word in words:
        rows = rows.filter(search_document__contains=word)
    return rows


def _sqlite_ranked_ids(matches):
    return list(matches.order_by("-created_at", "-pk").values_list("pk", flat=True)[: RANKED_MATCHES + 1])


def _python_snippet(body, query, width=220):
    words = _words(query)
    lowered = body.lower()
    hits = [lowered.find(word) for word in words if word in lowered]
    start = max(0, min(hits) - width // 3) if hits else 0
    text = body[start : start + width]
    for word in sorted(set(words), key=len, reverse=True):
        text = re.sub(f"({re.escape(word)})", f"{_START}\\1{_STOP}", text, flags=re.IGNORECASE)
    return ("… " if start else "") + text + (" …" if start + width < len(body) else "")


# Markdown a reader would see as formatting, not as characters: emphasis markers
# (also beside a match's markers) and the ">" or "#" that start quotes and headings.
_MARKDOWN_MARKS = re.compile(
    r"(\*\*|__|(?<!\w)[*_](?=[\w\x02])|(?<=[\w\x03])[*_](?!\w)|(?m:^[ \t]*(?:>+|#{1,6})[ \t]*))"
)


def _mark(snippet):
    # Safe: the text is escaped first; only our own <mark> tags are added.
    text = _MARKDOWN_MARKS.sub("", snippet.replace(_LT, "<").replace(_GT, ">"))
    marked = escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(marked)  # noqa: S308


def snippet_html(snippet, text, query):
    """The snippet PostgreSQL made (or one cut from `text` in Python), escaped, matches marked."""
    return _mark(snippet or _python_snippet(text, query))


def search_posts(user, *, query, category=None, ending="", page=1):
    query = clean_query(query)
    posts = (
        posts_visible_to(user)
        .filter(status=Post.Status.PUBLISHED)
        .select_related("thread__category", "author")
        .defer("body_html", "search_document")
    )
    # Leaves out posts by members the viewer blocked; no extra query (viewer_filters.py).
    posts = posts_for_viewer(posts, user)
    if category is not None:
        posts = posts.filter(thread__category=category)
    if ending in Thread.Ending.values:
        posts = posts.filter(thread__ending=ending)
    else:
        ending = ""
    ranked_ids = []
    if not query:
        pass
    elif connection.vendor == "postgresql":
        search_query = websearch_query(query)
        ranked_ids = _postgres_ranked_ids(posts.filter(search_document=search_query), query)
        posts = posts.annotate(snippet=headline("body", search_query))
    else:
        ranked_ids = _sqlite_ranked_ids(words_filter(posts, query))
    capped = len(ranked_ids) > RANKED_MATCHES
    page_obj = Paginator(ranked_ids[:RANKED_MATCHES], RESULTS_PER_PAGE).get_page(page)
    if page_obj.object_list:
        found = posts.in_bulk(page_obj.object_list)
        page_obj.object_list = [found[pk] for pk in page_obj.object_list if pk in found]
    for post in page_obj.object_list:
        post.snippet_html = snippet_html(getattr(post, "snippet", None), post.body, query)
        post.shown_author = author_label(post, user)
    posts_mark_for_viewer(page_obj.object_list, user)
    return SearchResults(query=query, page=page_obj, category=category, ending=ending, capped=capped)


__all__ = [
    "SearchResults",
    "clean_query",
    "headline",
    "search_posts",
    "snippet_html",
    "websearch_query",
    "words_filter",
]
