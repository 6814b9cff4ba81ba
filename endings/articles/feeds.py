"""RSS and Atom feeds of published articles. Addresses are built from SITE_URL."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from endings.articles.models import Article
from endings.articles.selectors import LIST_DEFERRED, topics_aggregate
from endings.articles.topics import TOPIC_LABELS

FEED_ITEMS = 20


def absolute(path):
    return f"{settings.SITE_URL}{path}"


class ArticlesFeed(Feed):
    title = "Endings: articles"
    description = (
        "Articles about therapy endings: original pieces written for Endings, and summaries of good "
        "writing elsewhere."
    )

    def link(self):
        return absolute(reverse("articles:index"))

    def feed_url(self):
        return absolute(reverse("articles:feed"))

    def items(self):
        # Live articles only, to everyone: a feed reader is never signed in.
        return list(
            Article.objects.live()
            .defer(*LIST_DEFERRED, "search_document")
            .annotate(topic_list=topics_aggregate())
            .order_by("-published_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feeds carry the description as HTML: the plain standfirst is escaped first.
        return escape(item.standfirst)

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return absolute(item.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [TOPIC_LABELS[value] for value in item.topic_values if value in TOPIC_LABELS]


class ArticlesAtomFeed(ArticlesFeed):
    feed_type = Atom1Feed
    subtitle = ArticlesFeed.description

    def feed_url(self):
        return absolute(reverse("articles:feed_atom"))
