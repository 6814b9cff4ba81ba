from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "endings.digests"
    label = "digests"
    verbose_name = "Digests and email"

    def ready(self):
        # The forum tells us who was notified and which moderators were alerted
        # (forum.hooks), and accounts' export and deletion reach our rows
        # (accounts.member_data), without either importing this app.
        from endings.digests import member_data, services

        services.hooks_register()
        member_data.register()
