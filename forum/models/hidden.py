from django.conf import settings
from django.db import models
from django.utils import timezone


class HiddenPost(models.Model):
    """A post one member chose to fold away for themselves ("Hide this post for me").

    Nobody else is affected or told; the member can show it again in place or
    from the list of posts they hid.
    """

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "post"], name="forum_hiddenpost_unique")]

    def __str__(self):
        return f"{self.member_id} hid post {self.post_id}"
