"""Reads for the article pages, in a fixed number of queries whatever the number of articles.

Visibility lives here: readers and members see live articles only (published,
and not scheduled for later); editors and staff see every state. An article's
topics and bylines come as string aggregates on its own row, so lists need no
query per article.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, OuterRef, Q, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone

from endings.articles import permissions
from endings.articles.models import Article, ArticleTopic
from endings.articles.topics import ENDING_TOPICS, Topic
from forum.selectors.search import clean_query, headline, snippet_html, websearch_query, words_filter
from forum.selectors.visibility import threads_visible_to

ARTICLES_PER_PAGE = 20
RELATED_ARTICLES = 3
RELATED_STORIES = 4
# Display names may hold commas; this separator cannot occur in them.
NAME_SEPARATOR = "\x1f"
# Columns a list never shows.
LIST_DEFERRED = ("body", "body_html", "summary", "summary_html", "why_chosen", "why_chosen_html", "toc")


def topics_aggregate():
    return Subquery(
        ArticleTopic.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(listed=StringAgg("topic", delimiter=Value(",")))
        .values("listed")
    )


def _names(relation):
    through = getattr(Article, relation).through
    return Subquery(
        through.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(
            # Unordered: SQLite before 3.44 cannot order an aggregate; split_names() sorts.
            listed=StringAgg("user__display_name", delimiter=Value(NAME_SEPARATOR))
        )
        .values("listed")
    )


def split_names(listed):
    return sorted((name for name in (listed or "").split(NAME_SEPARATOR) if name), key=str.casefold)


def articles_visible_to(user, *, now=None):
    if permissions.can_see_unpublished(user):
        return Article.objects.all()
    return Article.objects.live(now)


def _listing_order(articles):
    # Unpublished work (editors only) first, then the newest.
    return articles.order_by(F("published_at").desc(nulls_first=True), "-updated_at", "-pk")


@dataclass
class ArticleListing:
    page: object
    topic: str
    topic_label: str
    query: str
    shows_unpublished: bool


def article_listing(user, *, topic="", query="", page=1, now=None):
    """A page of the article index: filtered by topic, and searched when there is a query."""
    topic = topic if topic in Topic.values else ""
    query = clean_query(query)
    articles = articles_visible_to(user, now=now).defer(*LIST_DEFERRED, "search_document")
    if topic:
        articles = articles.filter(Q(topic_rows__topic=topic))
    articles = articles.annotate(topic_list=topics_aggregate())
    if query:
        if connection.vendor == "postgresql":
            search_query = websearch_query(query)
            articles = (
                articles.filter(search_document=search_query)
                .annotate(
                    rank=SearchRank(F("search_document"), search_query),
                    snippet=headline(
                        Concat(
                            "standfirst", Value(" "), "body", Value(" "), "summary", output_field=TextField()
                        ),
                        search_query,
                    ),
                )
                .order_by("-rank", F("published_at").desc(nulls_first=True), "-pk")
            )
        else:
            articles = _listing_order(words_filter(articles, query))
    else:
        articles = _listing_order(articles)
    page_obj = Paginator(articles, ARTICLES_PER_PAGE).get_page(page)
    if query:
        for article in page_obj.object_list:
            article.snippet_html = snippet_html(getattr(article, "snippet", None), article.standfirst, query)
    return ArticleListing(
        page=page_obj,
        topic=topic,
        topic_label=Topic(topic).label if topic else "",
        query=query,
        shows_unpublished=permissions.can_see_unpublished(user),
    )


def article_for_viewer(user, slug, *, now=None):
    """One article with its topics, bylines and discussion thread, or 404 (also for unpublished ones)."""
    try:
        return (
            articles_visible_to(user, now=now)
            .select_related("discussion_thread__category")
            .defer("search_document")
            .annotate(
                topic_list=topics_aggregate(),
                author_names=_names("authors"),
                editor_names=_names("editors"),
            )
            .get(slug=slug)
        )
    except Article.DoesNotExist:
        raise Http404("No such article.") from None


def related_articles(article, *, now=None, limit=RELATED_ARTICLES):
    """Live articles sharing the most topics with this one, newest first among equals."""
    topics = article.topic_values
    if not topics:
        return []
    return list(
        Article.objects.live(now)
        .exclude(pk=article.pk)
        .annotate(shared=Count("topic_rows", filter=Q(topic_rows__topic__in=topics)))
        .filter(shared__gt=0)
        .only("title", "slug", "standfirst", "reading_minutes", "published_at", "kind")
        .order_by("-shared", "-published_at", "-pk")[:limit]
    )


def related_stories(user, article, *, limit=RELATED_STORIES):
    """Stories tagged with the article's endings that this viewer may open.

    Signed-out readers get stories in public categories only: the title of a
    members-only story is never shown to them.
    """
    endings = [value for value in article.topic_values if value in ENDING_TOPICS]
    if not endings:
        return []
    threads = (
        threads_visible_to(user)
        .filter(ending__in=endings, removed_by_author=False, article__isnull=True)
        .select_related("category")
        .only(
            "title", "slug", "ending", "reply_count", "last_activity_at", "category__name", "category__slug"
        )
        .order_by("-last_activity_at", "-pk")
    )
    return list(threads[:limit])


@dataclass
class HomeArticles:
    featured: list
    recent: list
    public_stories: list


def home_articles(*, now=None, featured=2, recent=4, stories=5):
    """The home page: featured and recent articles, and recent activity in public categories."""
    now = now or timezone.now()
    live = Article.objects.live(now).only(
        "title", "slug", "standfirst", "reading_minutes", "published_at", "kind"
    )
    featured_list = list(live.filter(is_featured=True).order_by("-published_at", "-pk")[:featured])
    recent_list = list(
        live.exclude(pk__in=[a.pk for a in featured_list]).order_by("-published_at", "-pk")[:recent]
    )
    threads = (
        # Article discussions are one click from their article, already listed beside these.
        threads_visible_to(AnonymousUser())
        .filter(removed_by_author=False, article__isnull=True)
        .select_related("category")
        .only("title", "slug", "reply_count", "last_activity_at", "category__name", "category__slug")
        .order_by("-last_activity_at", "-pk")
    )
    return HomeArticles(featured=featured_list, recent=recent_list, public_stories=list(threads[:stories]))


def editor_desk(user, *, state="", query="", page=1):
    """Every article, for the editors' own list: filter by state (with "scheduled"), search by words."""
    if not permissions.can_edit_articles(user):
        raise Http404("No such page.")
    now = timezone.now()
    articles = Article.objects.defer(*LIST_DEFERRED, "search_document").annotate(
        topic_list=topics_aggregate()
    )
    if state == "scheduled":
        articles = articles.filter(state=Article.State.PUBLISHED, published_at__gt=now)
    elif state == Article.State.PUBLISHED:
        articles = articles.live(now)
    elif state in Article.State.values:
        articles = articles.filter(state=state)
    else:
        state = ""
    query = clean_query(query)
    if query:
        articles = articles.filter(Q(title__icontains=query) | Q(standfirst__icontains=query))
    page_obj = Paginator(articles.order_by("-updated_at", "-pk"), ARTICLES_PER_PAGE).get_page(page)
    return page_obj, state, query


def revisions_for(user, article):
    if not permissions.can_edit_articles(user):
        raise Http404("No such page.")
    return list(article.revisions.select_related("saved_by"))
