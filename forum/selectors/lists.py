from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery

from forum.models import Category, Thread, ThreadVisit
from forum.selectors.viewer_filters import threads_for_viewer, threads_mark_for_viewer
from forum.selectors.visibility import author_label, threads_visible_to

THREADS_PER_PAGE = 25
SORTS = {"activity": "-last_activity_at", "newest": "-created_at"}


@dataclass
class ThreadListing:
    page: object  # a Paginator page of threads
    sort: str
    category: Category | None
    ending: str
    unanswered: bool


def categories_visible(user):
    categories = Category.objects.all()
    if not user.is_authenticated:
        categories = categories.filter(visibility=Category.Visibility.PUBLIC)
    return list(categories)


def thread_listing(user, *, category=None, ending="", sort="activity", unanswered=False, page=1):
    """One page of stories, with the viewer's "new since your last visit" marks."""
    sort = sort if sort in SORTS else "activity"
    ending = ending if ending in Thread.Ending.values else ""
    threads = threads_visible_to(user).select_related("category", "author")
    # Leaves out stories by members the viewer blocked; no extra query (viewer_filters.py).
    threads = threads_for_viewer(threads, user)
    if category is not None:
        threads = threads.filter(category=category)
    if ending:
        threads = threads.filter(ending=ending)
    if unanswered:
        # Oldest first: the story that has waited longest comes first.
        threads = threads.filter(reply_count=0, locked_at__isnull=True, removed_by_author=False)
        order = ["created_at", "pk"]
    else:
        order = [SORTS[sort], "-pk"]
    if user.is_authenticated:
        threads = threads.annotate(
            last_seen_at=Subquery(
                ThreadVisit.objects.filter(member=user, thread=OuterRef("pk")).values("seen_at")[:1]
            )
        )
    paginator = Paginator(threads.order_by(*order), THREADS_PER_PAGE)
    page_obj = paginator.get_page(page)  # any bad number gives a real page
    for thread in page_obj.object_list:
        thread.shown_author = author_label(thread, user)
        thread.is_new = _is_new(thread, user)
    threads_mark_for_viewer(page_obj.object_list, user)
    return ThreadListing(page_obj, sort, category, ending, unanswered)


def _is_new(thread, user):
    if not user.is_authenticated:
        return False
    seen = thread.last_seen_at
    if seen is None:
        return thread.created_at > user.date_joined and thread.author_id != user.pk
    return thread.last_activity_at > seen
