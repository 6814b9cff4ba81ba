"""Every write to the forum. Views call these; nothing else changes forum rows."""

from forum.services.follows import category_follow_set, thread_follow_set, thread_visit_record
from forum.services.notifications import notifications_mark_read, notifications_record_for_post
from forum.services.posting import (
    post_delete_own,
    post_edit,
    reply_create,
    thread_counters_resync,
    thread_create,
)
from forum.services.reactions import reaction_toggle

__all__ = [
    "category_follow_set",
    "notifications_mark_read",
    "notifications_record_for_post",
    "post_delete_own",
    "post_edit",
    "reaction_toggle",
    "reply_create",
    "thread_counters_resync",
    "thread_create",
    "thread_follow_set",
    "thread_visit_record",
]
