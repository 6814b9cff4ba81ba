"""Personal messages from the site to a member (see accounts.models.Notice)."""

from django.utils import timezone

from accounts.models import Notice


def notice_send(
    *, recipient, kind, title, body="", link_url="", link_text="", show_help_lines=False, now=None
):
    """Leave a message on the member's notifications page.

    Call inside the caller's transaction: the message exists exactly when the
    action that caused it does.
    """
    return Notice.objects.create(
        recipient=recipient,
        kind=kind,
        title=title[:200],
        body=body,
        link_url=link_url,
        link_text=link_text[:120],
        show_help_lines=show_help_lines,
        created_at=now or timezone.now(),
    )


def notices_mark_read(*, member, now=None):
    return Notice.objects.filter(recipient=member, read_at__isnull=True).update(read_at=now or timezone.now())


def unread_notice_count(member):
    if not member.is_authenticated:
        return 0
    return Notice.objects.filter(recipient=member, read_at__isnull=True).count()


def recent_notices(member, *, limit=20):
    return list(Notice.objects.filter(recipient=member).order_by("-created_at", "-pk")[:limit])
