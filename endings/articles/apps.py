from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "endings.articles"
    label = "articles"
    verbose_name = "Articles"
