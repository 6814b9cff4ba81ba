"""A small world for the security suite: one member of each role, and things that belong to others.

Every role signs in with its own client. The objects the URLs point at (a story,
a reply, a draft article, a data export, a queue item) belong to members who are
not any of the roles, so a page that opens for a role opens on someone else's
things: that is the object-level check.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts import data_export
from accounts.models import DataExport, User
from accounts.services import role_grant
from endings.articles import services as article_services
from endings.articles.models import Article
from endings.digests import emails as digest_emails
from forum import services
from forum.models import Category, Post, QueueItem, SafetyRule
from forum.services import moderation
from forum.services.queue import report_create
from tests.factories import MemberFactory
from tests.forum.moderation_fixtures import make_moderator

SIGNED_OUT = "signed_out"
MEMBER = "member"
SILENCED = "silenced"
SUSPENDED = "suspended"
MODERATOR_WITHOUT_TOTP = "moderator_without_totp"
MODERATOR = "moderator"
EDITOR = "editor"
STAFF = "staff"
ROLES = (SIGNED_OUT, MEMBER, SILENCED, SUSPENDED, MODERATOR_WITHOUT_TOTP, MODERATOR, EDITOR, STAFF)


@dataclass
class World:
    people: dict
    author: User
    other: User
    thread: object
    public_thread: object
    opening: Post
    reply: Post
    removed: Post
    item: QueueItem
    rule: SafetyRule
    draft: Article
    live: Article
    export: DataExport
    export_token: str
    unsubscribe_token: str
    category: Category
    clients: dict = field(default_factory=dict)

    def client_for(self, role):
        return self.clients[role]


@pytest.fixture
def private_storage(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return tmp_path


def _people():
    long_ago = timezone.now() - timedelta(days=400)
    people = {
        MEMBER: MemberFactory(display_name="Role Member"),
        SILENCED: MemberFactory(display_name="Role Silenced"),
        SUSPENDED: MemberFactory(display_name="Role Suspended"),
        MODERATOR_WITHOUT_TOTP: make_moderator("Role Moderator Without Codes", totp=False),
        MODERATOR: make_moderator("Role Moderator"),
        EDITOR: MemberFactory(display_name="Role Editor"),
        STAFF: MemberFactory(display_name="Role Staff"),
    }
    role_grant(email=people[EDITOR].email, role="editor")
    User.objects.filter(pk=people[STAFF].pk).update(is_staff=True)
    User.objects.filter(pk__in=[p.pk for p in people.values()]).update(date_joined=long_ago)
    User.objects.filter(pk=people[SILENCED].pk).update(silenced_until=timezone.now() + timedelta(days=7))
    for person in people.values():
        person.refresh_from_db()
    return people


def world_build(*, clients=True):
    now = timezone.now()
    people = _people()
    author = MemberFactory(display_name="Owner Rowan")
    other = MemberFactory(display_name="Other Alder")
    old_editor = MemberFactory(display_name="Another Editor")
    role_grant(email=old_editor.email, role="editor")
    User.objects.filter(pk__in=[author.pk, other.pk]).update(date_joined=now - timedelta(days=400))
    author.refresh_from_db()
    other.refresh_from_db()

    category = Category.objects.get(slug="ended-abruptly")
    public = Category.objects.get(slug="starting-again")
    thread = services.thread_create(
        author=author,
        category=category,
        title="A letter, then nothing",
        body="She ended eleven years with a letter.",
        ending="abrupt",
        now=now - timedelta(days=3),
    )
    public_thread = services.thread_create(
        author=author,
        category=public,
        title="Starting again, slowly",
        body="A new therapist, and I am scared.",
        now=now - timedelta(days=3),
    )
    opening = thread.opening_post
    reply = services.reply_create(author=other, parent=opening, body="I know that silence.", now=now)
    removed = services.reply_create(author=author, parent=reply, body="Something I regret.", now=now)
    report_create(reporter=other, post=removed, reason="unkind", note="This felt unkind.")
    removed_item = QueueItem.objects.get(post=removed, kind=QueueItem.Kind.REVIEW)
    moderation.queue_item_act(
        moderator=make_moderator("Mod Before"),
        item_id=removed_item.pk,
        version=removed_item.version,
        action="remove",
        reason="Unkind to another member.",
    )
    report_create(reporter=other, post=opening, reason="spam", note="Looks like an advert.")
    item = QueueItem.objects.get(post=opening, kind=QueueItem.Kind.REVIEW)
    draft = article_services.article_save(
        editor=old_editor,
        article=Article(title="A draft nobody should see", standfirst="Not yet.", body="Draft words."),
        topics=["grief"],
        authors=[old_editor],
    )
    live = article_services.article_save(
        editor=old_editor,
        article=Article(title="When therapy ends", standfirst="Some words.", body="Published words."),
        topics=["grief"],
        authors=[old_editor],
    )
    article_services.article_transition(
        editor=old_editor, article=live, state=Article.State.PUBLISHED, now=now - timedelta(days=1)
    )
    export, _ = data_export.data_export_request(member=author)
    export = data_export.data_export_build(export_id=export.pk)
    world = World(
        people=people,
        author=author,
        other=other,
        thread=thread,
        public_thread=public_thread,
        opening=opening,
        reply=reply,
        removed=removed,
        item=item,
        rule=SafetyRule.objects.order_by("pk").first(),
        draft=draft,
        live=live,
        export=export,
        export_token=data_export.download_token(export),
        unsubscribe_token=digest_emails.unsubscribe_token(author.pk, "all"),
        category=category,
    )
    if clients:
        world.clients = role_clients(people)
    return world


def role_clients(people, **client_kwargs):
    clients = {SIGNED_OUT: Client(**client_kwargs)}
    for role, person in people.items():
        client = Client(**client_kwargs)
        client.force_login(person)
        clients[role] = client
    # Suspended after signing in: the session that was already open must not go on working.
    User.objects.filter(pk=people[SUSPENDED].pk).update(suspended_until=timezone.now() + timedelta(days=7))
    return clients


@pytest.fixture
def world(db, private_storage, tasks_in_process):
    return world_build()
