"""Reads for a member's public profile and their own list of hidden posts."""

from dataclasses import dataclass

from django.http import Http404

from accounts.models import Block
from accounts.selectors import member_for_profile
from forum.models import HiddenPost, Post
from forum.selectors.visibility import author_label, threads_visible_to

PROFILE_STORIES = 20
HIDDEN_POSTS_SHOWN = 100


@dataclass
class MemberProfile:
    member: object
    stories: list  # empty unless the member chose to list them
    is_self: bool
    blocked_by_viewer: bool


def member_profile(viewer, member_id):
    """What signed-in members see of a member: the name, the month they joined,
    and only what they chose to show. Never anything posted anonymously."""
    member = member_for_profile(member_id)
    if member is None:
        raise Http404("No such member.")
    stories = []
    if member.profile_show_stories:
        stories = list(
            threads_visible_to(viewer)
            .filter(author=member, is_anonymous=False, removed_by_author=False)
            .select_related("category")
            .order_by("-created_at")[:PROFILE_STORIES]
        )
    is_self = viewer.pk == member.pk
    blocked = not is_self and Block.objects.filter(blocker=viewer, blocked=member).exists()
    return MemberProfile(member=member, stories=stories, is_self=is_self, blocked_by_viewer=blocked)


def hidden_posts_for(member):
    """The posts this member hid for themselves, newest first."""
    rows = (
        HiddenPost.objects.filter(member=member)
        .select_related("post__thread", "post__author")
        .order_by("-created_at", "-pk")[:HIDDEN_POSTS_SHOWN]
    )
    result = []
    for row in rows:
        post = row.post
        post.shown_author = author_label(post, member)
        post.hidden_at = row.created_at
        result.append(post)
    return result


def post_for_hiding(user, post_id):
    from forum.selectors.threads import post_for_viewer

    return post_for_viewer(user, post_id)


__all__ = ["MemberProfile", "Post", "hidden_posts_for", "member_profile", "post_for_hiding"]
