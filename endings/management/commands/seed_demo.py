from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from endings import demo
from endings.demo_moderation import NEWCOMER_EMAIL, seed_moderation


class Command(BaseCommand):
    help = "Add demo members and content (idempotent). Refuses to run on a production site."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off. Demo accounts have a published password.",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it does not run "
                "with DEBUG off. Pass --allow-production if you really mean it."
            )
        logins = demo.seed_members()
        stories, replies = demo.seed_stories()
        if stories:
            self.stdout.write(f"Added {stories} demo stories with {replies} replies.")
        else:
            self.stdout.write("The demo stories were already there; nothing added.")
        articles = demo.seed_articles()
        if articles:
            self.stdout.write(f"Published {articles} demo articles.")
        else:
            self.stdout.write("The demo articles were already there; nothing added.")
        if seed_moderation(demo.DEMO_PASSWORD):
            self.stdout.write("Put a newcomer's first story and two reports in the moderation queue.")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        self.stdout.write(f"\nDemo sign-ins (password for all: {demo.DEMO_PASSWORD}):")
        for email, name, role in logins:
            self.stdout.write(f"  {role:<10} {name:<18} {email}")
        self.stdout.write(f"  {'newcomer':<10} {'Ash':<18} {NEWCOMER_EMAIL}")
        self.stdout.write(
            "Moderator pages ask Rowan to set up two-step sign-in (an authenticator app) first."
        )
