from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone


class EmailPreferences(models.Model):
    """What email a member wants. A member without a row has the defaults:
    no digest, no reply emails, discreet emails, moderator alerts on.

    `next_digest_at` (UTC) is when the member's next digest falls due, kept by
    the services so the scheduler finds due members with one indexed query.
    """

    class Digest(models.TextChoices):
        OFF = "off", "No summary"
        DAILY = "daily", "Once a day"
        WEEKLY = "weekly", "Once a week"

    class Replies(models.TextChoices):
        IMMEDIATELY = "immediately", "As they come"
        BATCHED = "batched", "Gathered together: at most one email every 10 minutes"
        OFF = "off", "No reply emails"

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="email_preferences",
    )
    digest = models.CharField(max_length=8, choices=Digest, default=Digest.OFF)
    # In the member's own time zone (User.time_zone).
    digest_hour = models.PositiveSmallIntegerField(default=8, validators=[MaxValueValidator(23)])
    digest_weekday = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(6)], help_text="0 is Monday."
    )
    replies = models.CharField(max_length=12, choices=Replies, default=Replies.OFF)
    # Subjects and bodies carry no post text and no story titles: only counts and links.
    discreet = models.BooleanField(default=True)
    # For moderators on the alert list: an email at once for each at-risk item.
    moderator_alerts = models.BooleanField(default=True)
    # Nothing at all from the delivery machinery (account emails such as password resets still come).
    all_stopped = models.BooleanField(default=False)
    # When the member last chose a digest: the first digest covers nothing older.
    digest_since = models.DateTimeField(null=True, blank=True)
    next_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The member's time zone when next_digest_at was worked out: a change is noticed by the scheduler.
    scheduled_time_zone = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "email preferences"
        verbose_name_plural = "email preferences"
        constraints = [
            models.CheckConstraint(condition=models.Q(digest_hour__lte=23), name="digests_prefs_hour_valid"),
            models.CheckConstraint(
                condition=models.Q(digest_weekday__lte=6), name="digests_prefs_weekday_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_digest_at"],
                condition=~models.Q(digest="off") & models.Q(all_stopped=False),
                name="digests_prefs_due",
            )
        ]

    def __str__(self):
        return f"Email preferences of {self.member_id}"

    @property
    def wants_digest(self):
        return self.digest != self.Digest.OFF and not self.all_stopped

    @property
    def wants_replies(self):
        return self.replies != self.Replies.OFF and not self.all_stopped


class Delivery(models.Model):
    """One email to one member, recorded before it is sent, exactly once.

    Unique per member, kind and period (a digest's day or week, a reply, a
    reply batch's ten minutes, an alert): the scheduler or a hook running
    twice finds the row already there. A sender claims the row (status
    "sending", a lease and a token) in one conditional UPDATE before sending,
    so two workers never both send it; a worker that dies leaves a lease that
    runs out, and the next dispatch hands the row to another worker.
    """

    class Kind(models.TextChoices):
        DIGEST = "digest", "Digest"
        REPLIES = "replies", "Reply email"
        ALERT = "alert", "Moderator alert"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        RETRYING = "retrying", "Waiting to try again"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Not sent"
        FAILED = "failed", "Failed"

    OPEN_STATUSES = (Status.PENDING, Status.SENDING, Status.RETRYING)

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_deliveries"
    )
    kind = models.CharField(max_length=8, choices=Kind)
    # "day:2026-11-21", "week:2026-11-16", "post:123", "batch:2026-11-21T10:20", "notice:45"
    period = models.CharField(max_length=40)
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    # Not before then: a reply batch's end, or the next try after a failure.
    due_at = models.DateTimeField(default=timezone.now)
    # When it was last handed to a worker; a row handed long ago and still open is handed again.
    dispatched_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Digests: what they cover.
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    # Reply emails: the replies they tell of.
    post_ids = models.JSONField(default=list, blank=True)
    # Moderator alerts: the notice they deliver.
    notice = models.ForeignKey(
        "accounts.Notice", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Why it was not sent ("nothing new", "stopped"...), or the last error.
    outcome = models.CharField(max_length=200, blank=True)
    last_error = models.TextField(blank=True)
    # Counts only, never text: what the email told of.
    summary = models.JSONField(default=dict, blank=True)
    message_id = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["member", "kind", "period"], name="digests_delivery_once"),
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(status__in=["pending", "sending", "retrying"]),
                name="digests_delivery_open",
            ),
            models.Index(fields=["member", "kind", "-window_end"], name="digests_delivery_last"),
            models.Index(fields=["status", "-created_at"], name="digests_delivery_status"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.member_id} ({self.period})"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES
