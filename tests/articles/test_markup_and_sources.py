"""What editors write is rendered safely, and a curated article always points at a web address."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from endings.articles import services
from endings.articles.markup import render_article_markdown
from endings.articles.models import Article
from tests.articles.conftest import State, make_article

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"
XSS_LINK = "[click me](javascript:alert(3))"


def test_markup_and_plain_fields_are_rendered_safely_everywhere(client, editor):
    article = make_article(
        editor,
        title=f"Title {XSS}",
        standfirst=f"Standfirst {XSS}",
        body=f"Body {XSS}\n\n{XSS_LINK}\n\n## Heading {XSS}\n",
    )
    curated = make_article(
        editor,
        title="A curated piece",
        kind=Article.Kind.CURATED,
        body="",
        source_title=f"Source {XSS}",
        source_url="https://example.org/essay",
        summary=f"Summary {XSS}\n\n{XSS_LINK}",
        why_chosen=f"Why {XSS}",
    )
    pages = [
        client.get(article.get_absolute_url()).text,
        client.get(curated.get_absolute_url()).text,
        client.get(reverse("articles:index")).text,
        client.get(reverse("articles:index") + "?q=script").text,
        client.get(reverse("home")).text,
    ]
    for page in pages:
        assert "<script>alert" not in page
        assert not re.search(r"<img[^>]*onerror", page)
        assert 'href="javascript' not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0]
    assert "click me" in pages[1]  # the link text stays, without its address


def test_feed_descriptions_are_escaped_html(client, editor):
    make_article(editor, title="Feed safety", standfirst=f"Standfirst {XSS}")
    feed = ET.fromstring(client.get(reverse("articles:feed_atom")).content)
    summary = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary").text
    # The summary is HTML: a feed reader shows the tags as text instead of running them.
    assert "<script" not in summary and "&lt;script&gt;" in summary


def test_headings_get_ids_for_the_table_of_contents_without_letting_any_attribute_in():
    html, toc = render_article_markdown(
        "# One\n\ntext\n\n## Two <b>bold</b>\n\n### Two and a half\n\n## Two <b>bold</b>\n\n#### Small\n"
    )
    assert '<h2 id="section-one">One</h2>' in html
    assert '<h3 id="section-two-and-a-half">' in html
    assert [entry["id"] for entry in toc] == [
        "section-one",
        "section-two-bboldb",
        "section-two-and-a-half",
        "section-two-bboldb-2",
    ]
    assert toc[1]["text"] == "Two <b>bold</b>"  # shown escaped: the template escapes it
    assert "<b>" not in html


def test_a_long_piece_shows_a_table_of_contents(client, editor):
    sections = "\n\n".join(f"## Part {n}\n\n" + "word " * 250 for n in range(1, 5))
    article = make_article(editor, title="A long read", body=sections)
    page = client.get(article.get_absolute_url()).text
    assert "In this article" in page
    assert '<a href="#section-part-3">Part 3</a>' in page
    short = make_article(editor, title="A short read", body="## Only\n\nA few words.")
    assert "In this article" not in client.get(short.get_absolute_url()).text


def curated_data(**changes):
    data = {
        "kind": "curated",
        "title": "A good essay about endings",
        "standfirst": "An essay worth your time.",
        "source_title": "On endings",
        "source_url": "https://example.org/on-endings",
        "summary": "The author describes their last session.",
        "topics": ["grief"],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/x",
        "",
        "example",
    ],
)
def test_a_curated_article_needs_a_web_address(editor_client, address):
    response = editor_client.post(reverse("articles:new"), curated_data(source_url=address))
    assert response.status_code == 200
    assert "the web address of the original piece, starting with https://" in response.text
    assert not Article.objects.exists()


def test_a_curated_article_with_a_web_address_is_saved_and_links_out(client, editor_client, editor):
    response = editor_client.post(reverse("articles:new"), curated_data())
    article = Article.objects.get()
    assert response.status_code == 302
    services.article_transition(editor=editor, article=article, state=State.PUBLISHED)
    page = client.get(article.get_absolute_url()).text
    assert 'href="https://example.org/on-endings" rel="external noopener noreferrer"' in page
    assert "Our summary" in page


def test_the_service_refuses_a_javascript_source_too(editor):
    with pytest.raises(ValidationError):
        services.article_save(
            editor=editor,
            article=Article(
                **{k: v for k, v in curated_data(source_url="javascript:alert(1)").items() if k != "topics"}
            ),
            topics=[],
        )


def test_a_bad_address_already_in_the_database_is_never_linked(client, editor):
    article = make_article(
        editor,
        title="Imported",
        kind="curated",
        body="",
        source_title="Old",
        source_url="https://example.org/",
        summary="Summary.",
    )
    Article.objects.filter(pk=article.pk).update(source_url="javascript:alert(1)")
    page = client.get(article.get_absolute_url()).text
    assert "javascript:" not in page
