from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from forum.models.categories import Category


class Thread(models.Model):
    """A story and everything said under it. Its opening post is the depth-0 post."""

    class Ending(models.TextChoices):
        RETIRED_OR_MOVED = "retired", "Retired or moved"
        ABRUPT = "abrupt", "Ended abruptly"
        ILLNESS_OR_DEATH = "illness", "Illness or death"
        PLANNED = "planned", "Planned or mutual"
        CLIENT_ENDED = "client", "I ended it"
        BOUNDARIES = "boundaries", "Boundaries"
        OTHER = "other", "Other"

    class ContentNote(models.TextChoices):
        SUICIDE = "suicide", "Suicide or self-harm"
        DEATH = "death", "Death"
        ABUSE = "abuse", "Abuse"
        BOUNDARY_VIOLATION = "boundary", "Boundary violation"
        OTHER = "other", "Other"

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=140)
    slug = models.SlugField(max_length=80, allow_unicode=False, blank=True)
    ending = models.CharField("how it ended", max_length=12, choices=Ending, blank=True)
    content_note = models.CharField(max_length=12, choices=ContentNote, blank=True)
    content_note_other = models.CharField(max_length=60, blank=True)
    # The opening post's author, copied here so lists need no second join.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="threads"
    )
    is_anonymous = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    reply_count = models.PositiveIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    removed_by_author = models.BooleanField(default=False)
    # False while the opening post waits for review, or after it was not approved:
    # then only its author and the moderators can open the thread.
    is_listed = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["category", "-last_activity_at"], name="forum_thread_cat_activity"),
            models.Index(fields=["category", "-created_at"], name="forum_thread_cat_created"),
            models.Index(fields=["-last_activity_at"], name="forum_thread_activity"),
            models.Index(fields=["-created_at"], name="forum_thread_created"),
            models.Index(
                fields=["created_at"], condition=models.Q(reply_count=0), name="forum_thread_unanswered"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:thread", args=[self.pk, self.slug or "story"])

    @property
    def is_locked(self):
        return self.locked_at is not None

    @property
    def content_note_label(self):
        if self.content_note == self.ContentNote.OTHER and self.content_note_other:
            return self.content_note_other
        return self.get_content_note_display()

    @property
    def shown_title(self):
        return "A story removed by its author" if self.removed_by_author else self.title


class ThreadVisit(models.Model):
    """When a member last opened a thread: what is "new since your last visit"."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="visits")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "thread"], name="forum_visit_unique")]

    def __str__(self):
        return f"{self.member_id} saw thread {self.thread_id} at {self.seen_at:%Y-%m-%d %H:%M}"


class ThreadFollow(models.Model):
    """A member following a thread. Stopping keeps the row so replying later does not re-follow."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    following = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "thread"], name="forum_threadfollow_unique")]
        indexes = [
            models.Index(fields=["thread"], condition=models.Q(following=True), name="forum_follow_active")
        ]

    def __str__(self):
        return f"{self.member_id} {'follows' if self.following else 'stopped following'} {self.thread_id}"


class CategoryFollow(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "category"], name="forum_categoryfollow_unique")
        ]

    def __str__(self):
        return f"{self.member_id} follows category {self.category_id}"
