"""The sitemap: public pages only. Forum pages carry noindex, so no story is listed here.

Addresses use SITE_URL (django.contrib.sites is not installed).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from endings.articles.models import Article


class _SiteUrlSitemap(Sitemap):
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(_SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return ["home", "help", "guidelines", "privacy", "articles:index"]

    def location(self, item):
        return reverse(item)

    def priority(self, item):
        return {"home": 1.0, "articles:index": 0.8}.get(item, 0.5)


class ArticlesSitemap(_SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 5000

    def items(self):
        return (
            Article.objects.live().only("slug", "updated_at", "published_at").order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


SITEMAPS = {"pages": PagesSitemap, "articles": ArticlesSitemap}
