from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.roles import GROUP_NAMES
from accounts.services import RoleError, role_grant, role_revoke


class Command(BaseCommand):
    help = "Grant or revoke a member's role (moderator, editor), or list who holds each."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for action in ("grant", "revoke"):
            p = sub.add_parser(action, help=f"{action} a role")
            p.add_argument("role", choices=sorted(GROUP_NAMES))
            p.add_argument("email")
        sub.add_parser("list", help="list members holding each role")

    def handle(self, *args, action, **options):
        if action == "list":
            for role, group in sorted(GROUP_NAMES.items()):
                holders = User.objects.filter(groups__name=group).order_by("display_name")
                names = ", ".join(f"{m.display_name} <{m.email}>" for m in holders) or "nobody"
                self.stdout.write(f"{role}: {names}")
            return
        change = role_grant if action == "grant" else role_revoke
        try:
            member = change(email=options["email"], role=options["role"])
        except RoleError as error:
            raise CommandError(str(error)) from error
        verb = "now has" if action == "grant" else "no longer has"
        self.stdout.write(self.style.SUCCESS(f"{member.display_name} {verb} the {options['role']} role."))
