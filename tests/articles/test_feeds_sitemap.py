"""The feeds and the sitemap: well-formed XML, public published items only, addresses on SITE_URL."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.forum.conftest import make_story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://endings.example"


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def test_atom_feed_lists_only_live_articles_with_absolute_links(client, articles_in_every_state):
    response, feed = parsed(client, reverse("articles:feed_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [articles_in_every_state["live"].title]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"https://endings.example{articles_in_every_state['live'].get_absolute_url()}"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://endings.example/articles/feed/atom/"
    assert {c.get("term") for c in entries[0].findall(f"{ATOM}category")} == {"Retired or moved", "Grief"}


def test_rss_feed_lists_only_live_articles(client, articles_in_every_state):
    _, rss = parsed(client, reverse("articles:feed"))
    items = rss.findall("./channel/item")
    assert [item.findtext("title") for item in items] == [articles_in_every_state["live"].title]
    assert items[0].findtext("link").startswith("https://endings.example/articles/")


def test_sitemap_lists_public_pages_and_live_articles_only(
    client, articles_in_every_state, author, public_category
):
    make_story(author, public_category, title="A public story that stays out of the sitemap")
    _, sitemap = parsed(client, reverse("sitemap"))
    locations = [url.findtext(f"{SITEMAP}loc") for url in sitemap.findall(f"{SITEMAP}url")]
    site = "https://endings.example"
    for path in ["/", "/help/", "/guidelines/", "/privacy/", "/articles/"]:
        assert f"{site}{path}" in locations
    assert f"{site}{articles_in_every_state['live'].get_absolute_url()}" in locations
    for key in ("draft", "review", "scheduled", "archived"):
        assert f"{site}{articles_in_every_state[key].get_absolute_url()}" not in locations, key
    # Forum pages carry noindex: no story belongs in the sitemap, public or not.
    assert not [loc for loc in locations if "/stories/" in loc]
    assert all(loc.startswith(site) for loc in locations)


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://endings.example/sitemap.xml" in response.text
    assert "Disallow: /articles/editor/" in response.text


@pytest.fixture
def author(db):
    from tests.factories import MemberFactory

    return MemberFactory(display_name="Story Author")
