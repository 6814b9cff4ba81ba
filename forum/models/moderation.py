"""Reports, the moderation queue, safety rules, sanctions, appeals and the audit log."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Reason(models.TextChoices):
    """Why a post is in the queue: what a member reported, or what a check found."""

    AT_RISK = "at_risk", "Someone may be at risk"
    METHOD = "method", "Method or graphic detail"
    UNKIND = "unkind", "Unkind or harassing"
    IDENTIFIES = "identifies", "Names or identifies someone"
    SPAM = "spam", "Spam"
    OTHER = "other", "Something else"
    # Raised by the site itself, never chosen by a member.
    FIRST_POSTS = "first_posts", "A new member's first posts"
    WATCHED_WORD = "watched_word", "A watched word"


MEMBER_REASONS = [Reason.AT_RISK, Reason.METHOD, Reason.UNKIND, Reason.IDENTIFIES, Reason.SPAM, Reason.OTHER]


class Priority(models.IntegerChoices):
    AT_RISK = 1, "Someone may be at risk"
    HELD = 2, "Waiting for review"
    OTHER = 3, "Reports"


class QueueItem(models.Model):
    """Everything the moderators need to decide about one post.

    One item per post and kind: reports and automatic signals about the post
    gather on it (as Flags). Acting on an item locks its row and checks
    `version`, so two moderators acting at once produce one action.
    """

    class Kind(models.TextChoices):
        REVIEW = "review", "Review"
        APPEAL = "appeal", "Appeal"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    post = models.ForeignKey("forum.Post", on_delete=models.PROTECT, related_name="queue_items")
    # Copied from the post's thread, so filtering by category needs no join.
    category = models.ForeignKey("forum.Category", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind, default=Kind.REVIEW)
    status = models.CharField(max_length=8, choices=Status, default=Status.OPEN)
    priority = models.PositiveSmallIntegerField(choices=Priority, default=Priority.OTHER)
    # When the item last became open: the queue is oldest first within a priority.
    opened_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    flag_count = models.PositiveIntegerField(default=0)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    first_action_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(max_length=32, blank=True)
    # An appeal must be decided by someone other than the moderator who removed the post.
    excluded_moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "kind"], name="forum_queueitem_one_per_post_and_kind"),
        ]
        indexes = [
            models.Index(fields=["status", "priority", "opened_at"], name="forum_queue_order"),
            models.Index(
                fields=["category", "status", "priority", "opened_at"], name="forum_queue_by_category"
            ),
        ]

    def __str__(self):
        return f"Queue item {self.pk} ({self.get_priority_display()}) for post {self.post_id}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def is_at_risk(self):
        return self.priority == Priority.AT_RISK


class Flag(models.Model):
    """One report by a member, or one automatic signal, about a post.

    A member has one report per post: reporting again updates the note.
    """

    item = models.ForeignKey(QueueItem, on_delete=models.CASCADE, related_name="flags")
    post = models.ForeignKey("forum.Post", on_delete=models.PROTECT, related_name="flags")
    # Empty for automatic signals. Never shown to the post's author.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_made",
    )
    # The member the report is about, kept for their history and the report-burst check.
    post_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=16, choices=Reason)
    note = models.TextField(blank=True)
    # For automatic signals: which rule or check raised it.
    source = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # When the reporter was told, in general terms, what came of it.
    outcome_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(reporter__isnull=False),
                name="forum_flag_one_report_per_member",
            )
        ]
        indexes = [
            models.Index(fields=["item", "reason"], name="forum_flag_item_reason"),
            models.Index(fields=["reporter", "created_at"], name="forum_flag_reporter_recent"),
            models.Index(fields=["post_author", "created_at"], name="forum_flag_about_member"),
            models.Index(fields=["created_at"], name="forum_flag_recent"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} on post {self.post_id}"

    @property
    def is_automatic(self):
        return not self.reporter_id and bool(self.source)


class SafetyRule(models.Model):
    """A regular expression checked against every new or edited post."""

    class Kind(models.TextChoices):
        AT_RISK = "at_risk", "Suicidal or self-harm language (publish, open an at-risk item, offer help)"
        METHOD = "method", "Method or graphic detail (hold for review)"
        WATCHED = "watched", "Watched word (the action below)"

    class Action(models.TextChoices):
        BLOCK = "block", "Block: refuse the post with a message"
        HOLD = "hold", "Hold the post for review"
        REPORT = "report", "Publish and report it to the queue"

    kind = models.CharField(max_length=8, choices=Kind)
    pattern = models.CharField(
        max_length=500, help_text="A regular expression, matched without regard to case."
    )
    action = models.CharField(
        max_length=8, choices=Action, default=Action.REPORT, help_text="Used by watched words only."
    )
    description = models.CharField(max_length=200, blank=True, help_text="What this rule is for.")
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "pattern"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.pattern}"


class Appeal(models.Model):
    """The author of a removed post asks for a second look. Once per removal."""

    post = models.ForeignKey("forum.Post", on_delete=models.PROTECT, related_name="appeals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    statement = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    item = models.OneToOneField(QueueItem, on_delete=models.PROTECT, related_name="appeal")

    def __str__(self):
        return f"Appeal on post {self.post_id}"


class MemberNote(models.Model):
    """A moderator's note about a member, seen only by moderators."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Note on member {self.member_id}"


class ModeratorAlertSubscription(models.Model):
    """A moderator on the alert list: told at once about every at-risk item."""

    moderator = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Alerts for moderator {self.moderator_id}"


class ModerationAction(models.Model):
    """The append-only audit log: who did what, when, why, and what changed.

    Names are copied at the time, so the log stays readable after an account
    is deleted; it never stores an email address.
    """

    class Action(models.TextChoices):
        CLAIM = "claim", "Claimed"
        RELEASE = "release", "Released"
        KEEP = "keep", "Kept (reports dismissed)"
        APPROVE = "approve", "Approved"
        DECLINE = "decline", "Not approved"
        HIDE = "hide", "Hidden until edited"
        REMOVE = "remove", "Removed"
        REDACT = "redact", "Redacted an excerpt"
        LOCK = "lock", "Locked the thread"
        UNLOCK = "unlock", "Unlocked the thread"
        MOVE = "move", "Moved the thread"
        SILENCE = "silence", "Silenced the member"
        SUSPEND = "suspend", "Suspended the member"
        REACH_OUT = "reach_out", "Reached out"
        APPEAL_UPHELD = "appeal_upheld", "Appeal: removal upheld"
        APPEAL_GRANTED = "appeal_granted", "Appeal: post restored"
        NOTE = "note", "Added a note"
        AUTO_HIDE = "auto_hide", "Hidden automatically after several reports"
        RULE_CHANGE = "rule_change", "Changed a safety rule"

    action = models.CharField(max_length=16, choices=Action)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderator_name = models.CharField(max_length=40, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    member_name = models.CharField(max_length=40, blank=True)
    item = models.ForeignKey(
        QueueItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    post = models.ForeignKey("forum.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    thread = models.ForeignKey(
        "forum.Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-created_at"], name="forum_audit_recent"),
            models.Index(fields=["member", "-created_at"], name="forum_audit_by_member"),
            models.Index(fields=["action", "-created_at"], name="forum_audit_by_action"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.moderator_name or 'the site'}"

    def save(self, *args, **kwargs):
        # The log is append-only: a row, once written, is never changed.
        if self.pk is not None and not self._state.adding:
            raise ValueError("The moderation audit log cannot be changed.")
        super().save(*args, **kwargs)
