"""Deleting an account, on the member's own request.

1. account_deletion_request: after re-authentication the member chooses to erase
   their words or keep them anonymously. They are signed out everywhere at once,
   and a 7-day grace period starts (AccountDeletion, status "pending").
2. Signing in during the grace period cancels it (accounts.services.member_returned).
3. The beat task accounts.tasks.account_deletions_carry_out runs
   account_deletion_carry_out for each request that is due: every registered
   part (accounts.member_data; the forum's posts, reactions, follows, reports)
   erases or anonymises what it holds, then the member's own rows go: sign-in
   addresses, two-step authenticators, sessions, notices, blocks, exports, admin
   history about the account, and finally the member row itself. If some other
   table protects the row (a moderation record that must stay), an anonymised
   husk is kept instead: no email, no name, no password, inactive.
"""

import logging
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from accounts import member_data
from accounts.models import AccountDeletion, Block, DataExport, Notice, User
from accounts.services import ControlRefused, sessions_end_everywhere

logger = logging.getLogger(__name__)

GRACE_PERIOD = timedelta(days=7)


@transaction.atomic
def account_deletion_request(*, member, choice, now=None):
    """Start the grace period and sign the member out everywhere.

    Asking again while a request is pending keeps its date and takes the new choice.
    """
    if choice not in AccountDeletion.Choice.values:
        raise ControlRefused("Please choose what should happen to your words.")
    now = now or timezone.now()
    User.objects.select_for_update().filter(pk=member.pk).values_list("pk").get()
    deletion = AccountDeletion.objects.filter(member=member, status=AccountDeletion.Status.PENDING).first()
    if deletion is None:
        deletion = AccountDeletion.objects.create(
            member=member, choice=choice, requested_at=now, due_at=now + GRACE_PERIOD
        )
    elif deletion.choice != choice:
        deletion.choice = choice
        deletion.save(update_fields=["choice"])
    sessions_end_everywhere(member=member, now=now)
    logger.info("account deletion %s requested, due %s", deletion.pk, deletion.due_at.isoformat())
    return deletion


@transaction.atomic
def account_deletion_cancel(*, member, now=None):
    """Cancel a pending deletion (signing in does this). Returns it, or None."""
    deletion = (
        AccountDeletion.objects.select_for_update()
        .filter(member=member, status=AccountDeletion.Status.PENDING)
        .first()
    )
    if deletion is None:
        return None
    deletion.status = AccountDeletion.Status.CANCELLED
    deletion.cancelled_at = now or timezone.now()
    deletion.save(update_fields=["status", "cancelled_at"])
    logger.info("account deletion %s cancelled by signing in", deletion.pk)
    return deletion


def account_deletions_due(*, now=None):
    now = now or timezone.now()
    return list(
        AccountDeletion.objects.filter(status=AccountDeletion.Status.PENDING, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)
    )


def account_deletions_carry_out(*, now=None):
    """Carry out every deletion whose grace period is over. Returns how many."""
    done = 0
    for deletion_id in account_deletions_due(now=now):
        if account_deletion_carry_out(deletion_id=deletion_id, now=now) is not None:
            done += 1
    return done


def _erase_account_rows(member):
    """The member's own rows in accounts and allauth, and what may name them elsewhere."""
    from allauth.mfa.models import Authenticator

    counts = {}
    exports = list(DataExport.objects.filter(member=member).exclude(file_name=""))
    counts["exports"] = DataExport.objects.filter(member=member).delete()[0]
    if exports:
        from accounts.data_export import export_files_delete

        names = [export.file_name for export in exports]
        transaction.on_commit(lambda: export_files_delete(names))
    counts["email_addresses"] = EmailAddress.objects.filter(user=member).delete()[0]
    counts["authenticators"] = Authenticator.objects.filter(user=member).delete()[0]
    counts["notices"] = Notice.objects.filter(recipient=member).delete()[0]
    counts["blocks"] = Block.objects.filter(blocker=member).delete()[0]
    counts["blocked_by"] = Block.objects.filter(blocked=member).delete()[0]
    # The admin's history names the account in object_repr.
    counts["admin_history"] = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(member.pk)
    ).delete()[0]
    counts["sessions"] = sessions_end_everywhere(member=member)
    member.groups.clear()
    member.user_permissions.clear()
    return counts


def _husk(member):
    """What stays of a member row another table still needs: nothing personal."""
    token = secrets.token_hex(8)
    member.email = f"deleted-{token}@deleted.invalid"
    member.display_name = f"deleted-{token}"
    member.set_unusable_password()
    member.is_active = False
    member.is_staff = False
    member.is_superuser = False
    member.country = ""
    member.time_zone = "UTC"
    member.muted_words = ""
    member.profile_about = ""
    member.profile_show_stories = False
    member.break_started_at = member.break_until = None
    member.adult_declared_at = member.health_consent_at = None
    member.health_consent_version = ""
    member.last_login = None
    member.date_joined = timezone.now()
    member.save()


def account_deletion_carry_out(*, deletion_id, now=None):
    """Delete one account whose grace period is over. Safe to run twice."""
    now = now or timezone.now()
    with transaction.atomic():
        deletion = (
            AccountDeletion.objects.select_for_update()
            .filter(pk=deletion_id, status=AccountDeletion.Status.PENDING, due_at__lte=now)
            .first()
        )
        if deletion is None:
            return None
        member = deletion.member
        summary = {"choice": deletion.choice}
        if member is not None:
            member = User.objects.select_for_update().get(pk=member.pk)
            for part in member_data.parts():
                handler = part.eraser if deletion.choice == AccountDeletion.Choice.ERASE else part.anonymiser
                summary[part.name] = handler(member, now=now) or {}
            summary["accounts"] = _erase_account_rows(member)
            try:
                with transaction.atomic():
                    User.objects.filter(pk=member.pk).delete()
                summary["member_row"] = "deleted"
            except (ProtectedError, RestrictedError, IntegrityError) as refusal:
                logger.warning("account deletion %s keeps an anonymised husk: %s", deletion.pk, type(refusal))
                _husk(member)
                summary["member_row"] = "anonymised"
        deletion.member = None
        deletion.status = AccountDeletion.Status.DONE
        deletion.done_at = now
        deletion.summary = summary
        deletion.save(update_fields=["member", "status", "done_at", "summary"])
    logger.info("account deletion %s carried out", deletion.pk)
    return deletion
