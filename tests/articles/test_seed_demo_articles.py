"""seed_demo's articles: published once, across the topics, with discussions where the data says."""

import io

import pytest
from django.core.management import call_command

from endings.articles.models import Article
from endings.articles.topics import Topic
from endings.demo_articles import ARTICLES

pytestmark = pytest.mark.django_db


def seed():
    out = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    return out.getvalue()


def test_seed_demo_publishes_the_articles_once(client):
    first, second = seed(), seed()
    assert f"Published {len(ARTICLES)} demo articles." in first
    assert "The demo articles were already there; nothing added." in second
    assert len(ARTICLES) >= 6
    assert Article.objects.count() == len(ARTICLES)
    covered = set()
    for item in ARTICLES:
        article = Article.objects.get(slug=item["slug"])
        assert article.is_live and article.kind == Article.Kind.ORIGINAL
        assert 300 <= len(article.body.split()) <= 900, article.slug
        assert (article.discussion_thread is not None) == bool(item["discussion"])
        assert article.revisions.count() >= 2
        covered.update(article.topic_values)
        assert client.get(article.get_absolute_url()).status_code == 200
    assert covered == set(Topic.values)
    assert Article.objects.filter(is_featured=True).exists()
    assert Article.objects.filter(about_suicide_or_death=True).exists()
    # A long piece shows its table of contents.
    assert any(article.shows_toc for article in Article.objects.all())
