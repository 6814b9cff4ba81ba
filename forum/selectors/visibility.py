"""Who may read what, and whose name a reader sees."""

from django.http import Http404

from forum import permissions
from forum.models import Category, Post, Thread


def threads_visible_to(user):
    threads = Thread.objects.all()
    if not user.is_authenticated:
        threads = threads.filter(category__visibility=Category.Visibility.PUBLIC)
    return threads


def posts_visible_to(user):
    posts = Post.objects.all()
    if not user.is_authenticated:
        posts = posts.filter(thread__category__visibility=Category.Visibility.PUBLIC)
    return posts


def thread_for_viewer(user, thread_id):
    try:
        return threads_visible_to(user).select_related("category").get(pk=thread_id)
    except Thread.DoesNotExist:
        raise Http404("No such story, or it is shared with members only.") from None


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
