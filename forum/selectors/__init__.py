"""Reads for the forum's pages. They own visibility and eager loading, so each
page runs a fixed number of queries whatever the size of the forum."""

from forum.selectors.lists import ThreadListing, categories_visible, thread_listing
from forum.selectors.notifications import notifications_for, unread_notification_count
from forum.selectors.search import SearchResults, search_posts
from forum.selectors.threads import (
    ThreadPage,
    post_for_viewer,
    post_location,
    posts_prepare,
    revisions_for,
    thread_page,
)
from forum.selectors.visibility import (
    author_label,
    posts_visible_to,
    thread_for_viewer,
    threads_visible_to,
)

__all__ = [
    "SearchResults",
    "ThreadListing",
    "ThreadPage",
    "author_label",
    "categories_visible",
    "notifications_for",
    "post_for_viewer",
    "post_location",
    "posts_prepare",
    "posts_visible_to",
    "revisions_for",
    "search_posts",
    "thread_for_viewer",
    "thread_listing",
    "thread_page",
    "threads_visible_to",
    "unread_notification_count",
]
