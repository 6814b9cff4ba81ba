"""Writes to members' accounts. Each is a verb with keyword arguments."""

import contextlib
import logging
import zoneinfo
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import GROUP_NAMES, role_cache_clear

logger = logging.getLogger(__name__)


class RoleError(ValueError):
    pass


def member_signup_details_record(*, member, display_name, policy_version, now=None):
    """The pseudonym and the two declarations a member made at sign-up."""
    now = now or timezone.now()
    member.display_name = display_name
    member.adult_declared_at = now
    member.health_consent_at = now
    member.health_consent_version = policy_version


@transaction.atomic
def member_create_verified(*, email, display_name, password, country="", time_zone="UTC"):
    """A member whose address is already confirmed (demo content, the admin, tests)."""
    member = User.objects.create_user(
        email=email, display_name=display_name, password=password, country=country, time_zone=time_zone
    )
    member_signup_details_record(
        member=member, display_name=display_name, policy_version=settings.PRIVACY_POLICY_VERSION
    )
    member.save()
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return member


@transaction.atomic
def member_settings_update(*, member, display_name, country, time_zone):
    member.display_name = display_name
    member.country = country
    member.time_zone = time_zone
    member.save(update_fields=["display_name", "country", "time_zone"])
    return member


def _role_group(role):
    try:
        return Group.objects.get(name=GROUP_NAMES[role])
    except KeyError:
        raise RoleError(f"Unknown role {role!r}; choose one of: {', '.join(GROUP_NAMES)}.") from None


def _member_by_email(email):
    try:
        return User.objects.get(email__iexact=email.strip())
    except User.DoesNotExist:
        raise RoleError(f"No member has the email address {email!r}.") from None


@transaction.atomic
def role_grant(*, email, role):
    member = _member_by_email(email)
    member.groups.add(_role_group(role))
    transaction.on_commit(lambda: role_cache_clear(member.pk))
    logger.info("role %s granted to member %s", role, member.pk)
    return member


@transaction.atomic
def role_revoke(*, email, role):
    member = _member_by_email(email)
    member.groups.remove(_role_group(role))
    transaction.on_commit(lambda: role_cache_clear(member.pk))
    logger.info("role %s revoked from member %s", role, member.pk)
    return member


def sessions_clear_expired():
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


# --- Member controls: block, mute, content notes, profile, break ------------


class ControlRefused(ValueError):
    """A member control that cannot be applied; the message is fit to show."""


@transaction.atomic
def block_create(*, blocker, blocked, now=None):
    """Block a member. Blocking twice is harmless. Returns the Block."""
    from accounts.models import Block

    if blocked is None or not blocked.is_active:
        raise ControlRefused("We could not find a member with that name.")
    if blocked.pk == blocker.pk:
        raise ControlRefused("You cannot block yourself.")
    block, _ = Block.objects.get_or_create(
        blocker=blocker, blocked=blocked, defaults={"created_at": now or timezone.now()}
    )
    return block


@transaction.atomic
def block_remove(*, blocker, blocked_id):
    from accounts.models import Block

    deleted, _ = Block.objects.filter(blocker=blocker, blocked_id=blocked_id).delete()
    return bool(deleted)


@transaction.atomic
def reading_preferences_update(*, member, muted_words, show_content_notes):
    """What the member sees: `muted_words` is a list (accounts.muting.muted_words_parse)."""
    member.muted_words = "\n".join(muted_words)
    member.show_content_notes = show_content_notes
    member.save(update_fields=["muted_words", "show_content_notes"])
    return member


@transaction.atomic
def profile_update(*, member, about, show_stories):
    member.profile_about = about.strip()
    member.profile_show_stories = show_stories
    member.save(update_fields=["profile_about", "profile_show_stories"])
    return member


def sessions_end_everywhere(*, member, now=None):
    """Sign the member out on every browser, this one included.

    Raising `session_generation` changes the session hash, so any session made
    before (whatever the session engine) is refused on its next request; the
    stored sessions are deleted too (accounts.sessions), since they may hold the
    sign-in address. The caller signs the current request out with
    django.contrib.auth.logout().
    """
    from django.db.models import F

    from accounts.sessions import member_sessions_end

    User.objects.filter(pk=member.pk).update(session_generation=F("session_generation") + 1)
    member.refresh_from_db(fields=["session_generation"])
    if not settings.SESSION_ENGINE.endswith((".db", ".cached_db")):
        return 0
    return member_sessions_end(member=member)


def member_date(member, moment):
    """A date as the member reads it, in their own time zone ("3 December")."""
    zone = None
    with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo(member.time_zone or "UTC")
    local = timezone.localtime(moment, zone)
    return f"{local.day} {local:%B}"


BREAK_LENGTHS = {
    "week": ("a week", timedelta(days=7)),
    "month": ("a month", timedelta(days=30)),
    "return": ("until I come back", None),
}


@transaction.atomic
def break_start(*, member, length, now=None):
    """Pause notifications and email, and sign out everywhere.

    "week" and "month" end on their own; "return" ends when the member next signs in.
    """
    if length not in BREAK_LENGTHS:
        raise ControlRefused("Please choose how long your break should be.")
    now = now or timezone.now()
    delta = BREAK_LENGTHS[length][1]
    member.break_started_at = now
    member.break_until = now + delta if delta else None
    member.save(update_fields=["break_started_at", "break_until"])
    sessions_end_everywhere(member=member, now=now)
    return member


@transaction.atomic
def break_end(*, member):
    member.break_started_at = None
    member.break_until = None
    member.save(update_fields=["break_started_at", "break_until"])
    return member


@transaction.atomic
def member_returned(*, member, now=None):
    """Run when a member signs in: cancel a pending deletion, end a break that is
    over (or one meant to last until they came back). Returns the gentle messages
    to show, as (level, text) pairs with level "success" or "info"."""
    from accounts.deletion import account_deletion_cancel

    now = now or timezone.now()
    said = []
    cancelled = account_deletion_cancel(member=member, now=now)
    if cancelled is not None:
        said.append(
            (
                "success",
                "Welcome back. Your account will not be deleted: signing in cancelled the deletion "
                f"you asked for on {member_date(member, cancelled.requested_at)}. "
                "Everything is as you left it.",
            )
        )
    if member.break_started_at is not None:
        if member.break_until is None or member.break_until <= now:
            break_end(member=member)
            said.append(
                (
                    "success",
                    "Welcome back. We hope the break did you good. Notifications are on again; "
                    "stories you follow mark what is new since you last read them, so nothing is lost. "
                    "Take it at your own pace.",
                )
            )
        else:
            said.append(
                (
                    "info",
                    "You are on a break until "
                    f"{member_date(member, member.break_until)}: notifications and emails stay "
                    "paused until then. You can end it early in your settings, under “Take a break”.",
                )
            )
    return said
