"""The starting set of help lines from DOMAIN.md, for the operator to verify.

`last_verified` is left empty on purpose: the admin lists unverified lines so
the operator checks each one before launch.
"""

from django.db import migrations

EVERY_DAY = "24 hours, every day"

LINES = [
    # country, kind, position, name, how_to_reach, phone, hours, url
    ("US", "support", 1, "988 Suicide & Crisis Lifeline", "Call or text 988", "988", EVERY_DAY, "https://988lifeline.org"),
    ("US", "support", 2, "Crisis Text Line", "Text HOME to 741741", "", EVERY_DAY, "https://www.crisistextline.org"),
    ("US", "emergency", 1, "Emergency services", "Call 911", "911", "", ""),
    ("GB", "support", 1, "Samaritans", "Call 116 123, free", "116123", EVERY_DAY, "https://www.samaritans.org"),
    ("GB", "support", 2, "Shout", "Text SHOUT to 85258", "", EVERY_DAY, "https://giveusashout.org"),
    ("GB", "emergency", 1, "Emergency services", "Call 999", "999", "", ""),
    ("IE", "support", 1, "Samaritans", "Call 116 123, free", "116123", EVERY_DAY, "https://www.samaritans.org/ireland/"),
    ("IE", "support", 2, "Pieta", "Call 1800 247 247", "1800247247", EVERY_DAY, "https://www.pieta.ie"),
    ("IE", "emergency", 1, "Emergency services", "Call 112 or 999", "112", "", ""),
    ("CA", "support", 1, "9-8-8 Suicide Crisis Helpline", "Call or text 988", "988", EVERY_DAY, "https://988.ca"),
    ("CA", "emergency", 1, "Emergency services", "Call 911", "911", "", ""),
    ("AU", "support", 1, "Lifeline", "Call 13 11 14", "131114", EVERY_DAY, "https://www.lifeline.org.au"),
    ("AU", "emergency", 1, "Emergency services", "Call 000", "000", "", ""),
    ("NZ", "support", 1, "Need to talk? 1737", "Call or text 1737", "1737", EVERY_DAY, "https://1737.org.nz"),
    ("NZ", "emergency", 1, "Emergency services", "Call 111", "111", "", ""),
    ("", "support", 1, "Find A Helpline", "Free, confidential helplines in more than 130 countries", "", "", "https://findahelpline.com"),
    ("", "support", 2, "IASP crisis centres", "A directory of crisis centres worldwide", "", "", "https://www.iasp.info/crisis-centres-helplines/"),
]


def seed(apps, schema_editor):
    HelpLine = apps.get_model("helplines", "HelpLine")
    for country, kind, position, name, how, phone, hours, url in LINES:
        HelpLine.objects.update_or_create(
            country=country,
            name=name,
            defaults={
                "kind": kind,
                "position": position,
                "how_to_reach": how,
                "phone": phone,
                "hours": hours,
                "url": url,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("helplines", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
