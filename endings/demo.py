"""Demo content for `seed_demo`, written for this project.

Every function is idempotent: running the command again changes nothing.
Later features add their own seed functions and call them from the command.
"""

from accounts.models import User
from accounts.roles import EDITOR, MODERATOR
from accounts.services import member_create_verified, role_grant

DEMO_PASSWORD = "quiet-harbour-2026"

DEMO_MEMBERS = [
    # email, display name, country, time zone, role
    ("willow@demo.endings.example", "Willow", "GB", "Europe/London", None),
    ("harbour@demo.endings.example", "Quiet Harbour", "US", "America/Chicago", None),
    ("marguerite@demo.endings.example", "Marguerite B", "IE", "Europe/Dublin", None),
    ("tomas@demo.endings.example", "Tomas in Winter", "CA", "America/Toronto", None),
    ("rowan@demo.endings.example", "Rowan", "GB", "Europe/London", MODERATOR),
    ("juniper@demo.endings.example", "Juniper", "AU", "Australia/Melbourne", EDITOR),
]


def seed_members():
    """Create the demo members; return (email, display name, role) for each."""
    created = []
    for email, name, country, tz, role in DEMO_MEMBERS:
        if not User.objects.filter(email=email).exists():
            member_create_verified(
                email=email, display_name=name, password=DEMO_PASSWORD, country=country, time_zone=tz
            )
        if role:
            role_grant(email=email, role=role)
        created.append((email, name, role or "member"))
    return created
