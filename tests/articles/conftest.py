"""Articles fixtures: an editor, and articles made through the services in any state."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import role_grant
from endings.articles import services
from endings.articles.models import Article
from forum.models import Category
from tests.factories import MemberFactory

State = Article.State


@pytest.fixture(autouse=True)
def _editors_post_straight_away(settings):
    # An editor opening a discussion is not a newcomer whose first posts wait for
    # a moderator (that hold has its own tests in tests/forum).
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    settings.MODERATION_HOLD_LINKS_DAYS = 0


@pytest.fixture
def editor(db):
    person = MemberFactory(display_name="Juniper Editor", email="juniper@example.org")
    role_grant(email=person.email, role="editor")
    return person


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def public_category(db):
    return Category.objects.get(slug="starting-again")


@pytest.fixture
def members_category(db):
    return Category.objects.get(slug="illness-or-death")


def make_article(
    editor,
    *,
    title="When your therapist retires",
    state=State.PUBLISHED,
    publish_at=None,
    topics=("retired", "grief"),
    body=None,
    now=None,
    **fields,
):
    """An article saved by `editor` and moved to `state` (published a day ago unless `publish_at`)."""
    now = now or timezone.now()
    fields.setdefault("standfirst", f"A few plain words about {title.lower()}.")
    article = services.article_save(
        editor=editor,
        article=Article(title=title, body=body if body is not None else f"Words about {title}.", **fields),
        topics=list(topics),
        authors=[editor],
        now=now - timedelta(days=4),
    )
    if state == State.PUBLISHED:
        if publish_at is None:
            services.article_transition(
                editor=editor, article=article, state=state, now=now - timedelta(days=1)
            )
        else:
            services.article_transition(
                editor=editor, article=article, state=state, publish_at=publish_at, now=now
            )
    elif state == State.ARCHIVED:
        services.article_transition(
            editor=editor, article=article, state=State.PUBLISHED, now=now - timedelta(days=3)
        )
        services.article_transition(editor=editor, article=article, state=state, now=now - timedelta(days=1))
    elif state != State.DRAFT:
        services.article_transition(editor=editor, article=article, state=state, now=now - timedelta(days=1))
    article.refresh_from_db()
    return article


@pytest.fixture
def articles_in_every_state(editor):
    """One live article and one each that readers must never see."""
    now = timezone.now()
    return {
        "live": make_article(editor, title="A live piece about grief"),
        "draft": make_article(editor, title="A draft piece about grief", state=State.DRAFT),
        "review": make_article(editor, title="A piece about grief in review", state=State.REVIEW),
        "scheduled": make_article(
            editor, title="A scheduled piece about grief", publish_at=now + timedelta(hours=3)
        ),
        "archived": make_article(editor, title="An archived piece about grief", state=State.ARCHIVED),
    }
