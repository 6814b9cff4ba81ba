from django.contrib import admin

from helplines.models import HelpLine
from helplines.services import help_lines_cache_clear


@admin.register(HelpLine)
class HelpLineAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "kind", "how_to_reach", "position", "is_active", "last_verified")
    list_filter = ("kind", "is_active", "country", ("last_verified", admin.EmptyFieldListFilter))
    list_editable = ("position", "is_active")
    search_fields = ("name", "how_to_reach")
    ordering = ("country", "kind", "position")

    # The public pages cache help lines; a correction must show at once.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        help_lines_cache_clear()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        help_lines_cache_clear()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        help_lines_cache_clear()
