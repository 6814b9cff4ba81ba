from django.contrib import admin, messages

from endings.digests import services
from endings.digests.models import Delivery, EmailPreferences


class NeedsAttentionFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("failed", "Failed for good"), ("retrying", "Waiting to try again")]

    def queryset(self, request, queryset):
        if self.value() in ("failed", "retrying"):
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Every email recorded, sent or not. Failed ones keep the mail server's answer;
    "Try again" puts them back in line. Rows hold counts, never what members wrote."""

    list_display = ("created_at", "kind", "member", "period", "status", "attempts", "sent_at", "problem")
    list_filter = (NeedsAttentionFilter, "status", "kind")
    search_fields = ("member__email", "member__display_name", "period")
    list_select_related = ("member",)
    ordering = ("-created_at", "-pk")
    date_hierarchy = "created_at"
    actions = ["try_again"]
    readonly_fields = [field.name for field in Delivery._meta.fields]

    @admin.display(description="problem")
    def problem(self, delivery):
        return (delivery.last_error or delivery.outcome)[:120]

    @admin.action(description="Try again (failed emails only)")
    def try_again(self, request, queryset):
        count = services.deliveries_retry(delivery_ids=list(queryset.values_list("pk", flat=True)))
        messages.success(request, f"{count} failed email{'s' if count != 1 else ''} will be tried again.")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EmailPreferences)
class EmailPreferencesAdmin(admin.ModelAdmin):
    list_display = ("member", "digest", "replies", "discreet", "all_stopped", "next_digest_at")
    list_filter = ("digest", "replies", "discreet", "all_stopped")
    search_fields = ("member__email", "member__display_name")
    list_select_related = ("member",)
    raw_id_fields = ("member",)
    readonly_fields = ("next_digest_at", "scheduled_time_zone", "digest_since", "updated_at")

    def has_add_permission(self, request):
        # Members choose for themselves, on their email settings page.
        return False

    def has_change_permission(self, request, obj=None):
        return False
