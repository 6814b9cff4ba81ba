from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import AccountDeletion, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("-date_joined",)
    list_display = ("display_name", "email", "date_joined", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "groups", "country")
    search_fields = ("display_name", "email")
    readonly_fields = (
        "date_joined",
        "last_login",
        "adult_declared_at",
        "health_consent_at",
        "health_consent_version",
    )
    fieldsets = (
        (None, {"fields": ("email", "display_name", "password")}),
        ("Preferences", {"fields": ("country", "time_zone")}),
        (
            "Declarations at sign-up",
            {"fields": ("adult_declared_at", "health_consent_at", "health_consent_version")},
        ),
        ("Roles", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("date_joined", "last_login")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")}),
    )


@admin.register(AccountDeletion)
class AccountDeletionAdmin(admin.ModelAdmin):
    """Staff see who is leaving and when; members cancel by signing in, the beat
    task carries the rest out. Done rows keep dates and counts, never a name."""

    list_display = ("member_shown", "choice", "status", "requested_at", "due_at", "done_at")
    list_filter = ("status", "choice")
    ordering = ("-requested_at",)
    readonly_fields = (
        "member",
        "choice",
        "status",
        "requested_at",
        "due_at",
        "cancelled_at",
        "done_at",
        "summary",
    )
    list_select_related = ("member",)

    @admin.display(description="member")
    def member_shown(self, deletion):
        return deletion.member.display_name if deletion.member_id else "(deleted)"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
