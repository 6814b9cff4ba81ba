"""Article pages for readers, and the editors' own pages. Thin: selectors read, services write."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from endings.articles import permissions, selectors, services
from endings.articles.forms import (
    ArticleFilterForm,
    ArticleForm,
    DeskFilterForm,
    DiscussionForm,
    WorkflowForm,
)
from endings.articles.markup import render_article_markdown
from endings.articles.models import Article
from endings.articles.topics import Topic
from forum import permissions as forum_permissions
from forum.markup import render_markdown


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return f"{params.urlencode()}&" if params else ""


def index(request):
    filters = ArticleFilterForm(request.GET)
    filters.is_valid()  # unknown values fall back to everything
    data = getattr(filters, "cleaned_data", {})
    listing = selectors.article_listing(
        request.user,
        topic=data.get("topic", ""),
        query=data.get("q") or "",
        page=request.GET.get("page"),
    )
    return render(
        request,
        "articles/index.html",
        {
            "listing": listing,
            "filters": filters,
            "topics": Topic.choices,
            "filters_query": _query_without_page(request),
            "canonical_url": f"{settings.SITE_URL}{request.path}",
            "can_edit": request.user.is_authenticated and permissions.can_edit_articles(request.user),
        },
    )


def article(request, slug):
    now = timezone.now()
    item = selectors.article_for_viewer(request.user, slug, now=now)
    discussion = item.open_discussion
    return render(
        request,
        "articles/article.html",
        {
            "article": item,
            "authors": selectors.split_names(item.author_names),
            "editors": selectors.split_names(item.editor_names),
            "related_articles": selectors.related_articles(item, now=now),
            "related_stories": selectors.related_stories(request.user, item),
            "discussion": discussion,
            "discussion_readable": discussion is not None
            and forum_permissions.can_view_thread(request.user, discussion),
            "is_preview": not item.is_live_at(now),
            "can_edit": request.user.is_authenticated and permissions.can_edit_articles(request.user),
            "canonical_url": f"{settings.SITE_URL}{item.get_absolute_url()}",
        },
    )


# --- The editors' pages -------------------------------------------------------------


def editor_required(view):
    """Editors only. Signed out: the sign-in page. Signed in without the role: refused (403)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.can_edit_articles(request.user):
            raise PermissionDenied("Only editors can change articles.")
        return view(request, *args, **kwargs)

    return wrapped


@editor_required
def desk(request):
    filters = DeskFilterForm(request.GET)
    filters.is_valid()
    data = getattr(filters, "cleaned_data", {})
    page, state, query = selectors.editor_desk(
        request.user, state=data.get("state", ""), query=data.get("q") or "", page=request.GET.get("page")
    )
    return render(
        request,
        "articles/desk.html",
        {
            "page": page,
            "state": state,
            "query": query,
            "filters": filters,
            "filters_query": _query_without_page(request),
        },
    )


def _preview_html(form):
    data = form.cleaned_data
    if data.get("kind") == Article.Kind.CURATED:
        return render_markdown(data.get("summary") or "") + render_markdown(data.get("why_chosen") or "")
    return render_article_markdown(data.get("body") or "")[0]


def _edit_page(request, article, *, is_new):
    initial = {"authors": [request.user.pk]} if is_new else {}
    form = ArticleForm(request.POST or None, instance=article, initial=initial)
    preview_html = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview_html = _preview_html(form)
        else:
            try:
                saved = services.article_save(
                    editor=request.user,
                    article=form.save(commit=False),
                    topics=form.cleaned_data["topics"],
                    authors=form.cleaned_data["authors"],
                )
            except ValidationError as error:
                for message in services.validation_messages(error):
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    "Your draft is saved."
                    if saved.state == Article.State.DRAFT
                    else "Your changes are saved.",
                )
                return redirect("articles:edit", pk=saved.pk)
    context = {"form": form, "article": article, "is_new": is_new, "preview_html": preview_html}
    if not is_new:
        context.update(
            workflow_form=WorkflowForm(),
            workflow_actions=WorkflowForm.actions_for(article),
            discussion_form=DiscussionForm(initial={"category": article.discussion_category_id}),
            canonical_url=f"{settings.SITE_URL}{article.get_absolute_url()}",
        )
    return render(request, "articles/edit.html", context)


@editor_required
def article_new(request):
    return _edit_page(request, Article(), is_new=True)


@editor_required
def article_edit(request, pk):
    return _edit_page(request, get_object_or_404(Article, pk=pk), is_new=False)


@editor_required
@require_POST
def article_workflow(request, pk):
    item = get_object_or_404(Article, pk=pk)
    form = WorkflowForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("articles:edit", pk=item.pk)
    try:
        result = services.article_transition(
            editor=request.user, article=item, state=form.state, publish_at=form.cleaned_data["publish_at"]
        )
    except services.ArticleRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, " ".join(filter(None, [f"{result.change}.", result.discussion_note])))
    return redirect("articles:edit", pk=item.pk)


@editor_required
@require_POST
def article_discussion(request, pk):
    item = get_object_or_404(Article, pk=pk)
    form = DiscussionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please choose where the discussion belongs.")
        return redirect("articles:edit", pk=item.pk)
    try:
        thread = services.article_discussion_open(
            editor=request.user, article=item, category=form.cleaned_data["category"]
        )
    except services.ArticleRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"The discussion is open in {thread.category.name}.")
    return redirect("articles:edit", pk=item.pk)


@editor_required
def article_history(request, pk):
    item = get_object_or_404(Article, pk=pk)
    return render(
        request,
        "articles/history.html",
        {"article": item, "revisions": selectors.revisions_for(request.user, item)},
    )
