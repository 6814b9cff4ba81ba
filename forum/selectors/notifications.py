from django.core.paginator import Paginator

from forum.models import Notification

NOTIFICATIONS_PER_PAGE = 30


def unread_notification_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user, *, page=1):
    rows = (
        Notification.objects.filter(recipient=user)
        .select_related("thread__category")
        .order_by("-updated_at", "-pk")
    )
    return Paginator(rows, NOTIFICATIONS_PER_PAGE).get_page(page)
