from django.conf import settings
from django.db import models
from django.utils import timezone


class Reaction(models.Model):
    """Support, not votes: counted on the post, never ranked."""

    class Kind(models.TextChoices):
        SUPPORT = "support", "Sending support"
        ME_TOO = "me_too", "Me too"
        THANKS = "thanks", "Thank you"

    post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=10, choices=Kind)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member", "kind"], name="forum_reaction_unique")
        ]
        indexes = [models.Index(fields=["member", "post"], name="forum_reaction_member")]

    def __str__(self):
        return f"{self.get_kind_display()} on post {self.post_id}"


# The Post column that counts each kind.
REACTION_COUNTERS = {
    Reaction.Kind.SUPPORT: "support_count",
    Reaction.Kind.ME_TOO: "me_too_count",
    Reaction.Kind.THANKS: "thanks_count",
}
