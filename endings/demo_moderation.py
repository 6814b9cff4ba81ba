"""Demo moderation: a newcomer's first story waiting for review, and two reports in the queue.

So that a moderator trying the demo (Rowan) finds a queue with something in it:
one item in each priority the queue orders by.
"""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import member_create_verified
from forum import services
from forum.models import Category, Flag, Post
from forum.services import queue

NEWCOMER_EMAIL = "ash@demo.endings.example"
NEWCOMER_STORY = {
    "title": "I'm not sure I'm allowed to be this sad",
    "body": (
        "My counsellor was only with me for eight months, through the university. Last week I got an "
        "email saying the service has been restructured and my sessions are over. No last session.\n\n"
        "Everyone keeps telling me it was only eight months. It doesn't feel like only anything. "
        "I found this place at two in the morning and I'm writing before I lose my nerve."
    ),
}
REPORTS = [
    # (reporter email, words in the reported post, reason, note)
    (
        "willow@demo.endings.example",
        "I have the address of the old practice",
        "identifies",
        "This mentions where the therapist still works. Maybe it could be made less specific?",
    ),
    (
        "marguerite@demo.endings.example",
        "I cried at the kitchen table",
        "at_risk",
        "I might be reading too much into it, but it sounded like a very low moment. Could someone check in?",
    ),
]


@transaction.atomic
def seed_moderation(password):
    """Idempotent: nothing is added if the newcomer already exists."""
    if User.objects.filter(email=NEWCOMER_EMAIL).exists():
        return 0
    newcomer = member_create_verified(
        email=NEWCOMER_EMAIL, display_name="Ash", password=password, country="GB", time_zone="Europe/London"
    )
    # Written as a newcomer's first post is: it waits for a moderator.
    services.thread_create(
        author=newcomer,
        category=Category.objects.get(slug="ended-abruptly"),
        title=NEWCOMER_STORY["title"],
        body=NEWCOMER_STORY["body"],
        ending="abrupt",
        now=timezone.now(),
    )
    added = 0
    for email, words, reason, note in REPORTS:
        post = Post.objects.filter(body__contains=words).order_by("pk").first()
        reporter = User.objects.filter(email=email).first()
        if post is None or reporter is None or post.author_id == reporter.pk:
            continue
        if not Flag.objects.filter(post=post, reporter=reporter).exists():
            queue.report_create(reporter=reporter, post=post, reason=reason, note=note)
            added += 1
    return added
