"""The forum's part of a member's data export and account deletion.

Registered with accounts.member_data from ForumConfig.ready(), so that accounts
can export and delete a member without importing forum.

- Export: stories, every post (with its text), earlier versions, reactions given,
  follows, hidden posts, and the reports and appeals the member made. Never who
  reported the member, and never other members' names or addresses.
- Erase ("erase my words"): every post loses its text and its author; published
  posts become "removed by its author" in place, so others' replies stay where
  they are. Earlier versions are deleted, story titles cleared.
- Anonymise ("keep my words, anonymously"): posts stay, with no author and no
  name, so they show "a former member".
- Both: reactions given are taken back (counters corrected), follows, visits,
  notifications and hidden posts deleted, and the moderation records keep what
  they need without pointing at the member or naming them.
"""

from django.conf import settings
from django.db.models import F

from forum.models import (
    Appeal,
    CategoryFollow,
    Flag,
    HiddenPost,
    MemberNote,
    ModerationAction,
    Notification,
    Post,
    PostRevision,
    Reaction,
    Thread,
    ThreadFollow,
    ThreadVisit,
)
from forum.models.reactions import REACTION_COUNTERS
from forum.selectors.visibility import FORMER_MEMBER_NAME

SECTIONS = {
    "stories": "Stories you started",
    "posts": "Everything you wrote (stories and replies)",
    "earlier_versions": "Earlier versions of posts you edited",
    "reactions_given": "Reactions you gave",
    "stories_followed": "Stories you follow",
    "categories_followed": "Categories you follow",
    "hidden_posts": "Posts you hid for yourself",
    "reports_made": "Reports you made",
    "appeals_made": "Appeals you made",
}


def _link(path):
    return f"{settings.SITE_URL}{path}"


def _when(value):
    return value.isoformat() if value else None


def export_member(member):
    posts = list(
        Post.objects.filter(author=member)
        .select_related("thread__category", "parent")
        .order_by("created_at", "pk")
    )
    data = {
        "stories": [
            {
                "title": thread.title,
                "category": thread.category.name,
                "started_at": _when(thread.created_at),
                "how_it_ended": thread.get_ending_display(),
                "content_note": thread.content_note_label if thread.content_note else "",
                "posted_anonymously": thread.is_anonymous,
                "removed_by_you": thread.removed_by_author,
                "replies": thread.reply_count,
                "link": _link(thread.get_absolute_url()),
            }
            for thread in Thread.objects.filter(author=member)
            .select_related("category")
            .order_by("created_at")
        ],
        "posts": [
            {
                "story": post.thread.title,
                "kind": "story" if post.is_opening else "reply",
                "written_at": _when(post.created_at),
                "edited_at": _when(post.edited_at),
                "status": post.get_status_display(),
                "posted_anonymously": post.is_anonymous,
                "in_reply_to": _link(post.parent.get_absolute_url()) if post.parent_id else "",
                "link": _link(post.get_absolute_url()),
                "text": post.body,
            }
            for post in posts
        ],
        "earlier_versions": [
            {
                "post": _link(revision.post.get_absolute_url()),
                "title": revision.title,
                "written_at": _when(revision.written_at),
                "replaced_at": _when(revision.replaced_at),
                "text": revision.body,
            }
            for revision in PostRevision.objects.filter(post__author=member)
            .select_related("post")
            .order_by("post_id", "written_at")
        ],
        "reactions_given": [
            {
                "reaction": reaction.get_kind_display(),
                "given_at": _when(reaction.created_at),
                "story": reaction.post.thread.shown_title,
                "post": _link(reaction.post.get_absolute_url()),
            }
            for reaction in Reaction.objects.filter(member=member)
            .select_related("post__thread")
            .order_by("created_at")
        ],
        "stories_followed": [
            {
                "story": follow.thread.shown_title,
                "since": _when(follow.created_at),
                "following": follow.following,
                "link": _link(follow.thread.get_absolute_url()),
            }
            for follow in ThreadFollow.objects.filter(member=member)
            .select_related("thread")
            .order_by("created_at")
        ],
        "categories_followed": [
            {"category": follow.category.name, "since": _when(follow.created_at)}
            for follow in CategoryFollow.objects.filter(member=member).select_related("category")
        ],
        "hidden_posts": [
            {"post": _link(hidden.post.get_absolute_url()), "hidden_at": _when(hidden.created_at)}
            for hidden in HiddenPost.objects.filter(member=member)
            .select_related("post")
            .order_by("created_at")
        ],
        "reports_made": _reports_made(member),
        "appeals_made": _appeals_made(member),
    }
    return data


def _reports_made(member):
    """The member's own reports: reason, note, date, the post. Only `reporter=member`
    rows are read, so nobody who reported the member can appear here."""
    rows = Flag.objects.filter(reporter=member).select_related("post").order_by("created_at")
    return [
        {
            "reason": row.get_reason_display(),
            "note": row.note,
            "made_at": _when(row.created_at),
            "post": _link(row.post.get_absolute_url()),
        }
        for row in rows
    ]


def _appeals_made(member):
    rows = Appeal.objects.filter(author=member).select_related("post")
    return [
        {"made_at": _when(row.created_at), "post": _link(row.post.get_absolute_url()), "text": row.statement}
        for row in rows
    ]


def _take_back_reactions(member):
    given = 0
    for kind, counter in REACTION_COUNTERS.items():
        post_ids = Reaction.objects.filter(member=member, kind=kind).values("post_id")
        given += Post.objects.filter(pk__in=post_ids).update(**{counter: F(counter) - 1})
    Reaction.objects.filter(member=member).delete()
    return given


def _moderation_records(member, *, erase):
    """Moderation keeps what it needs, pointing at no one and naming no one.

    The audit log is append-only for moderators (ModerationAction.save refuses
    changes); taking a deleted member's name out of it is the one exception,
    made with a queryset update.
    """
    appeals = Appeal.objects.filter(author=member)
    return {
        "reports_made": Flag.objects.filter(reporter=member).update(reporter=None),
        "reports_about": Flag.objects.filter(post_author=member).update(post_author=None),
        "audit_as_member": ModerationAction.objects.filter(member=member).update(
            member=None, member_name=FORMER_MEMBER_NAME
        ),
        "audit_as_moderator": ModerationAction.objects.filter(moderator=member).update(
            moderator=None, moderator_name=FORMER_MEMBER_NAME
        ),
        "appeals": appeals.update(**({"author": None, "statement": ""} if erase else {"author": None})),
        # Moderators' private notes about this member go with the member.
        "moderator_notes": MemberNote.objects.filter(member=member).delete()[0],
    }


def _remove_traces(member, *, erase):
    return {
        "reactions_taken_back": _take_back_reactions(member),
        "story_follows": ThreadFollow.objects.filter(member=member).delete()[0],
        "category_follows": CategoryFollow.objects.filter(member=member).delete()[0],
        "visits": ThreadVisit.objects.filter(member=member).delete()[0],
        "notifications": Notification.objects.filter(recipient=member).delete()[0],
        "hidden_posts": HiddenPost.objects.filter(member=member).delete()[0],
        "revisions_edited": PostRevision.objects.filter(replaced_by=member).update(replaced_by=None),
        **_moderation_records(member, erase=erase),
    }


def erase_member(member, *, now):
    post_ids = list(Post.objects.filter(author=member).values_list("pk", flat=True))
    counts = {"revisions_deleted": PostRevision.objects.filter(post_id__in=post_ids).delete()[0]}
    counts["posts_removed"] = Post.objects.filter(pk__in=post_ids, status=Post.Status.PUBLISHED).update(
        status=Post.Status.REMOVED_BY_AUTHOR, removed_at=now
    )
    counts["posts_erased"] = Post.objects.filter(pk__in=post_ids).update(
        body="", body_html="", search_title="", author=None, author_name=""
    )
    counts["stories_erased"] = Thread.objects.filter(author=member).update(
        title="", slug="", content_note_other="", removed_by_author=True, author=None
    )
    counts.update(_remove_traces(member, erase=True))
    return counts


def anonymise_member(member, *, now):
    counts = {
        "posts_anonymised": Post.objects.filter(author=member).update(author=None, author_name=""),
        "stories_anonymised": Thread.objects.filter(author=member).update(author=None),
    }
    counts.update(_remove_traces(member, erase=False))
    return counts


def register():
    from accounts import member_data

    member_data.register(
        name="forum",
        title="Stories and replies",
        sections=SECTIONS,
        exporter=export_member,
        eraser=erase_member,
        anonymiser=anonymise_member,
        position=10,
    )
