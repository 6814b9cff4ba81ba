from django.utils.functional import SimpleLazyObject

from accounts.roles import is_moderator_for_menu
from forum.selectors import unread_notification_count


def notifications(request):
    """The unread count in the header, counted only if a page shows it."""
    return {
        "unread_notifications": SimpleLazyObject(lambda: unread_notification_count(request.user)),
        "show_moderation_link": SimpleLazyObject(lambda: is_moderator_for_menu(request.user)),
    }
