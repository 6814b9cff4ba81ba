from django.conf import settings
from django.db import models
from django.utils import timezone


class Notification(models.Model):
    """Unread news of one thread for one member, grouped: one open row per thread.

    A new reply updates the open row (its counts and latest post) instead of
    adding another, so a busy thread is one calm line, not fifty.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    thread = models.ForeignKey("forum.Thread", on_delete=models.CASCADE, related_name="+")
    latest_post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, related_name="+")
    replies_to_you = models.PositiveIntegerField(default=0)
    new_replies = models.PositiveIntegerField(default=0)
    # A new story in a category the member follows.
    new_story = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "thread"],
                condition=models.Q(read_at__isnull=True),
                name="forum_notification_one_unread_per_thread",
            )
        ]
        indexes = [models.Index(fields=["recipient", "-updated_at"], name="forum_notification_recent")]

    def __str__(self):
        return f"Notification for {self.recipient_id} about thread {self.thread_id}"

    @property
    def is_unread(self):
        return self.read_at is None
