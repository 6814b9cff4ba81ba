"""What one reader has chosen not to see, applied to the posts of a page.

A member can block members, mute words, choose whether stories with a content
note open folded, and hide single posts (accounts.models and forum.HiddenPost).
Pages load the member's filters in one query (blocks both ways, and which of
the page's posts they hid; muted words and the content-note choice come with
the member's own row) and apply them in Python:

- post.collapse_reason: why the post is folded for this reader ("you blocked
  this member", "contains a word you muted", "you hid this post"), or None.
  The template folds it in a <details>, so it opens without JavaScript.
- post.reply_refused: its author blocked this reader, so no "Reply" link (the
  kind refusal to show instead, or "").

Posts written anonymously are never folded *because of who wrote them*: that
would tell the reader who wrote them. Muted words and hiding still apply, and
a blocked member still cannot reply to the blocker's posts or reach them
through notifications (the block is kept server-side, where it leaks nothing).
"""

import html
import re
from dataclasses import dataclass

from django.db.models import CharField, Exists, OuterRef, Subquery, Value
from django.urls import reverse

from accounts.models import Block
from accounts.muting import muted_pattern
from forum.models import HiddenPost, Post

BLOCKED = "you blocked this member"
MUTED = "it contains a word you muted"
HIDDEN = "you hid this post"
# Shown when a blocked member tries to reply to a post of the member who blocked them.
REPLY_REFUSED = (
    "You can’t reply directly to this post: its author has chosen not to receive replies from you. "
    "You can still read the conversation, and you are always welcome to write a story of your own."
)


@dataclass(frozen=True)
class ViewerFilters:
    viewer_id: int | None = None
    blocked: frozenset = frozenset()
    blocked_by: frozenset = frozenset()
    hidden: frozenset = frozenset()
    muted: re.Pattern | None = None

    def collapse_reason(self, post):
        if self.viewer_id is None or post.author_id == self.viewer_id or post.is_removed:
            return None
        if post.pk in self.hidden:
            return HIDDEN
        if not post.is_anonymous and post.author_id in self.blocked:
            return BLOCKED
        if self.muted is not None and self.muted.search(post_text(post)):
            return MUTED
        return None

    def reply_refused(self, post):
        """The kind refusal to show instead of a reply form, or "" (see reply_refusal)."""
        return REPLY_REFUSED if not post.is_anonymous and post.author_id in self.blocked_by else ""


_TAG = re.compile(r"<[^>]*>")


def post_text(post):
    """The words of a post: its source when loaded, else its HTML without tags
    (thread pages do not load the Markdown source)."""
    if "body" not in post.get_deferred_fields():
        return post.body
    return html.unescape(_TAG.sub(" ", post.body_html or ""))


def _kind(label):
    return Value(label, output_field=CharField())


def viewer_filters_for(user, post_ids=()):
    """The reader's filters, in one query (none for signed-out readers)."""
    if not user.is_authenticated:
        return ViewerFilters()
    rows = (
        Block.objects.filter(blocker=user).annotate(kind=_kind("blocked")).values_list("blocked_id", "kind")
    )
    others = [
        Block.objects.filter(blocked=user)
        .annotate(kind=_kind("blocked_by"))
        .values_list("blocker_id", "kind")
    ]
    if post_ids:
        others.append(
            HiddenPost.objects.filter(member=user, post_id__in=list(post_ids))
            .annotate(kind=_kind("hidden"))
            .values_list("post_id", "kind")
        )
    found = {"blocked": set(), "blocked_by": set(), "hidden": set()}
    for pk, kind in rows.union(*others, all=True):
        found[kind].add(pk)
    return ViewerFilters(
        viewer_id=user.pk,
        blocked=frozenset(found["blocked"]),
        blocked_by=frozenset(found["blocked_by"]),
        hidden=frozenset(found["hidden"]),
        muted=muted_pattern(user),
    )


def posts_apply_viewer_filters(user, posts):
    """Mark each post (collapse_reason, reply_refused, viewer_hid) for this reader."""
    posts = [post for post in posts if post is not None]
    filters = viewer_filters_for(user, {post.pk for post in posts})
    # Profiles are for signed-in members; the path is built once, not reversed per post.
    profile_path = reverse("forum:member_profile", args=[0])[:-2] if user.is_authenticated else None
    for post in posts:
        post.collapse_reason = filters.collapse_reason(post)
        post.reply_refused = filters.reply_refused(post)
        post.viewer_hid = post.pk in filters.hidden
        post.profile_url = (
            f"{profile_path}{post.author_id}/"
            if profile_path and post.author_id and not post.is_anonymous
            else ""
        )
    return filters


def reply_guarded_by(author, parent):
    """The member whose block would stop `author` replying to `parent`, or None.

    An anonymous post is not protected this way, since refusing would tell the
    replier who wrote it; its author is still never notified of their replies.
    """
    if parent.is_anonymous or not parent.author_id or parent.author_id == author.pk:
        return None
    return parent.author_id


def reply_refusal(author, parent):
    """Why `author` may not reply to `parent`, or None: the parent's author blocked them."""
    guard = reply_guarded_by(author, parent)
    if guard and Block.objects.filter(blocker_id=guard, blocked_id=author.pk).exists():
        return REPLY_REFUSED
    return None


def _blocked_author(user):
    return Exists(Block.objects.filter(blocker=user, blocked=OuterRef("author")))


def threads_for_viewer(threads, user):
    """Lists leave out stories started by members the reader blocked (unless posted
    anonymously), and bring the opening text along when the reader mutes words."""
    if not user.is_authenticated:
        return threads
    threads = threads.exclude(_blocked_author(user), is_anonymous=False)
    if muted_pattern(user) is not None:
        threads = threads.annotate(
            opening_body=Subquery(Post.objects.filter(thread=OuterRef("pk"), depth=0).values("body")[:1])
        )
    return threads


def threads_mark_for_viewer(threads, user):
    """A listed story whose title or opening text has a muted word shows folded."""
    pattern = muted_pattern(user) if user.is_authenticated else None
    for thread in threads:
        thread.collapse_reason = None
        if pattern is None or thread.author_id == user.pk:
            continue
        if pattern.search(thread.title) or pattern.search(getattr(thread, "opening_body", "") or ""):
            thread.collapse_reason = MUTED
    return threads


def posts_for_viewer(posts, user):
    """Search results leave out posts by members the reader blocked (unless anonymous)."""
    if not user.is_authenticated:
        return posts
    return posts.exclude(_blocked_author(user), is_anonymous=False)


def posts_mark_for_viewer(posts, user):
    """Search results: a post with a muted word shows folded (no query: the muted
    words come with the reader's own row)."""
    if not user.is_authenticated:
        return posts
    filters = ViewerFilters(viewer_id=user.pk, muted=muted_pattern(user))
    for post in posts:
        post.collapse_reason = filters.collapse_reason(post)
    return posts
