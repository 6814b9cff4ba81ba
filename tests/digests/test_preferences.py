"""Email choices: on the settings pages, asked at sign-up (off unless chosen), in the member's time zone."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from endings.digests import schedule, services
from endings.digests.models import EmailPreferences
from tests.digests.conftest import preferences
from tests.factories import MemberFactory
from tests.forum.moderation_fixtures import make_moderator

pytestmark = pytest.mark.django_db

CHOICES = {
    "digest": "weekly",
    "digest_hour": "7",
    "digest_weekday": "6",
    "replies": "batched",
    "discreet": "on",
}


def test_a_new_member_gets_no_email_and_discreet_is_on(member_client, member):
    page = member_client.get(reverse("digests:preferences"))

    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["digest"] == "off"
    assert form.initial["replies"] == "off"
    assert form.initial["discreet"] is True
    assert not EmailPreferences.objects.filter(member=member).exists()
    # Reached from the settings pages' navigation, with the other settings.
    assert f'href="{reverse("digests:preferences")}" aria-current="page"' in page.text
    assert reverse("digests:preferences") in member_client.get(reverse("accounts:settings")).text


def test_saving_choices_works_out_the_next_digest_in_the_members_time_zone(member_client, member):
    User.objects.filter(pk=member.pk).update(time_zone="Australia/Sydney")

    response = member_client.post(reverse("digests:preferences"), CHOICES, follow=True)

    assert "Saved. We will email you this way from now on." in response.text
    choices = preferences(member)
    assert (
        choices.digest,
        choices.digest_hour,
        choices.digest_weekday,
        choices.replies,
        choices.discreet,
    ) == (
        "weekly",
        7,
        6,
        "batched",
        True,
    )
    local = choices.next_digest_at.astimezone(zoneinfo.ZoneInfo("Australia/Sydney"))
    assert (local.weekday(), local.hour, local.minute) == (6, 7, 0)
    assert timezone.now() < choices.next_digest_at <= timezone.now() + timedelta(days=7)
    assert "Your next summary is due Sunday" in response.text


def test_unticking_discreet_and_stopping_all_email(member_client, member):
    member_client.post(
        reverse("digests:preferences"), {**CHOICES, "discreet": "", "all_stopped": "on"}, follow=True
    )
    choices = preferences(member)
    assert (choices.discreet, choices.all_stopped) == (False, True)
    page = member_client.get(reverse("digests:preferences"))
    assert "All email from Endings is stopped." in page.text


@pytest.mark.parametrize(
    ("field", "value"),
    [("digest_hour", "25"), ("digest", "hourly"), ("replies", "always"), ("digest_weekday", "monday")],
)
def test_bad_input_gets_a_kind_message_and_changes_nothing(member_client, member, field, value):
    services.email_preferences_update(
        member=member, digest="daily", digest_hour=8, digest_weekday=0, replies="off", discreet=True
    )

    response = member_client.post(reverse("digests:preferences"), {**CHOICES, field: value})

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert preferences(member).digest == "daily"


def test_signed_out_readers_are_asked_to_sign_in(client):
    response = client.get(reverse("digests:preferences"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_only_moderators_see_the_alert_choice(member_client, client):
    assert "moderator_alerts" not in member_client.get(reverse("digests:preferences")).context["form"].fields
    moderator = make_moderator("Mod Cedar")
    client.force_login(moderator)
    assert "moderator_alerts" in client.get(reverse("digests:preferences")).context["form"].fields


def test_the_page_has_no_inline_style_or_script(member_client):
    text = member_client.get(reverse("digests:preferences")).text
    assert " style=" not in text and "<script>" not in text


SIGNUP = {
    "email": "newcomer@example.org",
    "display_name": "Still Here",
    "password1": "my therapist retired in May",
    "is_adult": "on",
    "health_consent": "on",
}


def test_sign_up_asks_about_a_digest_and_it_is_off_unless_chosen(client):
    page = client.get(reverse("account_signup"))
    assert "Would you like an email summary of replies and new stories?" in page.text
    assert page.context["form"]["digest"].initial == "off"

    client.post(reverse("account_signup"), SIGNUP)

    newcomer = User.objects.get(email="newcomer@example.org")
    assert preferences(newcomer).digest == "off"
    assert preferences(newcomer).next_digest_at is None


def test_a_digest_chosen_at_sign_up_is_scheduled(client):
    client.post(reverse("account_signup"), {**SIGNUP, "digest": "daily"})

    choices = preferences(User.objects.get(email="newcomer@example.org"))
    assert choices.digest == "daily"
    assert choices.discreet is True
    assert choices.next_digest_at > timezone.now()


def test_send_times_fall_on_the_chosen_local_hour_across_a_clock_change():
    london = zoneinfo.ZoneInfo("Europe/London")
    # The night British clocks go back (26 October 2025): 8:00 local is 7:00 UTC before, 8:00 UTC after.
    before = datetime(2025, 10, 24, 12, 0, tzinfo=london)
    first = schedule.next_send_time(frequency="daily", hour=8, weekday=0, zone=london, after=before)
    second = schedule.next_send_time(frequency="daily", hour=8, weekday=0, zone=london, after=first)
    assert [t.astimezone(london).hour for t in (first, second)] == [8, 8]
    assert second - first == timedelta(hours=25)
    assert first.hour == 7 and second.hour == 8  # in UTC
    assert schedule.period_key(frequency="daily", send_time=second, zone=london) == "day:2025-10-26"


def test_a_member_with_an_unknown_time_zone_is_scheduled_in_utc():
    member = MemberFactory()
    User.objects.filter(pk=member.pk).update(time_zone="Mars/Olympus_Mons")
    member.refresh_from_db()
    choices = services.email_preferences_update(
        member=member, digest="daily", digest_hour=9, digest_weekday=0, replies="off", discreet=True
    )
    assert choices.next_digest_at.hour == 9
