from django.apps import AppConfig


class EndingsConfig(AppConfig):
    name = "endings"
    verbose_name = "Endings site"
