"""Forum pages. Thin: read through selectors, write through services.

htmx requests get a partial of the same template (`page.html#partial`);
everything works as plain forms and links without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.notices import notices_mark_read, recent_notices
from forum import permissions, search_throttle, selectors, services
from forum.forms import (
    AppealForm,
    EditForm,
    ListFilterForm,
    PreviewForm,
    ReactionForm,
    ReplyForm,
    ReportForm,
    SearchForm,
    StoryForm,
)
from forum.limits import PostingRefused, ReportRefused
from forum.markup import quote_markdown, render_markdown
from forum.models import Category, Reason
from forum.selectors import queue as queue_selectors
from forum.selectors.search import search_posts
from forum.selectors.viewer_filters import reply_refusal
from forum.services import moderation as moderation_services
from forum.services import queue as queue_services


def _is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def _query_without_page(request):
    """The current query string minus the page number, ready to prefix `page=`."""
    params = request.GET.copy()
    params.pop("page", None)
    return f"{params.urlencode()}&" if params else ""


def _visible_category(request, slug):
    category = get_object_or_404(Category, slug=slug)
    if not permissions.can_view_category(request.user, category):
        raise Http404("No such category, or it is shared with members only.")
    return category


def _listing(request, *, category=None, unanswered=False, template="forum/index.html"):
    filters = ListFilterForm(request.GET)
    filters.is_valid()  # invalid choices fall back to the defaults below
    listing = selectors.thread_listing(
        request.user,
        category=category,
        ending=filters.cleaned_data.get("ending", ""),
        sort=filters.cleaned_data.get("sort") or "activity",
        unanswered=unanswered,
        page=request.GET.get("page"),
    )
    return render(
        request,
        template,
        {
            "listing": listing,
            "filters": filters,
            "categories": selectors.categories_visible(request.user),
            "category": category,
            "unanswered": unanswered,
            "filters_query": _query_without_page(request),
            "following_category": (
                category is not None
                and request.user.is_authenticated
                and category.follows.filter(member=request.user).exists()
            ),
        },
    )


def index(request):
    return _listing(request)


def unanswered(request):
    return _listing(request, unanswered=True)


def category(request, slug):
    return _listing(request, category=_visible_category(request, slug))


def _tell_author(request, post, posted):
    """What the author sees after writing: posted, waiting for review, and help if it sounds hard."""
    review = getattr(post, "review", None)
    if post.status == post.Status.HELD:
        messages.info(request, queue_selectors.held_post_message(), extra_tags="held")
    elif post.status == post.Status.HIDDEN:
        messages.info(request, "Your changes are saved. A moderator will look at your post again soon.")
    else:
        messages.success(request, posted)
    if review is not None and review.at_risk:
        messages.info(request, SAFETY_PANEL_MESSAGE, extra_tags="safety")


SAFETY_PANEL_MESSAGE = (
    "It sounds like things may be very hard right now. You do not have to face this alone: the people "
    "below are there to listen, day and night. Your words are posted, and other members can answer you."
)


@login_required
def story_new(request):
    categories = Category.objects.filter(is_active=True)
    initial = {}
    if slug := request.GET.get("category"):
        initial["category"] = categories.filter(slug=slug).first()
    form = StoryForm(request.POST or None, categories=categories, initial=initial)
    preview_html = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview_html = render_markdown(data["body"])
        else:
            try:
                thread = services.thread_create(
                    author=request.user,
                    category=data["category"],
                    title=data["title"],
                    body=data["body"],
                    ending=data["ending"],
                    content_note=data["content_note"],
                    content_note_other=data["content_note_other"],
                    is_anonymous=data["anonymous"],
                )
            except PostingRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                _tell_author(request, thread.opening_post, "Your story is posted. Thank you for sharing it.")
                return redirect(thread)
    return render(request, "forum/story_form.html", {"form": form, "preview_html": preview_html})


def _thread_response(request, page):
    if request.user.is_authenticated:
        services.thread_visit_record(member=request.user, thread=page.thread)
        services.notifications_mark_read(member=request.user, thread=page.thread)
    return render(
        request,
        "forum/thread.html",
        {
            "page": page,
            "thread": page.thread,
            "reply_form": ReplyForm(),
            "can_reply": permissions.can_reply(request.user, page.thread),
            "can_see_revisions": permissions.can_see_revisions(request.user),
            "sort_query": "sort=newest&" if page.sort == "newest" else "",
        },
    )


def thread(request, thread_id, slug=""):
    page = selectors.thread_page(
        request.user,
        thread_id=thread_id,
        page=request.GET.get("page", 1),
        sort=request.GET.get("sort", "oldest"),
    )
    if slug != page.thread.slug and page.thread.slug:
        query = request.GET.urlencode()
        return redirect(page.thread.get_absolute_url() + (f"?{query}" if query else ""), permanent=True)
    return _thread_response(request, page)


def replies(request, post_id):
    page = selectors.thread_page(
        request.user,
        root_post_id=post_id,
        page=request.GET.get("page", 1),
        sort=request.GET.get("sort", "oldest"),
    )
    if not page.is_continuation:
        return redirect(page.thread)
    return _thread_response(request, page)


def post_permalink(request, post_id):
    post = selectors.post_for_viewer(request.user, post_id)
    return redirect(selectors.post_location(post))


@login_required
def reply(request, post_id):
    parent = selectors.post_for_viewer(request.user, post_id)
    thread = parent.thread
    initial = {}
    if "quote" in request.GET and not parent.is_removed:
        passage = request.GET.get("passage", "").strip()[:2000] or parent.body
        initial["body"] = quote_markdown(passage)
    # This form also opens inline on the thread page, beside the page's own
    # reply form: ids of its own keep each label tied to its own field.
    form = ReplyForm(request.POST or None, initial=initial, auto_id=f"id_reply_{parent.pk}_%s")
    if _is_htmx(request):
        # Opened under a post by its "Reply" link: start where the typing goes.
        form.fields["body"].widget.attrs["autofocus"] = True
    preview_html = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview_html = render_markdown(form.cleaned_data["body"])
        else:
            try:
                post = services.reply_create(
                    author=request.user,
                    parent=parent,
                    body=form.cleaned_data["body"],
                    is_anonymous=form.cleaned_data["anonymous"],
                )
            except PostingRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                _tell_author(request, post, "Your reply is posted.")
                return redirect(selectors.post_location(post))
    parent.shown_author = selectors.author_label(parent, request.user)
    return render(
        request,
        "forum/reply_form.html",
        {
            "form": form,
            "parent": parent,
            "thread": thread,
            "preview_html": preview_html,
            # Unique, as this form may open inline beside the thread's own reply form.
            "preview_slot": f"reply-preview-{parent.pk}",
            "can_reply": permissions.can_reply(request.user, thread),
            # The parent's author blocked this member: a kind refusal instead of the form.
            "reply_refused": reply_refusal(request.user, parent),
        },
    )


@login_required
def post_edit(request, post_id):
    post = selectors.post_for_viewer(request.user, post_id)
    if not permissions.can_edit_post(request.user, post):
        raise Http404("No such post.")
    initial = {"body": post.body, "title": post.thread.title}
    form = EditForm(request.POST or None, initial=initial, is_opening=post.is_opening)
    preview_html = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview_html = render_markdown(form.cleaned_data["body"])
        else:
            try:
                edited = services.post_edit(
                    editor=request.user,
                    post=post,
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data.get("title"),
                )
            except PostingRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                _tell_author(request, edited, "Your changes are saved.")
                return redirect(selectors.post_location(edited))
    return render(request, "forum/edit_form.html", {"form": form, "post": post, "preview_html": preview_html})


@login_required
def post_delete(request, post_id):
    post = selectors.post_for_viewer(request.user, post_id)
    if not permissions.can_delete_post(request.user, post):
        raise Http404("No such post.")
    if request.method == "POST":
        services.post_delete_own(member=request.user, post=post)
        messages.success(request, "Your post is removed. Replies to it stay where they are.")
        return redirect(selectors.post_location(post))
    return render(request, "forum/delete_confirm.html", {"post": post})


@login_required
def post_history(request, post_id):
    post = selectors.post_for_viewer(request.user, post_id)
    revisions = selectors.revisions_for(request.user, post)
    post.shown_author = selectors.author_label(post, request.user)
    return render(request, "forum/history.html", {"post": post, "revisions": revisions})


@login_required
@require_POST
def react(request, post_id):
    post = selectors.post_for_viewer(request.user, post_id)
    form = ReactionForm(request.POST)
    if form.is_valid():
        try:
            services.reaction_toggle(member=request.user, post=post, kind=form.cleaned_data["kind"])
        except PostingRefused as refusal:
            messages.info(request, str(refusal))
    if _is_htmx(request):
        post.refresh_from_db(fields=["support_count", "me_too_count", "thanks_count"])
        # The partial reads the pressed state and the buttons from the post, as on the thread page.
        selectors.posts_prepare([post], request.user)
        return render(request, "forum/_post.html#reactions", {"post": post})
    return redirect(selectors.post_location(post))


@login_required
@require_POST
def follow_thread(request, thread_id):
    thread = selectors.thread_for_viewer(request.user, thread_id)
    following = request.POST.get("following") == "1"
    services.thread_follow_set(member=request.user, thread=thread, following=following)
    messages.success(
        request,
        "You are following this story." if following else "You will no longer hear about new replies here.",
    )
    return redirect(thread)


@login_required
@require_POST
def follow_category(request, slug):
    category = _visible_category(request, slug)
    following = request.POST.get("following") == "1"
    services.category_follow_set(member=request.user, category=category, following=following)
    messages.success(
        request,
        f"You are following {category.name}."
        if following
        else f"You are no longer following {category.name}.",
    )
    return redirect(category)


@login_required
@require_POST
def preview(request):
    form = PreviewForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else ""
    return render(request, "forum/_preview.html", {"preview_html": render_markdown(body)})


def search(request):
    categories = selectors.categories_visible(request.user)
    form = SearchForm(
        request.GET or None, categories=Category.objects.filter(pk__in=[c.pk for c in categories])
    )
    results = None
    status = 200
    if form.is_bound and request.GET.get("q", "").strip() and not search_throttle.search_allowed(request):
        form.is_valid()
        form.add_error(None, search_throttle.REFUSED_MESSAGE)
        status = 429
    elif form.is_bound:
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        results = search_posts(
            request.user,
            query=data.get("q") or request.GET.get("q", "")[:200],
            category=data.get("category"),
            ending=data.get("ending", ""),
            page=request.GET.get("page"),
        )
    return render(
        request,
        "forum/search.html",
        {"form": form, "results": results, "search_query": _query_without_page(request)},
        status=status,
    )


@login_required
def notifications(request):
    page = selectors.notifications_for(request.user, page=request.GET.get("page"))
    # Read before they are marked: this page still shows which ones are new, while the
    # header's count (worked out as the page renders) no longer includes them.
    notices = recent_notices(request.user)
    # Personal messages are shown here in full, so being on this page is reading them.
    notices_mark_read(member=request.user)
    return render(
        request,
        "forum/notifications.html",
        {
            "notifications": page,
            "notices": notices,
            "notices_need_help_lines": any(notice.show_help_lines for notice in notices),
        },
    )


@login_required
@require_POST
def notifications_read(request):
    services.notifications_mark_read(member=request.user)
    notices_mark_read(member=request.user)
    messages.success(request, "All caught up.")
    return redirect(reverse("forum:notifications"))


@login_required
def report(request, post_id):
    post = selectors.post_for_viewer(request.user, post_id)
    if not permissions.can_report(request.user, post):
        raise Http404("No such post.")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            queue_services.report_create(
                reporter=request.user,
                post=post,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ReportRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            if form.cleaned_data["reason"] == Reason.AT_RISK:
                messages.info(request, REPORT_AT_RISK_MESSAGE, extra_tags="safety")
            else:
                messages.success(
                    request,
                    "Thank you for telling us. A moderator will look at it, and we will let you know "
                    "the outcome.",
                )
            return redirect(selectors.post_location(post))
    post.shown_author = selectors.author_label(post, request.user)
    return render(request, "forum/report_form.html", {"form": form, "post": post})


REPORT_AT_RISK_MESSAGE = (
    "Thank you for caring. Moderators see reports like yours first. If you think someone is in danger "
    "right now, please call your local emergency number. The lines below can help you too."
)


@login_required
def appeal(request, post_id):
    post = selectors.post_for_viewer(request.user, post_id)
    if post.author_id != request.user.pk or post.status not in (post.Status.REMOVED, post.Status.DECLINED):
        raise Http404("No such post.")
    already = post.appeals.exists()
    form = AppealForm(request.POST or None)
    if request.method == "POST" and not already and form.is_valid():
        try:
            moderation_services.appeal_create(
                author=request.user, post=post, statement=form.cleaned_data["statement"]
            )
        except moderation_services.ModerationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Thank you. A different moderator will look at your post again.")
            return redirect(reverse("forum:notifications"))
    return render(request, "forum/appeal_form.html", {"form": form, "post": post, "already": already})
