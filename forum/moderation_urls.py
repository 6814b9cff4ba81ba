from django.urls import path

from forum import moderation_views as views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("item/<int:item_id>/", views.item, name="item"),
    path("item/<int:item_id>/claim/", views.claim, name="claim"),
    path("item/<int:item_id>/act/", views.act, name="act"),
    path("audit/", views.audit, name="audit"),
    path("members/<int:member_id>/", views.member, name="member"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:rule_id>/", views.rules, name="rule_edit"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("alerts/", views.alerts, name="alerts"),
]
