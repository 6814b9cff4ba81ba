"""Issue 7: block, mute, content notes, profile settings, and taking a break."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Block
from accounts.muting import MutedWordsInvalid, muted_words_parse, text_has_muted_word
from accounts.selectors import blocked_pairs_ids, members_not_to_notify
from accounts.services import block_create, break_start
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def sign_in(client, member):
    return client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD}, follow=True)


# --- Blocking -------------------------------------------------------------------


def test_block_a_member_by_name_and_unblock_from_settings(member_client, member):
    other = MemberFactory(display_name="Bramble Cole")
    response = member_client.post(
        reverse("accounts:blocked"), {"display_name": "  bramble   cole "}, follow=True
    )
    assert "You blocked Bramble Cole" in response.text
    assert Block.objects.filter(blocker=member, blocked=other).exists()
    page = member_client.get(reverse("accounts:blocked")).text
    assert "Bramble Cole" in page and "Unblock" in page

    member_client.post(reverse("accounts:unblock", args=[other.pk]))
    assert not Block.objects.filter(blocker=member).exists()
    assert "You have not blocked anyone." in member_client.get(reverse("accounts:blocked")).text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Nobody Here", "We could not find a member with that name."),
        ("willow test", "you cannot block yourself"),
    ],
)
def test_blocking_an_unknown_name_or_yourself_is_refused_kindly(member_client, member, name, message):
    response = member_client.post(reverse("accounts:blocked"), {"display_name": name})
    assert response.status_code == 200
    assert message in response.text
    assert not Block.objects.exists()


def test_block_from_a_profile_and_blocking_twice_is_harmless(member_client, member):
    other = MemberFactory(display_name="Bramble Cole")
    for _ in range(2):
        member_client.post(reverse("accounts:block", args=[other.pk]))
    assert Block.objects.filter(blocker=member, blocked=other).count() == 1


def test_blocking_needs_a_post_and_a_signed_in_member(client, member):
    other = MemberFactory()
    assert client.post(reverse("accounts:block", args=[other.pk])).status_code == 302
    client.force_login(member)
    assert client.get(reverse("accounts:block", args=[other.pk])).status_code == 405
    assert not Block.objects.exists()


def test_blocked_pairs_work_both_ways_for_digests(member):
    blocked, blocker, stranger = MemberFactory(), MemberFactory(), MemberFactory()
    block_create(blocker=member, blocked=blocked)
    block_create(blocker=blocker, blocked=member)
    assert blocked_pairs_ids(member) == {blocked.pk, blocker.pk}
    assert stranger.pk not in blocked_pairs_ids(member)


def test_nobody_on_either_side_of_a_block_is_notified_about_the_other(member):
    blocked, blocker, friend = MemberFactory(), MemberFactory(), MemberFactory()
    block_create(blocker=member, blocked=blocked)
    block_create(blocker=blocker, blocked=member)
    everyone = {blocked.pk, blocker.pk, friend.pk}
    # Something `member` wrote: neither the member they blocked nor the one who blocked them hears of it.
    assert members_not_to_notify(candidate_ids=everyone, author_id=member.pk) == {blocked.pk, blocker.pk}
    # Something the blocked member wrote: `member` does not hear of it.
    assert member.pk in members_not_to_notify(candidate_ids={member.pk, friend.pk}, author_id=blocked.pk)


# --- Muted words and content notes ---------------------------------------------


def test_muted_words_are_whole_words_and_ignore_case(member):
    member.muted_words = "loss\nsuicide note\n#grief"
    assert text_has_muted_word(member, "After the LOSS, I froze.")
    assert text_has_muted_word(member, "She left a suicide\n note")
    assert text_has_muted_word(member, "tagged #grief today")
    assert not text_has_muted_word(member, "a glossy leaflet")
    assert not text_has_muted_word(member, "nothing to see")


def test_muted_words_list_is_tidied_and_bad_entries_explained():
    assert muted_words_parse(" Loss \n\nloss\nvoice  mail, abandoned") == ["Loss", "voice mail", "abandoned"]
    with pytest.raises(MutedWordsInvalid, match="no letters"):
        muted_words_parse("!!!")
    with pytest.raises(MutedWordsInvalid, match="longer than"):
        muted_words_parse("x" * 61)
    with pytest.raises(MutedWordsInvalid, match="up to 100"):
        muted_words_parse("\n".join(f"word{n}" for n in range(101)))


def test_reading_preferences_save_and_bad_input_changes_nothing(member_client, member):
    response = member_client.post(
        reverse("accounts:reading"),
        {"content_notes": "show", "muted_words": "Retired\nvoicemail"},
        follow=True,
    )
    assert "Saved." in response.text
    member.refresh_from_db()
    assert member.show_content_notes is True
    assert member.muted_words == "Retired\nvoicemail"

    response = member_client.post(
        reverse("accounts:reading"), {"content_notes": "fold", "muted_words": "?!?"}
    )
    assert response.status_code == 200
    assert "no letters or digits" in response.text
    assert "?!?" in response.text  # what was typed is still there
    member.refresh_from_db()
    assert member.show_content_notes is True and member.muted_words == "Retired\nvoicemail"


def test_content_notes_fold_by_default(member):
    assert member.show_content_notes is False


# --- Profile settings -----------------------------------------------------------


def test_profile_settings_save(member_client, member):
    member_client.post(
        reverse("accounts:profile"), {"about": "Ten years with one therapist.", "show_stories": "on"}
    )
    member.refresh_from_db()
    assert member.profile_about == "Ten years with one therapist."
    assert member.profile_show_stories is True
    response = member_client.post(reverse("accounts:profile"), {"about": "x" * 301})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.profile_about == "Ten years with one therapist."


# --- Taking a break ----------------------------------------------------------------


def test_taking_a_break_signs_out_everywhere_and_pauses_notifications(member):
    here, elsewhere = Client(), Client()
    here.force_login(member)
    elsewhere.force_login(member)
    assert elsewhere.get(reverse("accounts:settings")).status_code == 200

    response = here.post(reverse("accounts:break"), {"length": "week"}, follow=True)
    assert "Your break has started" in response.text
    assert not response.context["user"].is_authenticated
    # The other browser is signed out too.
    assert elsewhere.get(reverse("accounts:settings")).status_code == 302
    member.refresh_from_db()
    assert member.is_on_break()
    assert member.break_until - member.break_started_at == timedelta(days=7)
    assert member.pk in members_not_to_notify(candidate_ids={member.pk})


def test_a_break_needs_a_length(member_client, member):
    response = member_client.post(reverse("accounts:break"), {})
    assert "Please choose how long your break should be." in response.text
    member.refresh_from_db()
    assert not member.is_on_break()


def test_a_break_until_i_come_back_ends_with_a_welcome_when_signing_in(client, member):
    break_start(member=member, length="return")
    assert member.is_on_break()
    response = sign_in(client, member)
    assert any(
        text.startswith("Welcome back. We hope the break did you good.") for text in messages_of(response)
    )
    member.refresh_from_db()
    assert not member.is_on_break() and member.break_started_at is None
    assert member.pk not in members_not_to_notify(candidate_ids={member.pk})


def test_signing_in_during_a_week_break_keeps_it_and_says_so(client, member):
    break_start(member=member, length="week")
    response = sign_in(client, member)
    assert any("You are on a break until" in text for text in messages_of(response))
    member.refresh_from_db()
    assert member.is_on_break()
    # The member may end it early.
    client.post(reverse("accounts:break_end"))
    member.refresh_from_db()
    assert not member.is_on_break()


def test_coming_back_after_a_break_ended_on_its_own(client, member):
    break_start(member=member, length="week", now=timezone.now() - timedelta(days=8))
    assert not member.is_on_break()
    assert member.pk not in members_not_to_notify(candidate_ids={member.pk})
    response = sign_in(client, member)
    assert any(text.startswith("Welcome back.") for text in messages_of(response))
    member.refresh_from_db()
    assert member.break_started_at is None


@pytest.mark.parametrize(
    "name",
    ["accounts:profile", "accounts:reading", "accounts:blocked", "accounts:break", "accounts:data"],
)
def test_every_settings_page_needs_sign_in_and_renders(client, member, name):
    assert client.get(reverse(name)).status_code == 302
    client.force_login(member)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'aria-current="page"' in response.text


def test_new_pages_carry_no_inline_script_style_or_handler(client, member):
    from tests.endings.test_pages import INLINE

    other = MemberFactory()
    block_create(blocker=member, blocked=other)
    for name in ("accounts:break_started", "accounts:deletion_requested"):
        assert not INLINE.findall(client.get(reverse(name)).text), name
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    names = ["accounts:profile", "accounts:reading", "accounts:blocked", "accounts:break", "accounts:data"]
    for name in [*names, "accounts:delete", "forum:hidden_posts"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert not INLINE.findall(response.text), name
    profile = client.get(reverse("forum:member_profile", args=[other.pk]))
    assert not INLINE.findall(profile.text)


def test_the_privacy_page_explains_export_deletion_and_controls(client):
    page = client.get(reverse("privacy")).text
    assert "coming to your settings" not in page
    for words in (
        "Block a member",
        "Mute words",
        "Taking a break",
        "A copy of your data",
        "Deleting your account",
    ):
        assert words in page
    assert "erase my words" in page and "keep my words, anonymously" in page
    assert "signing in again cancels the deletion" in page


def test_settings_show_the_consent_version(member_client, member):
    page = member_client.get(reverse("accounts:settings")).text
    assert f"under the privacy policy of {member.health_consent_version}" in page
