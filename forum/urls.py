from django.urls import path

from forum import member_views, views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path("unanswered/", views.unanswered, name="unanswered"),
    path("search/", views.search, name="search"),
    path("new/", views.story_new, name="story_new"),
    path("preview/", views.preview, name="preview"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("c/<slug:slug>/follow/", views.follow_category, name="category_follow"),
    path("<int:thread_id>/", views.thread, name="thread_short"),
    path("<int:thread_id>/<slug:slug>/", views.thread, name="thread"),
    # Not "<id>/follow/": the "<id>/<slug>/" pattern above would take it as a story's slug.
    path("follow/<int:thread_id>/", views.follow_thread, name="thread_follow"),
    path("post/<int:post_id>/", views.post_permalink, name="post"),
    path("post/<int:post_id>/replies/", views.replies, name="replies"),
    path("post/<int:post_id>/reply/", views.reply, name="reply"),
    path("post/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("post/<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("post/<int:post_id>/history/", views.post_history, name="post_history"),
    path("post/<int:post_id>/react/", views.react, name="react"),
    path("post/<int:post_id>/report/", views.report, name="report"),
    path("post/<int:post_id>/appeal/", views.appeal, name="appeal"),
    # Member controls (forum/member_views.py).
    path("post/<int:post_id>/hide/", member_views.post_hide, name="post_hide"),
    path("hidden/", member_views.hidden_posts, name="hidden_posts"),
    path("members/<int:member_id>/", member_views.profile, name="member_profile"),
]
