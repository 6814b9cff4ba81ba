"""Writes to members' accounts. Each is a verb with keyword arguments."""

import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import GROUP_NAMES

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
    logger.info("role %s granted to member %s", role, member.pk)
    return member


@transaction.atomic
def role_revoke(*, email, role):
    member = _member_by_email(email)
    member.groups.remove(_role_group(role))
    logger.info("role %s revoked from member %s", role, member.pk)
    return member


def sessions_clear_expired():
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
