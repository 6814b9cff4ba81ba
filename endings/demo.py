"""Demo content for `seed_demo`, written for this project.

Every function is idempotent: running the command again changes nothing.
Later features add their own seed functions and call them from the command.
"""

import re
from datetime import timedelta

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import User
from accounts.roles import EDITOR, MODERATOR
from accounts.services import member_create_verified, role_grant
from endings.articles import services as article_services
from endings.articles.models import Article
from endings.demo_articles import ARTICLES
from endings.demo_stories import STORIES
from forum import services
from forum.models import Category, Thread

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


# The demo members joined this long before the oldest demo story.
JOINED_BEFORE_FIRST_STORY = timedelta(days=45)
_AFTER = re.compile(r"(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?")


def prose(text):
    """Hard-wrapped demo text as a member would have typed it: one line per paragraph."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines()]
        if lines[0].startswith(">"):
            paragraphs.append("> " + " ".join(line.removeprefix(">").strip() for line in lines))
        else:
            paragraphs.append(" ".join(lines))
    return "\n\n".join(paragraphs)


def _after(text):
    match = _AFTER.fullmatch(text.strip())
    if not match or not any(match.groups()):
        raise ValueError(f"not a delay like '2d 5h 10m': {text!r}")
    days, hours, minutes = (int(group or 0) for group in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes)


def _timeline(stories, now):
    """Every post of the stories as (time, story, reply or None for the opening), oldest first.

    Posting in one time order across all threads matters: the posting limits
    count a member's posts created since a moment before `now`, later ones
    included, so a post dated before ones already written would see them as a burst.
    """
    events = []
    for story in stories:
        hour, minute = (int(part) for part in story["at"].split(":"))
        start = (now - timedelta(days=story["days_ago"])).replace(
            hour=hour, minute=minute, second=0, microsecond=0
        )
        events.append((start, story, None))
        times = {None: start}
        for reply in story["replies"]:
            at = start + _after(reply["after"])
            if not times[reply["parent"]] < at < now:
                raise ValueError(
                    f"{story['title']!r}: reply {reply['ref']!r} is not between its parent and now"
                )
            times[reply["ref"]] = at
            events.append((at, story, reply))
    return sorted(events, key=lambda event: event[0])


def _demo_members_joined_by(moment):
    """The demo members by the local part of their address, each joined by `moment`.

    seed_members has only just created them, but the stories are dated months
    back: moving the join date before the first story keeps a member from
    posting before they joined, and lets the posting limits treat them as the
    established members the stories show rather than as newcomers.
    """
    emails = [email for email, *_ in DEMO_MEMBERS]
    User.objects.filter(email__in=emails, date_joined__gt=moment).update(date_joined=moment)
    return {member.email.split("@")[0]: member for member in User.objects.filter(email__in=emails)}


@transaction.atomic
def seed_stories(now=None):
    """Post the demo stories, replies and reactions through the forum's services.

    Dated over the past months, in time order, so counters, paths, rendering
    and notifications are what the site itself produces. A story whose title is
    already on the site is skipped with its replies and reactions. Needs
    seed_members first. Returns (stories added, replies added).
    """
    now = now or timezone.now()
    titles = [story["title"] for story in STORIES]
    existing = set(Thread.objects.filter(title__in=titles).values_list("title", flat=True))
    stories = [story for story in STORIES if story["title"] not in existing]
    if not stories:
        return 0, 0
    events = _timeline(stories, now)
    members = _demo_members_joined_by(events[0][0] - JOINED_BEFORE_FIRST_STORY)
    categories = {category.slug: category for category in Category.objects.all()}
    # The demo members stand for people who have posted here for years, so their
    # posts are not held as a newcomer's first posts would be.
    with override_settings(MODERATION_HOLD_FIRST_POSTS=0, MODERATION_HOLD_LINKS_DAYS=0):
        replies = _seed_story_events(stories, events, members, categories)
    return len(stories), replies


def _seed_story_events(stories, events, members, categories):
    posts = {}  # (title, reply ref or None) -> Post
    replies = 0
    for at, story, reply in events:
        if reply is None:
            thread = services.thread_create(
                author=members[story["author"]],
                category=categories[story["category"]],
                title=story["title"],
                body=prose(story["body"]),
                ending=story["ending"],
                content_note=story["content_note"],
                is_anonymous=story.get("anonymous", False),
                now=at,
            )
            posts[story["title"], None] = thread.posts.get(depth=0)
        else:
            posts[story["title"], reply["ref"]] = services.reply_create(
                author=members[reply["author"]],
                parent=posts[story["title"], reply["parent"]],
                body=prose(reply["body"]),
                is_anonymous=reply.get("anonymous", False),
                now=at,
            )
            replies += 1
    for story in stories:
        for ref, member, kind in story["reactions"]:
            services.reaction_toggle(member=members[member], post=posts[story["title"], ref], kind=kind)
    return replies


# The demo editor, who writes and publishes the demo articles.
ARTICLE_EDITOR = "juniper"


@transaction.atomic
def seed_articles(now=None):
    """Write and publish the demo articles through the articles' services.

    Each is saved as a draft two days before its publication date, then
    published then, opening its discussion thread if it names a category. An
    article whose slug is already taken is skipped. Needs seed_members (and
    seed_stories first, so the editor has joined long before). Returns how many
    articles were added.
    """
    now = now or timezone.now()
    existing = set(
        Article.objects.filter(slug__in=[a["slug"] for a in ARTICLES]).values_list("slug", flat=True)
    )
    editor = User.objects.get(email=f"{ARTICLE_EDITOR}@demo.endings.example")
    categories = {category.slug: category for category in Category.objects.all()}
    added = 0
    # Oldest first, so the editor's discussion threads are posted in time order.
    for item in sorted(ARTICLES, key=lambda a: -a["days_ago"]):
        if item["slug"] in existing:
            continue
        published = (now - timedelta(days=item["days_ago"])).replace(
            hour=7, minute=30, second=0, microsecond=0
        )
        article = article_services.article_save(
            editor=editor,
            article=Article(
                kind=Article.Kind.ORIGINAL,
                slug=item["slug"],
                title=item["title"],
                standfirst=item["standfirst"],
                body=prose(item["body"]) + "\n",
                is_featured=item["featured"],
                about_suicide_or_death=item["about_suicide_or_death"],
                discussion_category=categories.get(item["discussion"]) if item["discussion"] else None,
                last_reviewed_on=(published + timedelta(days=1)).date(),
            ),
            topics=item["topics"],
            authors=[editor],
            now=published - timedelta(days=2),
        )
        with override_settings(MODERATION_HOLD_FIRST_POSTS=0, MODERATION_HOLD_LINKS_DAYS=0):
            article_services.article_transition(
                editor=editor, article=article, state=Article.State.PUBLISHED, now=published
            )
        added += 1
    return added
