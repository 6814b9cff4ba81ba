from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("settings/", views.member_settings, name="settings"),
    path("settings/profile/", views.profile, name="profile"),
    path("settings/reading/", views.reading, name="reading"),
    path("settings/blocked/", views.blocked, name="blocked"),
    path("settings/break/", views.take_break, name="break"),
    path("settings/break/end/", views.break_end, name="break_end"),
    path("settings/data/", views.data, name="data"),
    path("settings/data/request/", views.data_request, name="data_request"),
    path("settings/data/<int:export_id>/<str:token>/", views.data_download, name="data_download"),
    path("settings/delete/", views.delete_account, name="delete"),
    path("block/<int:member_id>/", views.block, name="block"),
    path("unblock/<int:member_id>/", views.unblock, name="unblock"),
    path("break-started/", views.break_started, name="break_started"),
    path("leaving/", views.deletion_requested, name="deletion_requested"),
]
