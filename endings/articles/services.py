"""Every write to articles: saving a version, moving through the workflow, opening the discussion.

Each save and each workflow change writes one ArticleRevision, so the history
of an article is complete. The Markdown is rendered here, once, at write time.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from endings.articles import permissions
from endings.articles.markup import reading_minutes, render_article_markdown
from endings.articles.models import RESERVED_SLUGS, Article, ArticleRevision, ArticleTopic
from endings.articles.topics import ENDING_TOPICS, Topic
from forum.limits import PostingRefused
from forum.markup import render_markdown
from forum.services import thread_create

State = Article.State
SLUG_LENGTH = 70

# Which states an article may move to from each state. Publishing again from
# "published" changes the time of a scheduled article.
TRANSITIONS = {
    State.DRAFT: {State.REVIEW, State.PUBLISHED, State.ARCHIVED},
    State.REVIEW: {State.DRAFT, State.PUBLISHED, State.ARCHIVED},
    State.PUBLISHED: {State.DRAFT, State.PUBLISHED, State.ARCHIVED},
    State.ARCHIVED: {State.DRAFT, State.PUBLISHED},
}

# The fields a revision keeps, beside its title and state.
CONTENT_FIELDS = [
    "kind",
    "slug",
    "standfirst",
    "body",
    "source_title",
    "source_author",
    "source_publication",
    "source_url",
    "source_date",
    "summary",
    "why_chosen",
    "last_reviewed_on",
    "is_featured",
    "about_suicide_or_death",
    "discussion_category_id",
    "published_at",
]


class ArticleRefused(Exception):
    """A change that cannot be made; the message is shown to the editor as it is."""


@dataclass
class TransitionResult:
    article: Article
    change: str  # what was done, e.g. "Published" or "Scheduled for 3 December 2026, 09:00"
    # What happened about the discussion thread, for the editor ("" when nothing did).
    discussion_note: str = ""


def _require_editor(editor):
    if not permissions.can_edit_articles(editor):
        raise ArticleRefused("Only editors can change articles.")


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _revision_write(*, article, editor, change, now):
    content = {name: _plain(getattr(article, name)) for name in CONTENT_FIELDS}
    content["topics"] = sorted(article.topic_rows.values_list("topic", flat=True))
    content["authors"] = sorted(article.authors.values_list("pk", flat=True))
    return ArticleRevision.objects.create(
        article=article,
        saved_at=now,
        saved_by=editor,
        change=change,
        state=article.state,
        title=article.title,
        content=content,
    )


def _unique_slug(title, exclude_pk=None):
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "article"
    if base in RESERVED_SLUGS:
        base = f"{base}-article"
    taken = set(
        Article.objects.exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def _render(article):
    article.body_html, article.toc = render_article_markdown(article.body)
    article.summary_html = render_markdown(article.summary) if article.summary.strip() else ""
    article.why_chosen_html = render_markdown(article.why_chosen) if article.why_chosen.strip() else ""
    if article.is_curated:
        article.reading_minutes = reading_minutes(article.standfirst, article.summary, article.why_chosen)
    else:
        article.reading_minutes = reading_minutes(article.body)


def _topics_set(article, topics):
    wanted = {topic for topic in topics if topic in Topic.values}
    ArticleTopic.objects.filter(article=article).exclude(topic__in=wanted).delete()
    have = set(ArticleTopic.objects.filter(article=article).values_list("topic", flat=True))
    ArticleTopic.objects.bulk_create([ArticleTopic(article=article, topic=t) for t in sorted(wanted - have)])


@transaction.atomic
def article_save(*, editor, article, topics, authors=None, change="Saved", now=None):
    """Save an article's words and details (never its workflow state) and keep the version.

    `article` carries the editor's changes (a form's unsaved instance). A new
    article starts as a draft. Raises ValidationError for invalid content (a
    curated article without a web address, a reserved or taken slug).
    """
    _require_editor(editor)
    now = now or timezone.now()
    if article.pk is None:
        article.state = State.DRAFT
        article.published_at = None
        article.discussion_thread = None
        article.created_at = now
    else:
        # The workflow fields belong to article_transition(), whatever the form carried.
        current = Article.objects.select_for_update().get(pk=article.pk)
        article.state = current.state
        article.published_at = current.published_at
        article.discussion_thread_id = current.discussion_thread_id
        article.created_at = current.created_at
    article.title = " ".join(article.title.split())
    article.standfirst = " ".join(article.standfirst.split())
    article.source_url = article.source_url.strip()
    if not article.slug:
        article.slug = _unique_slug(article.title, exclude_pk=article.pk)
    _render(article)
    article.updated_at = now
    article.full_clean(exclude=["search_document"])
    article.save()
    _topics_set(article, topics)
    if authors is not None:
        article.authors.set(authors)
    article.editors.add(editor)
    _revision_write(article=article, editor=editor, change=change, now=now)
    return article


def _completeness_check(article):
    """What publishing needs beyond what any save needs."""
    if article.is_curated:
        missing = [
            label
            for label, value in (
                ("the original's title", article.source_title),
                ("its web address", article.safe_source_url),
                ("a summary", article.summary.strip()),
            )
            if not value
        ]
        if missing:
            raise ArticleRefused(f"Before this can be published it needs {', '.join(missing)}.")
    elif not article.body.strip():
        raise ArticleRefused("Before this can be published it needs the article itself (the body).")


CHANGE_LABELS = {
    State.DRAFT: "Returned to draft",
    State.REVIEW: "Sent for review",
    State.ARCHIVED: "Archived",
}


@transaction.atomic
def article_transition(*, editor, article, state, publish_at=None, now=None):
    """Move an article through the workflow: draft, in review, published (now or later), archived.

    Publishing now opens the discussion in the article's chosen category, if it
    has none yet; a scheduled article's discussion opens when it goes live
    (article_discussions_open_due, run by Celery beat).
    """
    _require_editor(editor)
    now = now or timezone.now()
    article = Article.objects.select_for_update().get(pk=article.pk)
    if state not in TRANSITIONS.get(article.state, ()):
        raise ArticleRefused(
            f"An article that is {article.status_label.lower()} cannot be moved to "
            f"“{State(state).label.lower()}”."
        )
    if state == State.PUBLISHED:
        _completeness_check(article)
        if publish_at is None:
            if article.is_live_at(now):
                raise ArticleRefused("This article is already published.")
            # Brought back from the archive: it keeps the date it was first published.
            first = article.published_at
            publish_at = (
                first if first is not None and first <= now and article.state == State.ARCHIVED else now
            )
        article.published_at = publish_at
        change = (
            "Published"
            if publish_at <= now
            else f"Scheduled for {timezone.localtime(publish_at):%-d %B %Y, %H:%M}"
        )
    else:
        if state == State.DRAFT and article.published_at is not None and article.published_at > now:
            article.published_at = None  # no longer scheduled
        change = CHANGE_LABELS[state]
    article.state = state
    article.updated_at = now
    article.save(update_fields=["state", "published_at", "updated_at"])
    _revision_write(article=article, editor=editor, change=change, now=now)
    note = ""
    if article.is_live_at(now) and article.discussion_category_id and not article.discussion_thread_id:
        note = _discussion_open_or_explain(article=article, author=editor, now=now)
    return TransitionResult(article, change, note)


def _discussion_body(article):
    url = f"{settings.SITE_URL}{article.get_absolute_url()}"
    return (
        f"This is the place to talk about our article **{article.title}**.\n\n"
        f"> {article.standfirst}\n\n"
        f"Read it here: {url}\n\n"
        "What did it bring up for you? Your own experience is welcome, whatever it was."
    )


@transaction.atomic
def article_discussion_open(*, editor, article, category=None, now=None):
    """Open the article's discussion: an ordinary forum thread, started by the editor.

    Raises ArticleRefused when the article already has one, is not published,
    or the forum will not take the thread (its message says why).
    """
    _require_editor(editor)
    now = now or timezone.now()
    article = Article.objects.select_for_update().get(pk=article.pk)
    category = category or article.discussion_category
    if article.discussion_thread_id:
        raise ArticleRefused("This article already has a discussion.")
    if category is None:
        raise ArticleRefused("Please choose a category for the discussion.")
    if not article.is_live_at(now):
        raise ArticleRefused("The discussion opens once the article is published.")
    ending = next((value for value in article.topic_values if value in ENDING_TOPICS), "")
    try:
        thread = thread_create(
            author=editor,
            category=category,
            title=article.title,
            body=_discussion_body(article),
            ending=ending,
            now=now,
        )
    except PostingRefused as refusal:
        raise ArticleRefused(f"The discussion could not be opened: {refusal}") from refusal
    article.discussion_thread = thread
    article.discussion_category = category
    article.save(update_fields=["discussion_thread", "discussion_category"])
    _revision_write(article=article, editor=editor, change=f"Discussion opened in {category.name}", now=now)
    return thread


def _discussion_open_or_explain(*, article, author, now):
    try:
        with transaction.atomic():
            thread = article_discussion_open(editor=author, article=article, now=now)
    except ArticleRefused as refusal:
        return f"{refusal} You can open it later from the editor's page."
    if not getattr(thread, "is_listed", True):
        return "The discussion is open, and waits for a moderator to approve it before readers can see it."
    return f"The discussion is open in {thread.category.name}."


def article_discussions_open_due(*, now=None):
    """Open the discussions of scheduled articles that have gone live. Safe to run twice.

    The thread is started by the editor who last published the article.
    """
    now = now or timezone.now()
    opened = 0
    due = Article.objects.live(now).filter(discussion_category__isnull=False, discussion_thread__isnull=True)
    for article in due:
        publisher = (
            article.revisions.filter(state=State.PUBLISHED, saved_by__isnull=False)
            .select_related("saved_by")
            .first()
        )
        if publisher is None or not permissions.can_edit_articles(publisher.saved_by):
            continue
        try:
            article_discussion_open(editor=publisher.saved_by, article=article, now=now)
        except ArticleRefused:
            continue
        opened += 1
    return opened


def validation_messages(error):
    """A ValidationError's messages as plain sentences, for an admin action or a page."""
    return list(error.messages) if isinstance(error, ValidationError) else [str(error)]
