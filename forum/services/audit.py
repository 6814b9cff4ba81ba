"""The moderation audit log: one row per moderator action, never changed."""

from django.utils import timezone

from forum.models import ModerationAction


def audit_record(
    *,
    action,
    moderator=None,
    member=None,
    item=None,
    post=None,
    thread=None,
    reason="",
    before=None,
    after=None,
    now=None,
):
    return ModerationAction.objects.create(
        action=action,
        moderator=moderator,
        moderator_name=moderator.display_name if moderator else "",
        member=member,
        member_name=member.display_name if member else "",
        item=item,
        post=post,
        thread=thread,
        reason=reason,
        before=before or {},
        after=after or {},
        created_at=now or timezone.now(),
    )
