"""Reads for email: a member's choices, and what each email tells of.

The content rules live here, once, for digests and reply emails alike. An email
never tells a member of anything they could not open, or that others cannot see
now: only published posts in listed stories (nothing held, declined, hidden or
removed; nothing in a story its author removed), nothing with an open at-risk
report, nothing written by someone on either side of a block with the member,
nothing the member wrote themselves.

Composition works on a batch of deliveries at once, in a fixed number of queries
whatever the batch size: each query joins the batch's delivery rows (which carry
every member's own time window) to the forum's tables and groups in SQL.
"""

import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.urls import reverse

from accounts.models import Block
from accounts.muting import text_has_muted_word
from endings.articles.models import Article
from endings.digests.models import Delivery, EmailPreferences
from forum.models import Post, Priority, QueueItem, Reaction, Thread

# A digest lists at most this many stories in each part; the counts cover them all.
STORIES_LISTED = 10
ARTICLES_LISTED = 5


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def preferences_for(member):
    """The member's choices: their row, or the defaults (not saved) if they never chose."""
    try:
        return member.email_preferences
    except EmailPreferences.DoesNotExist:
        return EmailPreferences(member=member)


# --- Content rules -------------------------------------------------------------


def _at_risk_open(post_ref):
    return Exists(
        QueueItem.objects.filter(
            post_id=OuterRef(post_ref), status=QueueItem.Status.OPEN, priority=Priority.AT_RISK
        )
    )


def _blocked_either_way(member_ref, author_ref):
    return Exists(
        Block.objects.filter(
            Q(blocker_id=OuterRef(member_ref), blocked_id=OuterRef(author_ref))
            | Q(blocker_id=OuterRef(author_ref), blocked_id=OuterRef(member_ref))
        )
    )


def _post_shown_q(prefix=""):
    """A post others may read now (on Post, or through `prefix` to one)."""
    return Q(
        **{
            f"{prefix}status": Post.Status.PUBLISHED,
            f"{prefix}thread__is_listed": True,
            f"{prefix}thread__removed_by_author": False,
        }
    )


# --- What an email tells of ----------------------------------------------------


@dataclass
class StoryNews:
    """One story with something new. `title` is empty when it must not be shown."""

    thread_id: int
    title: str
    url: str
    count: int = 0
    category: str = ""


@dataclass
class ArticleNews:
    title: str
    url: str


@dataclass
class DigestContent:
    replies: list = field(default_factory=list)  # StoryNews: new replies in stories you follow
    stories: list = field(default_factory=list)  # StoryNews: new stories in categories you follow
    articles: list = field(default_factory=list)  # ArticleNews
    support: dict = field(default_factory=dict)  # reaction label -> count, on your posts

    @property
    def reply_count(self):
        return sum(story.count for story in self.replies)

    @property
    def story_count(self):
        return len(self.stories)

    @property
    def article_count(self):
        return len(self.articles)

    @property
    def support_count(self):
        return sum(self.support.values())

    @property
    def is_empty(self):
        return not (self.replies or self.stories or self.articles or self.support)

    def summary(self):
        """Counts only, for the delivery record and the dry run."""
        return {
            "replies": self.reply_count,
            "stories_with_replies": len(self.replies),
            "new_stories": self.story_count,
            "articles": self.article_count,
            "support": self.support_count,
        }


@dataclass
class ReplyContent:
    stories: list = field(default_factory=list)  # StoryNews, count = replies in it

    @property
    def reply_count(self):
        return sum(story.count for story in self.stories)

    @property
    def is_empty(self):
        return not self.stories

    def summary(self):
        return {"replies": self.reply_count, "stories_with_replies": len(self.stories)}


def _shown_title(member, title):
    # A title with a word the member muted is not repeated to them.
    return "" if text_has_muted_word(member, title) else title


@functools.cache
def _address_with(name):
    """reverse(name, args=[id]) as a format string: a digest chunk links thousands of posts."""
    marker = 987654321
    return reverse(name, args=[marker]).replace(str(marker), "{}")


def _thread_url(thread_id):
    # The short address: a story's slug is made from its title, which a discreet email never carries.
    return absolute(_address_with("forum:thread_short").format(thread_id))


def _post_url(post_id):
    return absolute(_address_with("forum:post").format(post_id))


def _with_members(deliveries):
    return list(deliveries.select_related("member", "member__email_preferences", "notice").order_by("pk"))


def deliveries_claimed(token):
    """The deliveries one claim holds, with their members and choices (one query)."""
    return _with_members(Delivery.objects.filter(claim_token=token, status=Delivery.Status.SENDING))


def deliveries_by_pk(delivery_ids):
    return _with_members(Delivery.objects.filter(pk__in=delivery_ids))


@dataclass
class AlertContent:
    """A moderator alert: where to look, and nothing of the post."""

    url: str

    is_empty = False

    def summary(self):
        return {"alerts": 1}


def alert_content(delivery):
    """The alert's link (no query: the notice is loaded with the delivery), or None if it is gone."""
    if delivery.notice is None:
        return None
    return AlertContent(url=absolute(delivery.notice.link_url or reverse("moderation:queue")))


def _replies_in_followed_stories(delivery_ids):
    follow = "thread__follows__"
    delivery = f"{follow}member__email_deliveries__"
    return (
        Post.objects.filter(
            _post_shown_q(),
            Q(**{f"{follow}following": True, f"{delivery}pk__in": delivery_ids}),
            ~Q(author_id=F(f"{follow}member_id")),
            ~_blocked_either_way(f"{follow}member_id", "author_id"),
            ~_at_risk_open("pk"),
            depth__gt=0,
            created_at__gte=F(f"{delivery}window_start"),
            created_at__lt=F(f"{delivery}window_end"),
        )
        .values("thread_id", "thread__title", delivery_id=F(f"{delivery}pk"))
        .annotate(count=Count("pk"), first=Min("pk"))
        .order_by()
    )


def _new_stories_in_followed_categories(delivery_ids):
    follow = "category__follows__"
    delivery = f"{follow}member__email_deliveries__"
    return (
        Thread.objects.filter(
            Q(**{f"{delivery}pk__in": delivery_ids}),
            ~Q(author_id=F(f"{follow}member_id")),
            ~_blocked_either_way(f"{follow}member_id", "author_id"),
            # The opening post: published, and no open at-risk report about it.
            Exists(
                Post.objects.filter(thread_id=OuterRef("pk"), depth=0, status=Post.Status.PUBLISHED).exclude(
                    _at_risk_open("pk")
                )
            ),
            is_listed=True,
            removed_by_author=False,
            created_at__gte=F(f"{delivery}window_start"),
            created_at__lt=F(f"{delivery}window_end"),
        )
        .values("pk", "title", "category__name", delivery_id=F(f"{delivery}pk"))
        .order_by("-created_at", "-pk")
    )


def _support_received(delivery_ids):
    delivery = "post__author__email_deliveries__"
    return (
        Reaction.objects.filter(
            _post_shown_q("post__"),
            Q(**{f"{delivery}pk__in": delivery_ids}),
            ~Q(member_id=F("post__author_id")),
            ~_blocked_either_way("post__author_id", "member_id"),
            created_at__gte=F(f"{delivery}window_start"),
            created_at__lt=F(f"{delivery}window_end"),
        )
        .values("kind", delivery_id=F(f"{delivery}pk"))
        .annotate(count=Count("pk"))
        .order_by()
    )


def _articles_between(start, end):
    return list(
        Article.objects.live(end)
        .filter(published_at__gte=start, published_at__lt=end)
        .order_by("-published_at", "-pk")
        .values_list("title", "slug", "published_at")
    )


def digest_contents(deliveries):
    """{delivery pk: DigestContent} for digest deliveries (with members loaded). Four queries."""
    contents = {delivery.pk: DigestContent() for delivery in deliveries}
    if not deliveries:
        return contents
    by_pk = {delivery.pk: delivery for delivery in deliveries}
    ids = list(by_pk)

    for row in _replies_in_followed_stories(ids).iterator():
        member = by_pk[row["delivery_id"]].member
        contents[row["delivery_id"]].replies.append(
            StoryNews(
                thread_id=row["thread_id"],
                title=_shown_title(member, row["thread__title"]),
                # The first of the new replies: the member reads on from there.
                url=_post_url(row["first"]),
                count=row["count"],
            )
        )
    for row in _new_stories_in_followed_categories(ids).iterator():
        member = by_pk[row["delivery_id"]].member
        contents[row["delivery_id"]].stories.append(
            StoryNews(
                thread_id=row["pk"],
                title=_shown_title(member, row["title"]),
                url=_thread_url(row["pk"]),
                count=1,
                category=row["category__name"],
            )
        )
    counts = {(row["delivery_id"], row["kind"]): row["count"] for row in _support_received(ids).iterator()}
    for pk, content in contents.items():
        # In the order the site shows them: support, me too, thank you.
        content.support = {
            label: counts[pk, kind] for kind, label in Reaction.Kind.choices if (pk, kind) in counts
        }

    # Articles are the same for everyone: one read for the whole batch's windows.
    start = min(delivery.window_start for delivery in deliveries)
    end = max(delivery.window_end for delivery in deliveries)
    articles = _articles_between(start, end)
    for delivery in deliveries:
        contents[delivery.pk].articles = [
            ArticleNews(title=title, url=absolute(reverse("articles:article", args=[slug])))
            for title, slug, published_at in articles
            if delivery.window_start <= published_at < delivery.window_end
        ]
    for content in contents.values():
        content.replies.sort(key=lambda story: (-story.count, story.thread_id))
    return contents


def reply_contents(deliveries):
    """{delivery pk: ReplyContent} for reply-email deliveries. Two queries: the replies
    (checked against the rules now, not when they were written), and the blocks."""
    contents = {delivery.pk: ReplyContent() for delivery in deliveries}
    wanted = {post_id for delivery in deliveries for post_id in delivery.post_ids}
    if not wanted:
        return contents
    posts = list(
        Post.objects.filter(_post_shown_q(), ~_at_risk_open("pk"), pk__in=wanted, depth__gt=0)
        .values("pk", "thread_id", "thread__title", "author_id")
        .order_by("pk")
    )
    members = {d.member_id for d in deliveries}
    authors = {post["author_id"] for post in posts if post["author_id"]}
    blocked = _block_pairs(members, authors)
    for d in deliveries:
        mine = set(d.post_ids)
        stories = {}
        for post in posts:
            if post["pk"] not in mine or post["author_id"] == d.member_id:
                continue
            if post["author_id"] and (d.member_id, post["author_id"]) in blocked:
                continue
            story = stories.get(post["thread_id"])
            if story is None:
                story = stories[post["thread_id"]] = StoryNews(
                    thread_id=post["thread_id"],
                    title=_shown_title(d.member, post["thread__title"]),
                    url=_post_url(post["pk"]),
                )
            story.count += 1
        contents[d.pk].stories = sorted(stories.values(), key=lambda s: s.thread_id)
    return contents


def _block_pairs(member_ids, author_ids):
    """{(member, author)} for every block either way between the two groups."""
    if not member_ids or not author_ids:
        return set()
    pairs = Block.objects.filter(
        Q(blocker_id__in=member_ids, blocked_id__in=author_ids)
        | Q(blocker_id__in=author_ids, blocked_id__in=member_ids)
    ).values_list("blocker_id", "blocked_id")
    found = set()
    for blocker, blocked in pairs:
        found.add((blocker, blocked))
        found.add((blocked, blocker))
    return found
