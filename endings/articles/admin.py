"""Articles in the admin, for staff (and editors who are also staff).

Every save goes through endings.articles.services, so the admin keeps a
revision of each version exactly as the editors' own pages do. Editors who are
not staff use those pages (/articles/editor/) instead.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from endings.articles import permissions, services
from endings.articles.forms import ArticleForm, WorkflowForm
from endings.articles.models import Article, ArticleRevision
from endings.articles.topics import Topic

NO_CHANGE = ""


class ArticleAdminForm(ArticleForm):
    workflow = forms.ChoiceField(
        label="Workflow",
        required=False,
        choices=[(NO_CHANGE, "No change"), *WorkflowForm.base_fields["action"].choices],
        help_text="Applied after saving. Publishing opens the discussion, if a category is chosen.",
    )
    publish_at = forms.DateTimeField(
        label="Publish on",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Only for “Schedule”.",
    )

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("workflow")
        if action:
            check = WorkflowForm({"action": action, "publish_at": self.data.get("publish_at", "")})
            if not check.is_valid():
                for field, errors in check.errors.items():
                    for error in errors:
                        self.add_error("publish_at" if field == "publish_at" else "workflow", error)
            else:
                cleaned["workflow_state"] = check.state
                cleaned["publish_at"] = check.cleaned_data["publish_at"]
        return cleaned


class TopicFilter(admin.SimpleListFilter):
    title = "topic"
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        return Topic.choices

    def queryset(self, request, queryset):
        if self.value() in Topic.values:
            return queryset.filter(topic_rows__topic=self.value())
        return queryset


class WorkflowFilter(admin.SimpleListFilter):
    title = "workflow"
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("live", "Published"),
            ("archived", "Archived"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "scheduled":
            return queryset.filter(state=Article.State.PUBLISHED, published_at__gt=now)
        if value == "live":
            return queryset.live(now)
        if value in ("draft", "review", "archived"):
            return queryset.filter(state=value)
        return queryset


class RevisionInline(admin.TabularInline):
    model = ArticleRevision
    fields = ["saved_at", "saved_by", "change", "state", "title"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name = "saved version"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _transition_action(state, label, description):
    def action(modeladmin, request, queryset):
        done, refused = 0, []
        for article in queryset:
            try:
                result = services.article_transition(editor=request.user, article=article, state=state)
            except services.ArticleRefused as refusal:
                refused.append(f"“{article.title}”: {refusal}")
            else:
                done += 1
                if result.discussion_note:
                    modeladmin.message_user(request, f"“{article.title}”: {result.discussion_note}")
        if done:
            modeladmin.message_user(request, f"{label}: {done} article{'s' if done != 1 else ''}.")
        for message in refused:
            modeladmin.message_user(request, message, level=messages.WARNING)

    action.__name__ = f"make_{state}"
    action.short_description = description
    action.allowed_permissions = ("change",)
    return action


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "kind",
        "workflow_status",
        "published_at",
        "updated_at",
        "is_featured",
        "discussion",
    ]
    list_filter = [WorkflowFilter, "kind", TopicFilter, "is_featured", "about_suicide_or_death"]
    search_fields = ["title", "standfirst", "body", "summary", "source_title", "source_publication"]
    date_hierarchy = "published_at"
    list_select_related = ["discussion_thread"]
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-updated_at"]
    readonly_fields = [
        "workflow_status",
        "published_at",
        "reading_minutes",
        "editor_names",
        "discussion_thread",
        "rendered_preview",
        "created_at",
        "updated_at",
    ]
    inlines = [RevisionInline]
    actions = [
        _transition_action(Article.State.REVIEW, "Sent for review", "Send for review"),
        _transition_action(Article.State.PUBLISHED, "Published", "Publish now"),
        _transition_action(Article.State.DRAFT, "Returned to draft", "Return to draft"),
        _transition_action(Article.State.ARCHIVED, "Archived", "Archive"),
    ]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "standfirst", "topics"]}),
        ("Original article", {"fields": ["body"], "description": "For articles written for Endings."}),
        (
            "Curated article",
            {
                "fields": [
                    "source_title",
                    "source_author",
                    "source_publication",
                    "source_url",
                    "source_date",
                    "summary",
                    "why_chosen",
                ],
                "description": "A summary of outside writing, with a link to it. Never copy its text in.",
            },
        ),
        (
            "Details",
            {
                "fields": [
                    "authors",
                    "editor_names",
                    "about_suicide_or_death",
                    "is_featured",
                    "last_reviewed_on",
                    "discussion_category",
                    "discussion_thread",
                    "reading_minutes",
                ]
            },
        ),
        ("Workflow", {"fields": ["workflow_status", "published_at", "workflow", "publish_at"]}),
        (
            "Preview",
            {
                "fields": ["rendered_preview"],
                "description": "As last saved. “View on site” shows the whole page.",
            },
        ),
    ]

    class Media:
        css = {"all": ["css/articles-admin.css"]}

    # Editors (the group holds the article permissions) and staff; never a member without them.
    def _allowed(self, request):
        return permissions.can_edit_articles(request.user)

    def has_module_permission(self, request):
        return self._allowed(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._allowed(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Archive instead: readers' links and the discussion keep pointing somewhere.
        return request.user.is_superuser

    @admin.display(description="Status")
    def workflow_status(self, obj):
        if obj.pk is None:
            return "New draft"
        if obj.is_scheduled:
            return f"Scheduled for {timezone.localtime(obj.published_at):%-d %b %Y, %H:%M}"
        return obj.get_state_display()

    @admin.display(description="Discussion")
    def discussion(self, obj):
        thread = obj.discussion_thread
        if thread is None:
            return "–"
        return format_html(
            '<a href="{}">{} repl{}</a>',
            thread.get_absolute_url(),
            thread.reply_count,
            "y" if thread.reply_count == 1 else "ies",
        )

    @admin.display(description="Editors")
    def editor_names(self, obj):
        if obj.pk is None:
            return "–"
        return ", ".join(obj.editors.order_by("display_name").values_list("display_name", flat=True)) or "–"

    @admin.display(description="Preview")
    def rendered_preview(self, obj):
        if obj.pk is None:
            return "Save the draft to see a preview."
        # Safe: every *_html field is sanitized by forum.markup when the article is saved.
        html = obj.summary_html + obj.why_chosen_html if obj.is_curated else obj.body_html
        return format_html('<div class="article-preview">{}</div>', mark_safe(html))  # noqa: S308

    def save_model(self, request, obj, form, change):
        try:
            services.article_save(
                editor=request.user,
                article=obj,
                topics=form.cleaned_data.get("topics", []),
                authors=form.cleaned_data.get("authors"),
            )
        except ValidationError as error:
            # The form checked the same rules; this would mean a change raced with another.
            for message in services.validation_messages(error):
                self.message_user(request, message, level=messages.ERROR)
            raise
        state = form.cleaned_data.get("workflow_state")
        if state:
            try:
                result = services.article_transition(
                    editor=request.user,
                    article=obj,
                    state=state,
                    publish_at=form.cleaned_data.get("publish_at"),
                )
            except services.ArticleRefused as refusal:
                self.message_user(request, f"Saved, but not moved: {refusal}", level=messages.WARNING)
            else:
                obj.refresh_from_db()
                if result.discussion_note:
                    self.message_user(request, result.discussion_note)

    def save_related(self, request, form, formsets, change):
        # article_save has set the authors and topics; the revisions inline is read-only.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
