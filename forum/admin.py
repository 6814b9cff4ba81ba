from django.contrib import admin

from forum.models import Category, ModerationAction, Post, PostRevision, QueueItem, SafetyRule, Thread
from forum.moderation_forms import RuleForm


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "visibility", "position", "is_active", "thread_count"]
    list_editable = ["visibility", "position", "is_active"]
    list_filter = ["visibility", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    """Stories are changed through the site, where edits keep revisions; here
    staff can move, lock and inspect them."""

    list_display = [
        "title",
        "category",
        "ending",
        "content_note",
        "reply_count",
        "last_activity_at",
        "locked_at",
    ]
    list_filter = ["category", "ending", "content_note", "removed_by_author"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    list_select_related = ["category"]
    fields = ["title", "category", "ending", "content_note", "content_note_other", "locked_at"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PostRevisionInline(admin.TabularInline):
    model = PostRevision
    fields = ["written_at", "replaced_at", "title", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["pk", "thread", "depth", "author", "is_anonymous", "status", "created_at"]
    list_filter = ["status", "is_anonymous"]
    list_select_related = ["thread", "author"]
    search_fields = ["thread__title"]
    raw_id_fields = ["thread", "parent", "author"]
    readonly_fields = [
        "thread", "parent", "path", "depth", "author", "author_name", "is_anonymous", "body",
        "status", "created_at", "edited_at", "removed_at", "reply_count",
    ]  # fmt: skip
    fields = readonly_fields
    inlines = [PostRevisionInline]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Moderation records change only through the moderator pages and their audit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QueueItem)
class QueueItemAdmin(ReadOnlyAdmin):
    list_display = ["pk", "priority", "kind", "status", "category", "flag_count", "opened_at", "claimed_by"]
    list_filter = ["status", "priority", "kind", "category"]
    list_select_related = ["category", "claimed_by"]
    raw_id_fields = ["post"]
    show_full_result_count = False


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "moderator_name", "action", "member_name", "reason"]
    list_filter = ["action"]
    search_fields = ["moderator_name", "member_name", "reason"]
    show_full_result_count = False


@admin.register(SafetyRule)
class SafetyRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "pattern", "action", "description", "is_active"]
    list_filter = ["kind", "action", "is_active"]
    search_fields = ["pattern", "description"]
    # Checks that the pattern compiles and cannot match every post.
    form = RuleForm

    def save_model(self, request, obj, form, change):
        from forum.services.safety import safety_rule_save

        safety_rule_save(
            moderator=request.user,
            rule=obj if change else None,
            kind=obj.kind,
            pattern=obj.pattern,
            action=obj.action,
            description=obj.description,
            is_active=obj.is_active,
        )
