from django.urls import path

from endings.articles import views
from endings.articles.feeds import ArticlesAtomFeed, ArticlesFeed

app_name = "articles"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed/", ArticlesFeed(), name="feed"),
    path("feed/atom/", ArticlesAtomFeed(), name="feed_atom"),
    path("editor/", views.desk, name="desk"),
    path("editor/new/", views.article_new, name="new"),
    path("editor/<int:pk>/", views.article_edit, name="edit"),
    path("editor/<int:pk>/workflow/", views.article_workflow, name="workflow"),
    path("editor/<int:pk>/discussion/", views.article_discussion, name="discussion"),
    path("editor/<int:pk>/history/", views.article_history, name="history"),
    # Last: an article's slug may be any word but the ones above (models.RESERVED_SLUGS).
    path("<slug:slug>/", views.article, name="article"),
]
