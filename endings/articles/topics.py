"""What articles are about: the forum's "how it ended" tags, plus a few general topics.

An article's ending topics use the same values as Thread.Ending, so an article
about retirement finds the stories tagged "Retired or moved".
"""

from django.db import models

from forum.models import Thread


class Topic(models.TextChoices):
    RETIRED = Thread.Ending.RETIRED_OR_MOVED.value, "Retired or moved"
    ABRUPT = Thread.Ending.ABRUPT.value, "Ended abruptly"
    ILLNESS = Thread.Ending.ILLNESS_OR_DEATH.value, "Illness or death"
    PLANNED = Thread.Ending.PLANNED.value, "Planned or mutual endings"
    CLIENT = Thread.Ending.CLIENT_ENDED.value, "When you end it"
    BOUNDARIES = Thread.Ending.BOUNDARIES.value, "Boundaries"
    GRIEF = "grief", "Grief"
    NEW_THERAPIST = "new-therapist", "Finding a new therapist"
    ETHICS = "ethics", "The ethics of ending"


# Topics that are also a story's "how it ended" tag.
ENDING_TOPICS = frozenset(value for value in Topic.values if value in Thread.Ending.values)
TOPIC_LABELS = dict(Topic.choices)


def topic_items(values):
    """(value, label) for each known topic value, in the order topics are listed."""
    wanted = set(values)
    return [(value, label) for value, label in Topic.choices if value in wanted]
