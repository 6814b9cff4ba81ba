from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Stories"

    def ready(self):
        # Export and account deletion reach the forum's rows through accounts.member_data.
        from forum import member_data

        member_data.register()
