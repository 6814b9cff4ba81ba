from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Coalesce, Concat, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from forum import tree


class PostSearchDocument(models.Func):
    """What full-text search reads: the story's title (weighted higher) and the body.

    PostgreSQL stores a weighted tsvector; the embedded SQLite default stores
    lower-cased text and searches it more simply (see forum/search.py).
    """

    output_field = SearchVectorField()

    def __init__(self):
        super().__init__(models.F("search_title"), models.F("body"))

    def as_postgresql(self, compiler, connection, **extra):
        title, body = self.get_source_expressions()
        vector = SearchVector(title, config="english", weight="A") + SearchVector(
            body, config="english", weight="B"
        )
        return compiler.compile(vector)

    def as_sql(self, compiler, connection, **extra):
        title, body = self.get_source_expressions()
        return compiler.compile(Lower(Concat(Coalesce(title, models.Value("")), models.Value(" "), body)))


class Post(models.Model):
    """One node of a thread's tree: the opening story (depth 0) or a reply.

    `path` is the materialized path: one fixed-width segment per level, so
    ordering by it is depth-first order. It is set once, at creation, and
    never changes. See forum/tree.py.
    """

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        REMOVED_BY_AUTHOR = "author_removed", "Removed by its author"
        # Waiting for a moderator: seen only by its author and the moderators.
        HELD = "held", "Waiting for review"
        # Not approved after review: seen only by its author and the moderators.
        DECLINED = "declined", "Not approved"
        # Shown in place as hidden until its author edits it.
        HIDDEN = "hidden", "Hidden until edited"
        # Shown in place as removed by a moderator; the text is kept for the audit.
        REMOVED = "removed", "Removed by a moderator"

    # Posts that only their author and the moderators can see at all.
    UNLISTED_STATUSES = (Status.HELD, Status.DECLINED)

    thread = models.ForeignKey("forum.Thread", on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=tree.MAX_PATH_LENGTH, blank=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # Deleted accounts leave their posts in place; the name shown at the time stays.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts"
    )
    author_name = models.CharField(max_length=40)
    is_anonymous = models.BooleanField(default=False)
    body = models.TextField()
    body_html = models.TextField()
    # The thread title, on the opening post only, so search matches titles too.
    search_title = models.CharField(max_length=140, blank=True, editable=False)
    search_document = models.GeneratedField(
        expression=PostSearchDocument(), output_field=SearchVectorField(), db_persist=True
    )
    status = models.CharField(max_length=16, choices=Status, default=Status.PUBLISHED)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    # Direct replies, and the last sequence number handed to a child (never reused).
    reply_count = models.PositiveIntegerField(default=0)
    child_seq = models.PositiveIntegerField(default=0)
    support_count = models.PositiveIntegerField(default=0)
    me_too_count = models.PositiveIntegerField(default=0)
    thanks_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "path"], name="forum_post_path_unique"),
            models.CheckConstraint(
                condition=models.Q(depth=0, parent__isnull=True)
                | models.Q(depth__gt=0, parent__isnull=False),
                name="forum_post_root_has_no_parent",
            ),
        ]
        indexes = [
            models.Index(fields=["thread", "depth", "path"], name="forum_post_level"),
            models.Index(fields=["author", "created_at"], name="forum_post_author_recent"),
        ]

    def __str__(self):
        return f"Post {self.pk} in thread {self.thread_id}"

    def get_absolute_url(self):
        return reverse("forum:post", args=[self.pk])

    @cached_property
    def link(self):
        """The permalink; the post's own pages (reply/, edit/, react/...) sit under it.

        Reversed once per post: a thread page shows hundreds of posts, each
        with several links."""
        return self.get_absolute_url()

    @property
    def is_opening(self):
        return self.depth == 0

    @property
    def is_removed(self):
        return self.status != self.Status.PUBLISHED

    @property
    def is_held(self):
        return self.status == self.Status.HELD

    @property
    def removal_label(self):
        """What others see in place of a post that is not published."""
        return {
            self.Status.REMOVED_BY_AUTHOR: "Removed by its author.",
            self.Status.HIDDEN: "Hidden by a moderator while its author edits it.",
            self.Status.REMOVED: "Removed by a moderator.",
            self.Status.HELD: "Waiting for a moderator to review it.",
            self.Status.DECLINED: "Not approved by a moderator.",
        }.get(self.status, "")

    # Set by selectors to the kinds of reaction the viewer has given.
    viewer_reactions = frozenset()

    @property
    def reaction_total(self):
        return self.support_count + self.me_too_count + self.thanks_count

    @property
    def reaction_summary(self):
        """(kind, label, count) for each kind of reaction, in a fixed order."""
        from forum.models.reactions import REACTION_COUNTERS, Reaction

        return [
            (kind, label, getattr(self, REACTION_COUNTERS[kind])) for kind, label in Reaction.Kind.choices
        ]


class PostRevision(models.Model):
    """An earlier version of a post, kept when it is edited. Seen only by moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=140, blank=True)
    body = models.TextField()
    body_html = models.TextField()
    written_at = models.DateTimeField(help_text="When this version was first published.")
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-replaced_at"]

    def __str__(self):
        return f"Version of post {self.post_id} from {self.written_at:%Y-%m-%d %H:%M}"
