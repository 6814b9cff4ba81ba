"""The editorial workflow: who sees what in each state, who may change it, and the versions kept."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from endings.articles import services
from endings.articles.models import Article, ArticleRevision
from tests.articles.conftest import State, make_article
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

HIDDEN = ["draft", "review", "scheduled", "archived"]


@pytest.mark.parametrize("viewer", ["reader", "member"])
def test_readers_and_members_see_only_live_articles_in_every_list(
    client, member, articles_in_every_state, viewer
):
    if viewer == "member":
        client.force_login(member)
    pages = {
        "index": client.get(reverse("articles:index")).text,
        "topic": client.get(reverse("articles:index") + "?topic=grief").text,
        "search": client.get(reverse("articles:index") + "?q=grief").text,
        "home": client.get(reverse("home")).text,
    }
    live = articles_in_every_state["live"]
    for name in ("index", "topic", "search"):
        assert live.title in pages[name], name
    for key in HIDDEN:
        hidden = articles_in_every_state[key]
        for name, page in pages.items():
            assert hidden.title not in page, (key, name)
        # Its own address is a plain "not found", as for an article that never existed.
        assert client.get(hidden.get_absolute_url()).status_code == 404, key


def test_editors_see_every_state_in_lists_and_search_and_can_preview(editor_client, articles_in_every_state):
    index = editor_client.get(reverse("articles:index")).text
    search = editor_client.get(reverse("articles:index") + "?q=grief").text
    for key, article in articles_in_every_state.items():
        assert article.title in index, key
        assert article.title in search, key
    draft = articles_in_every_state["draft"]
    preview = editor_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Readers cannot see this article: it is draft." in preview.text
    assert '<meta name="robots" content="noindex, nofollow">' in preview.text
    scheduled = editor_client.get(articles_in_every_state["scheduled"].get_absolute_url()).text
    assert "Readers cannot see this article: it is scheduled for" in scheduled


def test_a_scheduled_article_appears_once_its_time_comes(client, editor):
    article = make_article(
        editor, title="Written ahead of time", publish_at=timezone.now() + timedelta(hours=1)
    )
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Written ahead of time" not in client.get(reverse("articles:index")).text

    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(minutes=1))

    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Written ahead of time" in client.get(reverse("articles:index")).text


@pytest.fixture
def draft(editor):
    return make_article(editor, title="An unfinished draft", state=State.DRAFT)


def form_data(article, **changes):
    data = {
        "kind": article.kind,
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "topics": article.topic_values,
    }
    data.update(changes)
    return data


def test_a_member_without_the_role_cannot_edit_by_url_or_form_replay(client, draft):
    intruder = MemberFactory(display_name="Curious Member")
    client.force_login(intruder)
    for name, args in [
        ("articles:desk", []),
        ("articles:new", []),
        ("articles:edit", [draft.pk]),
        ("articles:history", [draft.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    # Replaying the editors' forms changes nothing.
    assert (
        client.post(reverse("articles:edit", args=[draft.pk]), form_data(draft, title="Hijacked")).status_code
        == 403
    )
    assert (
        client.post(reverse("articles:new"), form_data(draft, title="Planted", slug="planted")).status_code
        == 403
    )
    assert (
        client.post(reverse("articles:workflow", args=[draft.pk]), {"action": "publish"}).status_code == 403
    )
    draft.refresh_from_db()
    assert draft.title == "An unfinished draft"
    assert draft.state == State.DRAFT
    assert not Article.objects.filter(slug="planted").exists()
    assert client.get(draft.get_absolute_url()).status_code == 404
    # Nor through the admin, which needs staff status and the editors' permissions.
    admin = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]


def test_signed_out_visitors_are_sent_to_sign_in_and_change_nothing(client, draft):
    response = client.post(reverse("articles:workflow", args=[draft.pk]), {"action": "publish"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_the_services_refuse_anyone_but_editors(draft):
    member = MemberFactory()
    with pytest.raises(services.ArticleRefused):
        services.article_transition(editor=member, article=draft, state=State.PUBLISHED)
    with pytest.raises(services.ArticleRefused):
        services.article_save(editor=member, article=draft, topics=[])


def test_an_editor_writes_previews_saves_and_publishes_on_the_site(editor_client, editor):
    new = reverse("articles:new")
    data = {
        "kind": "original",
        "title": "Letters you never send",
        "standfirst": "Writing to a therapist who is gone can help, even if the letter stays in a drawer.",
        "body": "## Why write\n\nBecause the words need somewhere to go.\n",
        "topics": ["grief", "abrupt"],
        "authors": [editor.pk],
    }
    preview = editor_client.post(new, {**data, "preview": "1"})
    assert preview.status_code == 200
    assert '<h2 id="section-why-write">Why write</h2>' in preview.text
    assert not Article.objects.exists()

    saved = editor_client.post(new, data)
    article = Article.objects.get()
    assert saved["Location"] == reverse("articles:edit", args=[article.pk])
    assert article.state == State.DRAFT and article.slug == "letters-you-never-send"
    assert sorted(article.topic_values) == ["abrupt", "grief"]

    editor_client.post(
        reverse("articles:edit", args=[article.pk]), {**data, "title": "Letters you never send, and why"}
    )
    published = editor_client.post(
        reverse("articles:workflow", args=[article.pk]), {"action": "publish"}, follow=True
    )
    assert "Published." in published.text
    article.refresh_from_db()
    assert article.is_live and article.title == "Letters you never send, and why"
    assert list(article.revisions.order_by("saved_at", "pk").values_list("change", "state")) == [
        ("Saved", "draft"),
        ("Saved", "draft"),
        ("Published", "published"),
    ]
    first = article.revisions.order_by("saved_at", "pk").first()
    assert first.title == "Letters you never send"
    assert first.content["body"] == data["body"].strip()
    history = editor_client.get(reverse("articles:history", args=[article.pk])).text
    assert "Letters you never send" in history and "Published" in history


def test_scheduling_needs_a_time_in_the_future(editor_client, draft):
    url = reverse("articles:workflow", args=[draft.pk])
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = editor_client.post(url, {"action": "schedule", "publish_at": past}, follow=True)
    assert "Please choose a time in the future" in response.text
    draft.refresh_from_db()
    assert draft.state == State.DRAFT

    later = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = editor_client.post(url, {"action": "schedule", "publish_at": later}, follow=True)
    assert "Scheduled for" in response.text
    draft.refresh_from_db()
    assert draft.is_scheduled


def test_impossible_moves_are_refused_with_a_message(editor_client, editor):
    live = make_article(editor, title="Already out")
    response = editor_client.post(
        reverse("articles:workflow", args=[live.pk]), {"action": "publish"}, follow=True
    )
    assert "This article is already published." in response.text
    empty = make_article(editor, title="Nothing written yet", body="", state=State.DRAFT)
    response = editor_client.post(
        reverse("articles:workflow", args=[empty.pk]), {"action": "publish"}, follow=True
    )
    assert "it needs the article itself" in response.text
    empty.refresh_from_db()
    assert empty.state == State.DRAFT


def test_archiving_takes_it_down_and_bringing_it_back_keeps_its_first_date(client, editor):
    article = make_article(editor, title="Back again")
    first_published = article.published_at
    services.article_transition(editor=editor, article=article, state=State.ARCHIVED)
    assert client.get(article.get_absolute_url()).status_code == 404
    services.article_transition(editor=editor, article=article, state=State.PUBLISHED)
    article.refresh_from_db()
    assert article.published_at == first_published
    assert client.get(article.get_absolute_url()).status_code == 200


def test_every_save_and_move_keeps_a_version(editor):
    article = make_article(editor, title="Counted", state=State.DRAFT)
    article.title = "Counted twice"
    services.article_save(editor=editor, article=article, topics=["grief"])
    services.article_transition(editor=editor, article=article, state=State.REVIEW)
    services.article_transition(editor=editor, article=article, state=State.PUBLISHED)
    services.article_transition(editor=editor, article=article, state=State.ARCHIVED)
    changes = list(
        ArticleRevision.objects.filter(article=article)
        .order_by("saved_at", "pk")
        .values_list("change", flat=True)
    )
    assert changes == ["Saved", "Saved", "Sent for review", "Published", "Archived"]


def test_a_save_never_changes_the_workflow_state(editor):
    article = make_article(editor, title="Stays a draft", state=State.DRAFT)
    article.state = State.PUBLISHED
    article.published_at = timezone.now()
    services.article_save(editor=editor, article=article, topics=[])
    article.refresh_from_db()
    assert article.state == State.DRAFT and article.published_at is None
