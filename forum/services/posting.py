from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, F, Max, Value
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Block
from forum import permissions, tree
from forum.limits import PostingRefused, posting_limits_check
from forum.markup import render_markdown
from forum.models import Category, Post, PostRevision, Reason, Thread
from forum.selectors.viewer_filters import REPLY_REFUSED, reply_guarded_by
from forum.services import queue, safety
from forum.services.follows import thread_follow_auto

SLUG_LENGTH = 60


def _cannot_post_message(member):
    if member.is_authenticated and member.is_silenced():
        until = timezone.localtime(member.silenced_until).strftime("%-d %B %Y")
        return (
            f"A moderator has paused your posting until {until}. You can still read everything. "
            "There is a message about it on your notifications page."
        )
    return "Your account cannot post at the moment."


def _story_slug(title):
    return slugify(title)[:SLUG_LENGTH].strip("-") or "story"


def _lock_author_and_check_limits(author, body, now, *, blocked_by=None):
    """Lock the member's row, refuse a reply their blocker would not want, check the limits.

    Holding the member's row serialises their posting, so a double-clicked
    submit cannot slip two identical posts past the duplicate check. The block
    is read in the same statement, as posting runs on every reply.
    """
    blocked = (
        Exists(Block.objects.filter(blocker_id=blocked_by, blocked_id=author.pk))
        if blocked_by
        else Value(False)
    )
    is_blocked = (
        get_user_model().objects.select_for_update(of=("self",)).filter(pk=author.pk)
        .annotate(blocked=blocked).values_list("blocked", flat=True).get()
    )  # fmt: skip
    if is_blocked:
        raise PostingRefused(REPLY_REFUSED)
    return posting_limits_check(member=author, body=body, now=now)


def enqueue_notifications(post):
    from forum.tasks import post_notify

    post_notify.delay_on_commit(post.pk)


def _review_or_refuse(author, text, now, *, is_edit=False, published_posts=None):
    review = safety.post_review(
        author=author, text=text, now=now, is_edit=is_edit, published_posts=published_posts
    )
    if review.blocked:
        raise PostingRefused(
            "Something in what you wrote is not allowed on Endings, so it has not been posted. "
            "Please look at our community guidelines and change it; your words are still here."
        )
    return review


def _signals_after_write(post, review):
    """Open the queue items the review calls for, once the post row exists."""
    signals = review.at_risk + review.hold + review.report
    if signals:
        queue.signals_record(post=post, signals=signals, now=post.created_at)
    post.review = review


def _post_row_create(*, thread, author, body, is_anonymous, now, status=Post.Status.PUBLISHED, **place):
    """The one post row a story or reply writes; `place` is its spot in the tree."""
    return Post.objects.create(
        thread=thread,
        author=author,
        author_name=author.display_name,
        is_anonymous=is_anonymous,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
        status=status,
        **place,
    )


@transaction.atomic
def thread_create(
    *,
    author,
    category,
    title,
    body,
    ending="",
    content_note="",
    content_note_other="",
    is_anonymous=False,
    now=None,
):
    """Start a story: the thread and its opening post."""
    now = now or timezone.now()
    if not permissions.can_post(author):
        raise PostingRefused(_cannot_post_message(author))
    if not permissions.can_start_thread(author, category):
        raise PostingRefused("New stories cannot be started in this category. Please choose another.")
    counts = _lock_author_and_check_limits(author, body, now)
    review = _review_or_refuse(author, f"{title}\n{body}", now, published_posts=counts["published"])
    thread = Thread.objects.create(
        category=category,
        title=title,
        slug=_story_slug(title),
        ending=ending,
        content_note=content_note,
        content_note_other=content_note_other if content_note == Thread.ContentNote.OTHER else "",
        author=author,
        is_anonymous=is_anonymous,
        created_at=now,
        last_activity_at=now,
        is_listed=not review.is_held,
    )
    opening = _post_row_create(
        thread=thread,
        author=author,
        body=body,
        is_anonymous=is_anonymous,
        now=now,
        search_title=title,
        status=Post.Status.HELD if review.is_held else Post.Status.PUBLISHED,
    )
    thread_follow_auto(member=author, thread=thread, now=now)
    if not review.is_held:
        # A held story joins the category's count and its followers' news when approved.
        Category.objects.filter(pk=category.pk).update(thread_count=F("thread_count") + 1)
        enqueue_notifications(opening)
    _signals_after_write(opening, review)
    thread.opening_post = opening
    return thread


@transaction.atomic
def reply_create(*, author, parent, body, is_anonymous=False, now=None):
    """Reply to the opening post or to any reply: one post row plus counters."""
    now = now or timezone.now()
    thread = parent.thread
    if not permissions.can_reply(author, thread):
        if thread.is_locked:
            raise PostingRefused(
                "This thread has been locked, so it is not taking new replies. You are welcome "
                "to start a story of your own."
            )
        raise PostingRefused(_cannot_post_message(author))
    if parent.depth + 1 > tree.MAX_DEPTH:
        raise PostingRefused(
            "This conversation has grown very deep. Please reply to an earlier post in it instead."
        )
    if parent.status not in (Post.Status.PUBLISHED, Post.Status.REMOVED_BY_AUTHOR, Post.Status.REMOVED):
        raise PostingRefused(
            "This post is not open for replies right now. You can reply to the story instead."
        )
    # Refused if the parent's author blocked this member (forum/selectors/viewer_filters.py).
    counts = _lock_author_and_check_limits(author, body, now, blocked_by=reply_guarded_by(author, parent))
    review = _review_or_refuse(author, body, now, published_posts=counts["published"])
    # The parent's row lock hands out sibling numbers one at a time. A held reply
    # takes its number now but joins the counts only when it is approved.
    seq = Post.objects.select_for_update().values_list("child_seq", flat=True).get(pk=parent.pk) + 1
    counted = 0 if review.is_held else 1
    Post.objects.filter(pk=parent.pk).update(child_seq=seq, reply_count=F("reply_count") + counted)
    post = _post_row_create(
        thread=thread,
        author=author,
        body=body,
        is_anonymous=is_anonymous,
        now=now,
        parent=parent,
        path=tree.child_path(parent.path, seq),
        depth=parent.depth + 1,
        status=Post.Status.HELD if review.is_held else Post.Status.PUBLISHED,
    )
    thread_follow_auto(member=author, thread=thread, now=now)
    if not review.is_held:
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1, last_activity_at=now)
        enqueue_notifications(post)
    _signals_after_write(post, review)
    return post


@transaction.atomic
def post_edit(*, editor, post, body, title=None, now=None):
    """Change one's own post; the version it replaces is kept as a revision."""
    now = now or timezone.now()
    if not permissions.can_edit_post(editor, post):
        raise PostingRefused("Only the person who wrote a post can edit it.")
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    thread = post.thread
    new_title = title if post.is_opening and title is not None else thread.title
    if body == post.body and new_title == thread.title:
        return post
    review = _review_or_refuse(editor, f"{new_title}\n{body}" if post.is_opening else body, now, is_edit=True)
    PostRevision.objects.create(
        post=post,
        title=thread.title if post.is_opening else "",
        body=post.body,
        body_html=post.body_html,
        written_at=post.edited_at or post.created_at,
        replaced_at=now,
        replaced_by=editor,
    )
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = now
    fields = ["body", "body_html", "edited_at"]
    if post.is_opening and new_title != thread.title:
        post.search_title = new_title
        fields.append("search_title")
        Thread.objects.filter(pk=thread.pk).update(title=new_title, slug=_story_slug(new_title))
    if review.is_held and post.status == Post.Status.PUBLISHED:
        # Published posts stay counted in place, so one the rules would hold is
        # hidden (not unlisted) until a moderator has looked at it.
        post.status = Post.Status.HIDDEN
        fields.append("status")
    elif post.status == Post.Status.HIDDEN:
        review.hold.append((Reason.OTHER, "Edited by its author after a moderator hid it"))
    post.save(update_fields=fields)
    _signals_after_write(post, review)
    return post


@transaction.atomic
def post_delete_own(*, member, post, now=None):
    """The author takes a post down. It stays in place as "removed by its author"
    so the replies under it keep their context; moderators can still read it."""
    now = now or timezone.now()
    if not permissions.can_delete_post(member, post):
        raise PostingRefused("Only the person who wrote a post can delete it.")
    Post.objects.filter(pk=post.pk).update(status=Post.Status.REMOVED_BY_AUTHOR, removed_at=now)
    if post.is_opening:
        # The slug repeats the title's words in every link to the story; drop it too.
        Thread.objects.filter(pk=post.thread_id).update(removed_by_author=True, slug="")
    post.status = Post.Status.REMOVED_BY_AUTHOR
    post.removed_at = now
    return post


@transaction.atomic
def thread_counters_resync(*, thread):
    """Recount a thread's counters from its posts (after an import or a repair)."""
    posts = Post.objects.filter(thread=thread)
    children = dict(
        posts.exclude(parent=None).values_list("parent").annotate(n=Count("id")).values_list("parent", "n")
    )
    for post in posts.only("id", "reply_count", "child_seq"):
        count = children.get(post.pk, 0)
        if post.reply_count != count or post.child_seq < count:
            Post.objects.filter(pk=post.pk).update(reply_count=count, child_seq=max(post.child_seq, count))
    summary = posts.exclude(depth=0).aggregate(n=Count("id"), last=Max("created_at"))
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=summary["n"], last_activity_at=summary["last"] or thread.created_at
    )
