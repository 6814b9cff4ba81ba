"""Searching stories and replies (PostgreSQL full text), as a reader uses the search page."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from forum import services
from forum.models import Post
from forum.selectors import search as search_selectors
from forum.selectors.search import RESULTS_PER_PAGE
from tests.forum.helpers_t2 import (
    Clock,
    aged_member,
    make_reply,
    make_story,
    members_category,
    opening_post,
    public_category,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("these tests are about the PostgreSQL search; run them with DATABASE_URL set")


@pytest.fixture
def writer():
    return aged_member("Linden Writer")


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def reader_client(client):
    client.force_login(aged_member("Quince Reader"))
    return client


def search(client, **params):
    response = client.get(reverse("forum:search"), params)
    assert response.status_code == 200
    return text(response)


def result_titles(page):
    return re.findall(r'<h3 class="search-result__title"><a href="[^"]+">([^<]+)</a></h3>', page)


def result_post_ids(page):
    return [
        int(pk) for pk in re.findall(r'class="search-result__title"><a href="/stories/post/(\d+)/">', page)
    ]


def snippets(page):
    return re.findall(r'<p class="search-result__snippet">(.*?)</p>', page, flags=re.S)


def test_finds_words_in_titles_and_bodies(reader_client, writer, clock):
    make_story(
        writer, members_category(), title="The lighthouse keeper", body="Nothing else to say.", now=clock()
    )
    story = make_story(
        writer, members_category(), title="A different title", body="Plain words.", now=clock()
    )
    make_reply(opening_post(story), writer, body="I drove past the old lighthouse today.", now=clock())
    page = search(reader_client, q="lighthouse")
    assert "2 results for “lighthouse”" in page
    assert sorted(result_titles(page)) == ["A different title", "The lighthouse keeper"]


def test_stemming_finds_other_forms_of_a_word(reader_client, writer, clock):
    make_story(
        writer,
        members_category(),
        title="News at the end of May",
        body="She announced her retirement.",
        now=clock(),
    )
    page = search(reader_client, q="retired")
    assert result_titles(page) == ["News at the end of May"]


def test_title_matches_rank_first(reader_client, writer, clock):
    make_story(
        writer, members_category(), title="The garden of waiting", body="We met on Tuesdays.", now=clock()
    )
    # Newer, so it would come first if results were only sorted by date.
    make_story(
        writer, members_category(), title="Tuesdays", body="Her office looked onto a garden.", now=clock()
    )
    assert result_titles(search(reader_client, q="garden")) == ["The garden of waiting", "Tuesdays"]


def test_snippets_mark_the_matches(reader_client, writer, clock):
    make_story(
        writer,
        members_category(),
        title="Letters",
        body="I wrote her a letter and never sent the letters.",
        now=clock(),
    )
    (snippet,) = snippets(search(reader_client, q="letter"))
    assert "<mark>letter</mark>" in snippet
    assert "<mark>letters</mark>" in snippet


def test_snippets_show_words_not_markdown_marks(reader_client, writer, clock):
    body = "> She said it was **time**.\n\nI still think about the _harbour_ walk."
    make_story(writer, members_category(), title="Walks", body=body, now=clock())
    (snippet,) = snippets(search(reader_client, q="harbour"))
    assert "<mark>harbour</mark>" in snippet
    assert "**" not in snippet
    assert "_harbour" not in snippet and "&gt; She" not in snippet


def test_snippets_escape_html_from_the_body(reader_client, writer, clock):
    body = 'In my journal I typed <script>alert("x")</script> and <b>bold</b> about the harbour.'
    make_story(writer, members_category(), title="Journal", body=body, now=clock())
    page = search(reader_client, q="harbour")
    (snippet,) = snippets(page)
    assert "&lt;script&gt;" in snippet
    assert "<script>alert" not in page
    assert "<b>bold" not in page
    assert "<mark>harbour</mark>" in snippet


@pytest.fixture
def letter_stories(writer, clock):
    make_story(
        writer, members_category(), title="One", body="The letter arrived late in the winter.", now=clock()
    )
    make_story(
        writer, members_category(), title="Two", body="Late one night I wrote a letter, unsent.", now=clock()
    )
    make_story(
        writer,
        members_category(),
        title="Three",
        body="A voicemail, then nothing at the harbour.",
        now=clock(),
    )


@pytest.mark.parametrize(
    "query, titles",
    [
        ('"letter arrived"', ["One"]),
        ("letter -arrived", ["Two"]),
        ("letter -unsent", ["One"]),
        ("voicemail or unsent", ["Three", "Two"]),
        ("letter late", ["One", "Two"]),
    ],
)
def test_websearch_syntax(reader_client, letter_stories, query, titles):
    assert sorted(result_titles(search(reader_client, q=query))) == titles


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        'a "b',
        "!!! ??? ...",
        "(((",
        "& | ! : *",
        "or",
        "-",
        '""',
        "letter:*",
        "x" * 500,
        "letter " * 100,
        "'; drop table forum_post; --",
        "1' or '1'='1",
        "\\",
        "<script>alert(1)</script>",
        "nul\x00byte",
        "bell\x07char",
        "ünïcödé 心 🌊",
    ],
)
def test_malformed_queries_are_answered_calmly(client, reader_client, letter_stories, query):
    for someone in (client, reader_client):
        search(someone, q=query)
    assert Post.objects.count() == 3


@pytest.mark.parametrize(
    "params", [{"page": "abc"}, {"page": "-3"}, {"page": "99999"}, {"category": "x"}, {"ending": "??"}]
)
def test_malformed_filters_are_answered_calmly(reader_client, letter_stories, params):
    page = search(reader_client, q="letter", **params)
    assert sorted(result_titles(page)) == ["One", "Two"]


def test_filter_by_category(reader_client, writer, clock):
    make_story(
        writer, members_category(), title="Members story", body="The waiting room was cold.", now=clock()
    )
    make_story(
        writer, public_category(), title="Public story", body="The waiting room was warm.", now=clock()
    )
    assert len(result_titles(search(reader_client, q="waiting room"))) == 2
    only = search(reader_client, q="waiting room", category=public_category().pk)
    assert result_titles(only) == ["Public story"]


def test_filter_by_how_it_ended(reader_client, writer, clock):
    make_story(
        writer,
        members_category(),
        title="Retired",
        body="Her last day was in June.",
        ending="retired",
        now=clock(),
    )
    make_story(
        writer,
        members_category(),
        title="Abrupt",
        body="My last day was a text message.",
        ending="abrupt",
        now=clock(),
    )
    assert result_titles(search(reader_client, q="last day", ending="abrupt")) == ["Abrupt"]
    assert result_titles(search(reader_client, q="last day", ending="retired")) == ["Retired"]


def test_removed_posts_are_not_found(reader_client, writer, clock):
    story = make_story(
        writer, members_category(), title="Still here", body="The kettle was always on.", now=clock()
    )
    reply = make_reply(opening_post(story), writer, body="I miss the kettle and the tea.", now=clock())
    gone = make_story(
        writer, members_category(), title="Taken down", body="Another kettle story.", now=clock()
    )
    assert len(result_titles(search(reader_client, q="kettle"))) == 3

    services.post_delete_own(member=writer, post=reply)
    services.post_delete_own(member=writer, post=opening_post(gone))
    page = search(reader_client, q="kettle")
    assert result_titles(page) == ["Still here"]
    assert "Taken down" not in page
    assert "the tea" not in page


def test_results_are_paginated(reader_client, writer, clock):
    story = make_story(
        writer, members_category(), title="Many answers", body="Tell me about the clocks.", now=clock()
    )
    for n in range(RESULTS_PER_PAGE + 4):
        make_reply(opening_post(story), writer, body=f"Clocks reply number {n}.", now=clock())
    make_reply(opening_post(story), writer, body="A reply about something else.", now=clock())
    first = search(reader_client, q="clocks")
    assert "25 results for “clocks”" in first
    assert len(result_titles(first)) == RESULTS_PER_PAGE
    assert "Page 1 of 2" in first
    assert 'href="?q=clocks&amp;page=2"' in first

    second = search(reader_client, q="clocks", page=2)
    assert len(result_titles(second)) == 5
    assert "Page 2 of 2" in second
    # Every match exactly once across the two pages.
    shown = result_post_ids(first) + result_post_ids(second)
    assert sorted(shown) == sorted(Post.objects.filter(body__icontains="clocks").values_list("pk", flat=True))


def test_very_common_words_show_the_best_of_the_newest_matches(reader_client, writer, clock, monkeypatch):
    # RANKED_MATCHES is 1,000; three stand in for it here.
    monkeypatch.setattr(search_selectors, "RANKED_MATCHES", 3)
    story = make_story(
        writer, members_category(), title="Rain on the window", body="Rain all week.", now=clock()
    )
    opening = opening_post(story)
    make_reply(opening, writer, body="More rain here too.", now=clock())
    closest = make_reply(opening, writer, body="Rain, rain and rain: nothing but rain.", now=clock())
    plain = [make_reply(opening, writer, body=f"Some rain today ({n}).", now=clock()) for n in range(2)]

    page = search(reader_client, q="rain")

    assert "3+ results for “rain”" in page
    assert "closest matches among the newest 3" in page
    # The newest three, the closest match first, then the newest; older matches need more words.
    assert result_post_ids(page) == [closest.pk, plain[1].pk, plain[0].pk]
    assert "1 result for “rain week”" in search(reader_client, q="rain week")


def test_empty_search_shows_a_prompt(reader_client):
    assert "Type a few words to search for." in search(reader_client, q="  ")
    assert "results for" not in search(reader_client)
