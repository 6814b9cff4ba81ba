from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("settings/", views.member_settings, name="settings"),
]
