"""Articles: original pieces written for Endings, and curated summaries of outside writing.

Data and constraints only. Every write goes through endings/articles/services.py,
which renders the Markdown, keeps a revision of each save and moves articles
through the editorial workflow.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from endings.articles.topics import Topic, topic_items

SOURCE_SCHEMES = ("http", "https")
# Paths under /articles/ that an article's slug must not take.
RESERVED_SLUGS = frozenset({"editor", "feed", "atom", "search", "topic", "new"})


class WeightedSearchDocument(models.Func):
    """A search column over several groups of fields, each group with a weight (A highest).

    The same approach as the forum's PostSearchDocument: PostgreSQL stores a
    weighted tsvector (config "english", so the generated column is immutable);
    the embedded SQLite default stores the lower-cased text, searched word by
    word (forum.selectors.search.words_filter).
    """

    output_field = SearchVectorField()

    def __init__(self, *groups):
        # groups: (("title",), "A"), (("standfirst", "source_title"), "B"), ...
        self.groups = [(tuple(fields), weight) for fields, weight in groups]
        super().__init__(*(models.F(name) for fields, _ in self.groups for name in fields))

    def _grouped(self):
        expressions = iter(self.get_source_expressions())
        return [([next(expressions) for _ in fields], weight) for fields, weight in self.groups]

    def as_postgresql(self, compiler, connection, **extra):
        vector = None
        for expressions, weight in self._grouped():
            part = SearchVector(*expressions, config="english", weight=weight)
            vector = part if vector is None else vector + part
        return compiler.compile(vector)

    def as_sql(self, compiler, connection, **extra):
        # One flat `a || ' ' || b` chain: Concat() nests a level per field, too deep for SQLite's parser.
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, part_params = compiler.compile(expression)
            parts.append(f"COALESCE({sql}, '')")
            params.extend(part_params)
        return "LOWER(" + " || ' ' || ".join(parts) + ")", params


def validate_source_url(value):
    """Only web addresses: a javascript: or data: link must never reach a reader."""
    URLValidator(
        schemes=list(SOURCE_SCHEMES),
        message="Please give the web address of the original piece, starting with https:// or http://.",
    )(value)


class ArticleQuerySet(models.QuerySet):
    def live(self, now=None):
        """What readers see: published, and not scheduled for later."""
        return self.filter(state=Article.State.PUBLISHED, published_at__lte=now or timezone.now())


class Article(models.Model):
    class Kind(models.TextChoices):
        ORIGINAL = "original", "Original: written for Endings"
        CURATED = "curated", "Curated: a summary of writing elsewhere"

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    kind = models.CharField(max_length=10, choices=Kind, default=Kind.ORIGINAL)
    title = models.CharField(max_length=140)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="The article's address: /articles/<slug>/. Made from the title when left empty.",
    )
    standfirst = models.CharField(
        max_length=400,
        help_text="One or two plain sentences under the title; also the summary in feeds and search engines.",
    )
    body = models.TextField(blank=True, help_text="The article, in Markdown. Original articles only.")
    body_html = models.TextField(blank=True, editable=False)
    # The body's h2 and h3 headings: [{"id", "text", "level"}], for the table of contents.
    toc = models.JSONField(default=list, blank=True, editable=False)

    # Curated articles: where the outside piece lives. Its text is never copied in.
    source_title = models.CharField("original title", max_length=200, blank=True)
    source_author = models.CharField("original author", max_length=200, blank=True)
    source_publication = models.CharField("published in", max_length=200, blank=True)
    source_url = models.URLField(
        "web address of the original",
        max_length=500,
        blank=True,
        validators=[validate_source_url],
    )
    source_date = models.DateField("original published on", null=True, blank=True)
    summary = models.TextField(blank=True, help_text="Curated articles: the editor's summary, in Markdown.")
    summary_html = models.TextField(blank=True, editable=False)
    why_chosen = models.TextField(
        "why we chose this", blank=True, help_text="Curated articles: why it is worth reading, in Markdown."
    )
    why_chosen_html = models.TextField(blank=True, editable=False)

    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="articles_written", help_text="Who wrote it."
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="articles_edited",
        help_text="Everyone who has saved a version (added automatically).",
    )

    state = models.CharField(max_length=10, choices=State, default=State.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When readers can first see it; a future time schedules it."
    )
    last_reviewed_on = models.DateField(
        "last reviewed", null=True, blank=True, help_text="When an editor last checked it is still accurate."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    is_featured = models.BooleanField("featured", default=False, help_text="Shown first on the home page.")
    about_suicide_or_death = models.BooleanField(
        "about suicide or death",
        default=False,
        help_text="Shows help lines at the end of the article.",
    )

    discussion_category = models.ForeignKey(
        "forum.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Publishing opens a discussion thread here. A public category lets readers "
        "who have not joined follow the conversation.",
    )
    discussion_thread = models.OneToOneField(
        "forum.Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="article"
    )

    search_document = models.GeneratedField(
        expression=WeightedSearchDocument(
            (("title",), "A"),
            (("standfirst", "source_title", "source_author", "source_publication"), "B"),
            (("body", "summary", "why_chosen"), "C"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="published") | models.Q(published_at__isnull=False),
                name="articles_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-published_at"], name="articles_state_published"),
            models.Index(fields=["is_featured", "-published_at"], name="articles_featured"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:article", args=[self.slug])

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = "That address is used by another page. Please choose another."
        if self.kind == self.Kind.CURATED and not (self.source_url or "").strip():
            errors["source_url"] = (
                "A curated article needs the web address of the original piece, starting with https://."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_curated(self):
        return self.kind == self.Kind.CURATED

    def is_live_at(self, now):
        return (
            self.state == self.State.PUBLISHED and self.published_at is not None and self.published_at <= now
        )

    @property
    def is_live(self):
        return self.is_live_at(timezone.now())

    @property
    def is_scheduled(self):
        return self.state == self.State.PUBLISHED and not self.is_live

    @property
    def status_label(self):
        return "Scheduled" if self.is_scheduled else self.get_state_display()

    @property
    def safe_source_url(self):
        """The source address, only if it is a web address (checked again, whatever the database holds)."""
        url = (self.source_url or "").strip()
        return url if urlsplit(url).scheme.lower() in SOURCE_SCHEMES else ""

    @property
    def topic_values(self):
        # Selectors annotate `topic_list` ("grief,retired") so lists need no query per article.
        listed = getattr(self, "topic_list", None)
        if listed is not None:
            return [value for value in listed.split(",") if value]
        if self.pk is None:
            return []
        return list(self.topic_rows.values_list("topic", flat=True))

    @property
    def topics(self):
        return topic_items(self.topic_values)

    @property
    def open_discussion(self):
        """The discussion thread, unless its story was taken down or it waits for a moderator."""
        thread = self.discussion_thread
        if thread is None or thread.removed_by_author or not getattr(thread, "is_listed", True):
            return None
        return thread

    @property
    def shows_toc(self):
        # A table of contents helps in a long piece with several sections.
        return self.reading_minutes >= 4 and sum(1 for entry in self.toc if entry["level"] == 2) >= 3


class ArticleTopic(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="topic_rows")
    topic = models.CharField(max_length=20, choices=Topic)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "topic"], name="articles_topic_unique")]
        indexes = [models.Index(fields=["topic", "article"], name="articles_topic_lookup")]

    def __str__(self):
        return self.get_topic_display()


class ArticleRevision(models.Model):
    """One saved version of an article: written on every save and workflow change, never edited."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    saved_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    change = models.CharField(max_length=120, help_text="What this save did, e.g. “Saved” or “Published”.")
    state = models.CharField(max_length=10, choices=Article.State)
    title = models.CharField(max_length=140)
    # Everything else an editor can change, as it was after this save.
    content = models.JSONField(default=dict)

    class Meta:
        ordering = ["-saved_at", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.change}, {self.saved_at:%Y-%m-%d %H:%M})"
