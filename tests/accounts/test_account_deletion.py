"""Issue 7: deleting an account: re-authentication, the two choices, the grace
period and its cancellation, and what is left afterwards (nothing personal)."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import tasks
from accounts.deletion import account_deletion_carry_out, account_deletion_request
from accounts.models import AccountDeletion, Block, User
from accounts.services import block_create
from forum import services
from forum.models import Category, Post, Reaction, Thread
from forum.services.queue import report_create
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

EMAIL = "quillon.marsh@example.org"
NAME = "Quillon Marsh"


@pytest.fixture
def leaver(db):
    return MemberFactory(display_name=NAME, email=EMAIL)


@pytest.fixture
def others(db):
    return MemberFactory(display_name="Alder Finch"), MemberFactory(display_name="Hazel Brook")


@pytest.fixture
def forum_life(leaver, others):
    """The leaver's own story with others' replies, and replies in someone else's story."""
    alder, hazel = others
    category = Category.objects.get(slug="ended-abruptly")
    old = timezone.now() - timedelta(days=3)
    own = services.thread_create(
        author=leaver,
        category=category,
        title="My counsellor moved away",
        body="Six years, then a move.",
        now=old,
    )
    own_opening = own.posts.get(depth=0)
    alder_reply = services.reply_create(author=alder, parent=own_opening, body="Alder answering the story.")
    leaver_answer = services.reply_create(
        author=leaver, parent=alder_reply, body="Thank you, Alder. It helps."
    )
    hazel_under = services.reply_create(
        author=hazel, parent=leaver_answer, body="Hazel, under the leaver's reply."
    )
    theirs = services.thread_create(
        author=alder,
        category=category,
        title="The locked office",
        body="She was ill; I found out late.",
        now=old,
    )
    their_opening = theirs.posts.get(depth=0)
    leaver_elsewhere = services.reply_create(
        author=leaver, parent=their_opening, body="I waited outside too."
    )
    services.reply_create(author=hazel, parent=leaver_elsewhere, body="Hazel again, replying to the leaver.")
    services.post_edit(editor=leaver, post=leaver_elsewhere, body="I waited outside the office too.")
    services.reaction_toggle(member=leaver, post=their_opening, kind="support")
    services.reaction_toggle(member=alder, post=leaver_elsewhere, kind="thanks")
    block_create(blocker=leaver, blocked=hazel)
    block_create(blocker=alder, blocked=leaver)
    report_create(reporter=leaver, post=hazel_under, reason="unkind", note="Felt unkind to me.")
    Authenticator.objects.create(user=leaver, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"})
    return {
        "own": own,
        "theirs": theirs,
        "alder_reply": alder_reply,
        "hazel_under": hazel_under,
        "leaver_answer": leaver_answer,
        "leaver_elsewhere": leaver_elsewhere,
    }


def rows_holding(*texts):
    """Every table row (and stored session) whose text holds any of `texts`."""
    found = []
    for model in apps.get_models():
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.JSONField))
            and not getattr(field, "generated", False)
        ]
        if not fields:
            continue
        query = models.Q()
        for name in fields:
            for text in texts:
                query |= models.Q(**{f"{name}__icontains": text})
        for row in model._default_manager.filter(query):
            found.append(f"{model._meta.label} {row.pk}")
    for session in Session.objects.all():
        decoded = json.dumps(session.get_decoded())
        if any(text.lower() in decoded.lower() for text in texts):
            found.append(f"session {session.pk}")
    return found


def request_deletion(client, member, choice):
    """Through the pages: re-authenticate, choose, confirm."""
    client.force_login(member)
    first = client.get(reverse("accounts:delete"))
    assert first.status_code == 302 and first.url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("accounts:delete"))
    assert page.status_code == 200
    assert "Erase my words" in page.text and "Keep my words, anonymously" in page.text
    return client.post(reverse("accounts:delete"), {"choice": choice, "confirm": "on"}, follow=True)


def carry_out_later(deletion):
    return account_deletion_carry_out(deletion_id=deletion.pk, now=deletion.due_at + timedelta(minutes=1))


def test_deleting_asks_for_the_password_again_first(client, leaver):
    client.force_login(leaver)
    response = client.post(reverse("accounts:delete"), {"choice": "erase", "confirm": "on"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not AccountDeletion.objects.exists()


def test_choosing_nothing_changes_nothing(client, leaver):
    client.force_login(leaver)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert "Please choose what should happen to your words." in response.text
    response = client.post(reverse("accounts:delete"), {"choice": "erase"})
    assert "Please tick the box to confirm" in response.text
    assert not AccountDeletion.objects.exists()
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_the_request_signs_out_every_browser_and_starts_seven_days(client, leaver):
    elsewhere = Client()
    elsewhere.force_login(leaver)
    response = request_deletion(client, leaver, "erase")
    deletion = AccountDeletion.objects.get()
    assert deletion.status == "pending" and deletion.choice == "erase"
    assert deletion.due_at - deletion.requested_at == timedelta(days=7)
    assert "Your account will be deleted on" in response.text
    assert not response.context["user"].is_authenticated
    assert elsewhere.get(reverse("accounts:settings")).status_code == 302
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(leaver.pk)]


def test_signing_in_within_the_grace_period_cancels_and_restores_everything(client, leaver, forum_life):
    request_deletion(client, leaver, "erase")
    deletion = AccountDeletion.objects.get()
    response = client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD}, follow=True)
    said = [str(message) for message in response.context["messages"]]
    assert any(text.startswith("Welcome back. Your account will not be deleted") for text in said)
    deletion.refresh_from_db()
    assert deletion.status == "cancelled"
    # The beat task, when the day comes, does nothing.
    assert carry_out_later(deletion) is None
    leaver.refresh_from_db()
    assert (leaver.email, leaver.display_name, leaver.is_active) == (EMAIL, NAME, True)
    assert Post.objects.get(pk=forum_life["leaver_answer"].pk).body == "Thank you, Alder. It helps."
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_nothing_happens_before_the_grace_period_ends(leaver, forum_life):
    deletion = account_deletion_request(member=leaver, choice="erase")
    assert (
        account_deletion_carry_out(deletion_id=deletion.pk, now=deletion.due_at - timedelta(minutes=1))
        is None
    )
    assert User.objects.filter(pk=leaver.pk).exists()


def _others_threads_intact(forum_life):
    alder_reply = Post.objects.get(pk=forum_life["alder_reply"].pk)
    hazel_under = Post.objects.get(pk=forum_life["hazel_under"].pk)
    assert alder_reply.status == "published" and alder_reply.body == "Alder answering the story."
    assert hazel_under.status == "published" and hazel_under.parent_id == forum_life["leaver_answer"].pk
    theirs = Thread.objects.get(pk=forum_life["theirs"].pk)
    assert theirs.title == "The locked office" and theirs.posts.count() == 3


def test_erase_my_words_removes_each_post_in_place_and_leaves_no_personal_row(
    client, leaver, others, forum_life
):
    alder, _ = others
    request_deletion(client, leaver, "erase")
    deletion = AccountDeletion.objects.get()
    assert rows_holding(EMAIL, NAME)  # everything is still there during the grace period

    done = carry_out_later(deletion)
    assert done.status == "done" and done.member_id is None

    assert not User.objects.filter(pk=leaver.pk).exists()
    assert rows_holding(EMAIL, NAME) == []
    answer = Post.objects.get(pk=forum_life["leaver_answer"].pk)
    assert answer.status == "author_removed" and answer.body == "" and answer.author_id is None
    assert not Post.objects.filter(body__icontains="waited outside").exists()
    assert not Post.objects.filter(pk=forum_life["leaver_elsewhere"].pk, revisions__isnull=False).exists()
    own = Thread.objects.get(pk=forum_life["own"].pk)
    assert own.removed_by_author and own.shown_title == "A story removed by its author"
    _others_threads_intact(forum_life)
    # The support the leaver gave is taken back; what others gave stays counted where it is.
    assert Post.objects.get(pk=forum_life["theirs"].posts.get(depth=0).pk).support_count == 0
    assert not Reaction.objects.filter(member_id=leaver.pk).exists()
    assert not Block.objects.exists()
    assert not EmailAddress.objects.filter(user_id=leaver.pk).exists()
    assert not Authenticator.objects.filter(user_id=leaver.pk).exists()

    # Others can still read both threads, with the leaver's posts removed in place.
    client.force_login(alder)
    page = client.get(forum_life["theirs"].get_absolute_url()).text
    assert "She was ill; I found out late." in page and "Hazel again, replying to the leaver." in page
    page = client.get(forum_life["own"].get_absolute_url()).text
    assert "Alder answering the story." in page and "Hazel, under the leaver" in page
    assert NAME not in page


def test_keep_my_words_anonymously_shows_a_former_member(client, leaver, others, forum_life):
    alder, _ = others
    request_deletion(client, leaver, "anonymise")
    carry_out_later(AccountDeletion.objects.get())

    assert rows_holding(EMAIL, NAME) == []
    answer = Post.objects.get(pk=forum_life["leaver_answer"].pk)
    assert answer.status == "published" and answer.body == "Thank you, Alder. It helps."
    assert answer.author_id is None and answer.author_name == ""
    _others_threads_intact(forum_life)
    client.force_login(alder)
    page = client.get(forum_life["theirs"].get_absolute_url()).text
    assert "I waited outside the office too." in page
    assert "a former member" in page
    assert NAME not in page
    page = client.get(forum_life["own"].get_absolute_url()).text
    assert "Six years, then a move." in page and "My counsellor moved away" in page


def test_the_beat_task_carries_out_due_deletions_only(leaver, others):
    alder, _ = others
    due = account_deletion_request(member=leaver, choice="anonymise", now=timezone.now() - timedelta(days=8))
    later = account_deletion_request(member=alder, choice="erase")
    assert tasks.account_deletions_carry_out() == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == "done" and later.status == "pending"
    assert not User.objects.filter(pk=leaver.pk).exists()
    assert User.objects.filter(pk=alder.pk).exists()
    assert tasks.account_deletions_carry_out() == 0


def test_staff_see_pending_deletions_in_the_admin(client, leaver):
    account_deletion_request(member=leaver, choice="erase")
    staff = User.objects.create_superuser(
        email="staff@example.org", display_name="Staff Person", password=PASSWORD
    )
    client.force_login(staff)
    page = client.get(reverse("admin:accounts_accountdeletion_changelist") + "?status__exact=pending").text
    assert NAME in page and "Erase my words" in page


def test_the_deletion_page_explains_the_grace_period(client, leaver):
    client.force_login(leaver)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("accounts:delete")).text
    assert "For 7 days nothing else changes" in page
    assert "simply sign in again" in page


def test_the_moderation_audit_keeps_the_action_but_not_the_name(leaver, forum_life):
    from forum.models import Flag, ModerationAction

    ModerationAction.objects.create(
        action=ModerationAction.Action.SILENCE,
        member=leaver,
        member_name=leaver.display_name,
        reason="Repeated unkindness.",
    )
    deletion = account_deletion_request(member=leaver, choice="anonymise")
    carry_out_later(deletion)
    action = ModerationAction.objects.get(action=ModerationAction.Action.SILENCE)
    assert action.member_id is None and action.member_name == "a former member"
    assert action.reason == "Repeated unkindness."
    # The report the leaver made stays with the moderators, pointing at no one.
    flag = Flag.objects.get(post=forum_life["hazel_under"])
    assert flag.reporter_id is None and flag.note == "Felt unkind to me."
    assert rows_holding(EMAIL, NAME) == []


def test_a_row_another_table_protects_is_kept_as_an_empty_husk(leaver, forum_life, monkeypatch):
    from django.db.models import ProtectedError
    from django.db.models.query import QuerySet

    real_delete = QuerySet.delete

    def protected(queryset):
        if queryset.model is User:
            raise ProtectedError("a moderation record needs this row", set())
        return real_delete(queryset)

    monkeypatch.setattr(QuerySet, "delete", protected)
    deletion = account_deletion_request(member=leaver, choice="erase")
    done = carry_out_later(deletion)
    assert done.summary["member_row"] == "anonymised"
    husk = User.objects.get(pk=leaver.pk)
    assert not husk.is_active and not husk.has_usable_password()
    assert husk.email.endswith("@deleted.invalid")
    assert rows_holding(EMAIL, NAME) == []
