from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import User


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
