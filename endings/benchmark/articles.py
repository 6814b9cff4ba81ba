"""Article scenarios (issue 5, "Speed"): the article index and an article page, with their data.

`profile.articles` articles are written straight into the tables with
bulk_create, as endings.articles.services would leave them (rendered HTML,
table of contents, reading time, topics, bylines), most of them published over
the past years and a few in every other state. A few dozen stories give the
article pages their related stories.
"""

import random
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts.roles import EDITOR
from endings.articles.markup import reading_minutes, render_article_markdown
from endings.articles.models import Article, ArticleTopic
from endings.articles.topics import Topic
from endings.benchmark.forum import ForumData, _get
from endings.benchmark.registry import Case, Scenario, Target, register
from endings.benchmark.text import TextGenerator
from forum.models import Category

BODY_POOL = 40
PARAGRAPHS = (6, 18)  # paragraphs in an article body
STORIES = 40  # stories for the "related stories" of an article page
MAX_QUERIES = 8
MEDIAN_MS = 40
SEARCH_QUERIES = ["therapist retired", "grief", '"last session"', "letter -email", "ethics contact"]
STATES = [  # (state, share of articles)
    (Article.State.PUBLISHED, 0.9),
    (Article.State.DRAFT, 0.04),
    (Article.State.REVIEW, 0.02),
    (Article.State.ARCHIVED, 0.03),
    ("scheduled", 0.01),
]


def _body(text, rng):
    """A long article: paragraphs of generated prose under a few section headings."""
    parts = []
    for n in range(rng.randint(*PARAGRAPHS)):
        if n and n % 4 == 0:
            parts.append(f"## {text.title()}")
        parts.append(text.body())
    return "\n\n".join(parts)


class ArticleData:
    def __init__(self, log, *, count, seed=2027):
        self.log = log
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.editors = self._editors()
        self.ids = self._articles(count)

    def _editors(self):
        from accounts.services import member_create_verified, role_grant

        people = []
        for n in range(3):
            email = f"editor{n}@bench.example"
            person = get_user_model().objects.filter(email=email).first() or member_create_verified(
                email=email, display_name=f"Bench editor {n}", password=None
            )
            role_grant(email=email, role=EDITOR)
            people.append(person)
        return people

    def _articles(self, count):
        rng = self.rng
        text = TextGenerator(23)
        pool = []
        for _ in range(BODY_POOL):
            body = _body(text, rng)
            html, toc = render_article_markdown(body)
            pool.append((body, html, toc, reading_minutes(body)))
        states = [state for state, _ in STATES]
        weights = [share for _, share in STATES]
        articles, titles = [], set()
        for n in range(count):
            title = text.title()
            while title in titles:
                title = f"{text.title()} ({n})"
            titles.add(title)
            body, html, toc, minutes = rng.choice(pool)
            state = rng.choices(states, weights)[0]
            published = self.now - timedelta(days=rng.uniform(1, 5 * 365))
            if state == "scheduled":
                state, published = Article.State.PUBLISHED, self.now + timedelta(days=rng.uniform(1, 30))
            elif state in (Article.State.DRAFT, Article.State.REVIEW):
                published = None
            articles.append(
                Article(
                    title=title[:140],
                    slug=f"{slugify(title)[:60].strip('-')}-{n}",
                    standfirst=" ".join(text.body().split()[:40]),
                    body=body,
                    body_html=html,
                    toc=toc,
                    reading_minutes=minutes,
                    state=state,
                    published_at=published,
                    created_at=(published or self.now) - timedelta(days=3),
                    updated_at=(published or self.now) - timedelta(days=1),
                    last_reviewed_on=(published or self.now).date(),
                    is_featured=rng.random() < 0.03,
                    about_suicide_or_death=rng.random() < 0.1,
                )
            )
        with transaction.atomic():
            Article.objects.bulk_create(articles, batch_size=500)
            created = list(Article.objects.order_by("pk").values_list("pk", flat=True))
            topics, authors, editors = [], [], []
            for pk in created:
                for topic in rng.sample(Topic.values, rng.randint(1, 3)):
                    topics.append(ArticleTopic(article_id=pk, topic=topic))
                author = rng.choice(self.editors)
                authors.append(Article.authors.through(article_id=pk, user_id=author.pk))
                editors += [
                    Article.editors.through(article_id=pk, user_id=person.pk)
                    for person in {author, rng.choice(self.editors)}
                ]
            ArticleTopic.objects.bulk_create(topics, batch_size=2_000)
            Article.authors.through.objects.bulk_create(authors, batch_size=2_000)
            Article.editors.through.objects.bulk_create(editors, batch_size=2_000)
        self.log(f"  {len(created):,} articles")
        return created

    def add_stories(self):
        """Stories in public and members-only categories, so article pages have related stories."""
        data = ForumData(self.log, members=40, bodies=20, seed=29)
        for slug in ("starting-again", "retired-or-moved", "illness-or-death"):
            data.add_threads(
                Category.objects.get(slug=slug), [self.rng.randint(1, 12) for _ in range(STORIES // 3)]
            )
        data.analyze()

    def analyze(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for table in ("articles_article", "articles_articletopic", "articles_article_authors"):
                    cursor.execute(f"VACUUM ANALYZE {table}")
            else:
                cursor.execute("ANALYZE")


def _data(context):
    def build():
        data = ArticleData(context.log, count=context.profile.articles)
        data.add_stories()
        data.analyze()
        return data

    return context.once(f"articles: {context.profile.articles:,} articles", build)


def _reader(context):
    # "localhost" is always an allowed host, whatever DEBUG is.
    return context.once("articles: signed-out reader", lambda: Client(HTTP_HOST="localhost"))


def _member(context):
    def build():
        from accounts.services import member_create_verified

        member = member_create_verified(
            email="article-reader@bench.example", display_name="Article reader", password=None
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(member)
        return client

    return context.once("articles: signed-in member", build)


def _article_url(context):
    """A live article with several topics, related articles and stories, and a discussion."""

    def pick():
        _data(context)
        article = Article.objects.live().filter(about_suicide_or_death=True).order_by("-published_at").first()
        thread = Category.objects.get(slug="starting-again").threads.order_by("-reply_count").first()
        Article.objects.filter(pk=article.pk).update(discussion_thread=thread)
        ArticleTopic.objects.get_or_create(article=article, topic=Topic.RETIRED)
        return article.get_absolute_url()

    return context.once("articles: the measured article", pick)


def _case(context, client_for, url_for):
    _data(context)
    client = client_for(context)
    return Case(run=lambda n: _get(client, url_for(context, n)))


def _index_url(context, n):
    return reverse("articles:index")


def _search_url(context, n):
    return reverse("articles:index") + "?" + urlencode({"q": SEARCH_QUERIES[n % len(SEARCH_QUERIES)]})


def _page_url(context, n):
    return _article_url(context)


@register
def article_scenarios(profile):
    size = f"{profile.articles:,} articles"
    few = Target(f"≤ {MAX_QUERIES} queries", lambda r, rs: r.queries <= MAX_QUERIES)
    fast = Target(f"median < {MEDIAN_MS} ms", lambda r, rs: r.median_ms < MEDIAN_MS)
    return [
        Scenario(
            "articles-index",
            f"article index, {size}, signed out",
            lambda c: _case(c, _reader, _index_url),
            [few, fast],
        ),
        Scenario(
            "articles-index-member",
            f"article index, {size}, member",
            lambda c: _case(c, _member, _index_url),
            [few, fast],
        ),
        Scenario(
            "articles-search",
            f"article search, {size} ({len(SEARCH_QUERIES)} queries cycled)",
            lambda c: _case(c, _reader, _search_url),
            [few, fast],
        ),
        Scenario(
            "articles-page",
            f"article page, {size}, signed out",
            lambda c: _case(c, _reader, _page_url),
            [few, fast],
        ),
        Scenario(
            "articles-page-member",
            f"article page, {size}, member",
            lambda c: _case(c, _member, _page_url),
            [few, fast],
        ),
    ]


__all__ = ["ArticleData", "article_scenarios"]
