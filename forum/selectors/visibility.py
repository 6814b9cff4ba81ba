"""Who may read what, and whose name a reader sees."""

from django.db.models import Q
from django.http import Http404

from forum import permissions
from forum.models import Category, Post, Thread


def _readable_threads(user):
    threads = Thread.objects.all()
    if not user.is_authenticated:
        threads = threads.filter(category__visibility=Category.Visibility.PUBLIC)
    return threads


def threads_visible_to(user):
    """Threads this viewer finds in lists: not those waiting for review or not approved."""
    return _readable_threads(user).filter(is_listed=True)


def post_listed_for(user):
    """Posts waiting for review, or not approved, are seen only by their author (and,
    through the queue, the moderators)."""
    listed = ~Q(status__in=Post.UNLISTED_STATUSES)
    return listed | Q(author=user) if user.is_authenticated else listed


def posts_visible_to(user):
    posts = Post.objects.filter(post_listed_for(user))
    if not user.is_authenticated:
        posts = posts.filter(thread__category__visibility=Category.Visibility.PUBLIC)
    return posts


def _may_open_unlisted(user, thread):
    return user.is_authenticated and (thread.author_id == user.pk or permissions.can_moderate(user))


def thread_for_viewer(user, thread_id):
    try:
        thread = _readable_threads(user).select_related("category").get(pk=thread_id)
    except Thread.DoesNotExist:
        thread = None
    if thread is None or not (thread.is_listed or _may_open_unlisted(user, thread)):
        raise Http404("No such story, or it is shared with members only.")
    return thread


ANONYMOUS_NAME = "a member"
FORMER_MEMBER_NAME = "a former member"


def author_label(item, viewer):
    """The name a viewer sees on a thread or post, and whether it is the real one.

    An anonymous post shows "a member" to everyone but its author and the
    moderators; the real name never reaches any other page.
    """
    if item.is_anonymous:
        if viewer.is_authenticated and item.author_id == viewer.pk:
            return "You, posted anonymously"
        if permissions.can_see_anonymous_authors(viewer):
            name = item.author.display_name if item.author_id else FORMER_MEMBER_NAME
            return f"{name} (posted anonymously)"
        return ANONYMOUS_NAME
    if item.author_id is None:
        return getattr(item, "author_name", "") or FORMER_MEMBER_NAME
    return item.author.display_name
