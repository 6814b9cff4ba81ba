from django.core.paginator import Paginator
from django.db.models import Count, Max, Subquery
from django.db.models.functions import Coalesce

from accounts.models import Notice, User
from forum.models import Notification

NOTIFICATIONS_PER_PAGE = 30


def _unread(model, user):
    return Coalesce(
        Subquery(
            model.objects.filter(recipient=user, read_at__isnull=True)
            .values("recipient")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def unread_notification_count(user):
    """Unread thread news plus unread personal messages, in one query."""
    if not user.is_authenticated:
        return 0
    counts = User.objects.filter(pk=user.pk).aggregate(
        news=Max(_unread(Notification, user)), notices=Max(_unread(Notice, user))
    )
    return (counts["news"] or 0) + (counts["notices"] or 0)


def notifications_for(user, *, page=1):
    rows = (
        Notification.objects.filter(recipient=user)
        .select_related("thread__category")
        .order_by("-updated_at", "-pk")
    )
    return Paginator(rows, NOTIFICATIONS_PER_PAGE).get_page(page)
