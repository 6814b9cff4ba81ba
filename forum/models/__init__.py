from forum.models.categories import Category
from forum.models.hidden import HiddenPost
from forum.models.moderation import (
    MEMBER_REASONS,
    Appeal,
    Flag,
    MemberNote,
    ModerationAction,
    ModeratorAlertSubscription,
    Priority,
    QueueItem,
    Reason,
    SafetyRule,
)
from forum.models.notifications import Notification
from forum.models.posts import Post, PostRevision
from forum.models.reactions import Reaction
from forum.models.threads import CategoryFollow, Thread, ThreadFollow, ThreadVisit

__all__ = [
    "MEMBER_REASONS",
    "Appeal",
    "Category",
    "CategoryFollow",
    "Flag",
    "HiddenPost",
    "MemberNote",
    "ModerationAction",
    "ModeratorAlertSubscription",
    "Notification",
    "Post",
    "PostRevision",
    "Priority",
    "QueueItem",
    "Reaction",
    "Reason",
    "SafetyRule",
    "Thread",
    "ThreadFollow",
    "ThreadVisit",
]
