"""A starting set of safety rules, for the moderators to refine in the admin.

At-risk phrases publish the post and put it at the top of the queue with help
offered to the author at once; method or graphic detail holds it for review.
"""

from django.db import migrations

AT_RISK = [
    (r"\b(kill|killing|end|ending|take|taking)\s+(myself|my\s+(own\s+)?life)\b", "Ending one's life"),
    (r"\bsuicid(e|al)\b", "Suicide or suicidal"),
    (r"\b(want|wanted|wanting)\s+to\s+die\b", "Wanting to die"),
    (r"\b(don'?t|do\s+not)\s+want\s+to\s+(be\s+here|live|wake\s+up)\b", "Not wanting to be here"),
    (r"\bbetter\s+off\s+(dead|without\s+me)\b", "Others better off without me"),
    (r"\bself[-\s]?harm(ing)?\b", "Self-harm"),
    (r"\b(cut|cutting|hurt|hurting)\s+myself\b", "Hurting oneself"),
    (r"\bno\s+(reason|point)\s+(to|in)\s+(live|living|going\s+on)\b", "No reason to go on"),
    (r"\bend\s+it\s+all\b", "Ending it all"),
]

METHOD = [
    (r"\b(lethal|fatal)\s+dose\b", "A lethal dose"),
    (r"\bhow\s+many\s+(pills|tablets)\b", "Quantities of pills"),
    (r"\b(overdos(e|ed|ing))\s+on\b", "Overdose detail"),
    (r"\b(hang|hanging|hanged)\s+myself\b", "Hanging"),
    (r"\b(noose|ligature)\b", "Ligatures"),
    (r"\bjump(ing|ed)?\s+(off|from)\s+(a|the)\s+(bridge|building|roof|cliff)\b", "Jumping from a height"),
]


def seed(apps, schema_editor):
    SafetyRule = apps.get_model("forum", "SafetyRule")
    for kind, rules in (("at_risk", AT_RISK), ("method", METHOD)):
        for pattern, description in rules:
            SafetyRule.objects.get_or_create(kind=kind, pattern=pattern, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("forum", "0004_moderation")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
