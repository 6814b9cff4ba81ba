from django.db import migrations

# The situations members come with (shared/DOMAIN.md). Editable in the admin.
CATEGORIES = [
    (
        "ended-abruptly",
        "When it ended abruptly",
        "A phone call, a voicemail, a letter; a last session cancelled and never rebooked; "
        "“they no longer work here”. For endings that came without a goodbye.",
        "members",
    ),
    (
        "retired-or-moved",
        "Retired, moved or changed jobs",
        "When your therapist retired, moved away, changed jobs or stopped taking your insurance, "
        "and the ending was about their life, not yours.",
        "members",
    ),
    (
        "illness-or-death",
        "Illness or death",
        "When your therapist fell ill or died. Waiting outside a locked office, hearing "
        "second-hand, grieving someone few people knew you had.",
        "members",
    ),
    (
        "planned-endings",
        "A planned ending that still hurts",
        "A mutual, well-prepared goodbye can still leave a hole. Sadness after a “good” ending is welcome here.",
        "members",
    ),
    (
        "i-ended-it",
        "When I ended it",
        "You stopped: therapy was no longer helping, a session went badly, or a boundary was crossed.",
        "members",
    ),
    (
        "boundaries-and-contact",
        "Boundaries and wanting contact",
        "Wanting contact or friendship afterwards; letters and cards sent or refused; ethics codes "
        "that forbid contact; therapists who blurred boundaries.",
        "members",
    ),
    (
        "starting-again",
        "Starting again",
        "Looking for a new therapist, fear of attaching again, or deciding therapy is not for you now. "
        "Stories here are public, so readers who have not joined can find them.",
        "public",
    ),
    (
        "relationships-that-changed",
        "Relationships that changed",
        "Friends and family who pulled away once therapy changed you, and the pull back to old patterns.",
        "members",
    ),
]


def seed(apps, schema_editor):
    Category = apps.get_model("forum", "Category")
    for position, (slug, name, description, visibility) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "visibility": visibility,
                "position": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("forum", "0002_search_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
