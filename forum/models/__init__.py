from forum.models.categories import Category
from forum.models.notifications import Notification
from forum.models.posts import Post, PostRevision
from forum.models.reactions import Reaction
from forum.models.threads import CategoryFollow, Thread, ThreadFollow, ThreadVisit

__all__ = [
    "Category",
    "CategoryFollow",
    "Notification",
    "Post",
    "PostRevision",
    "Reaction",
    "Thread",
    "ThreadFollow",
    "ThreadVisit",
]
