"""Reads about members for pages, other apps and (later) digests.

Other apps ask here who blocked whom and who should hear nothing right now,
so that one place decides it: forum notifications use members_not_to_notify;
the digest issue can use the same function and blocked_pairs_ids.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import AccountDeletion, Block, DataExport, User


def blocked_ids(member):
    """Ids of the members this member has blocked."""
    if not member.is_authenticated:
        return set()
    return set(Block.objects.filter(blocker=member).values_list("blocked_id", flat=True))


def blocked_pairs_ids(member):
    """Ids of every member on either side of a block with this member (for digests:
    neither should read about the other)."""
    if not member.is_authenticated:
        return set()
    pairs = Block.objects.filter(Q(blocker=member) | Q(blocked=member)).values_list(
        "blocker_id", "blocked_id"
    )
    return {other for pair in pairs for other in pair} - {member.pk}


def has_blocked(blocker_id, blocked_id):
    """Whether one member blocked the other (one query; False for empty ids)."""
    if not blocker_id or not blocked_id or blocker_id == blocked_id:
        return False
    return Block.objects.filter(blocker_id=blocker_id, blocked_id=blocked_id).exists()


def blocks_made_by(member):
    """The members this member blocked, with their public names, newest first."""
    return list(Block.objects.filter(blocker=member).select_related("blocked").order_by("-created_at", "-pk"))


def paused_q(now=None):
    """Members who should hear nothing now: on a break, or waiting for their
    account to be deleted. A Q on User, for use in other apps' queries."""
    now = now or timezone.now()
    on_break = Q(break_started_at__isnull=False) & (Q(break_until__isnull=True) | Q(break_until__gt=now))
    leaving = Exists(
        AccountDeletion.objects.filter(member=OuterRef("pk"), status=AccountDeletion.Status.PENDING)
    )
    return on_break | leaving | Q(is_active=False)


def members_not_to_notify(*, candidate_ids, author_id=None, now=None):
    """Which of `candidate_ids` must not be told about something `author_id` wrote:
    members on a break or leaving, and anyone on either side of a block with the
    author. One query."""
    candidate_ids = set(candidate_ids)
    if not candidate_ids:
        return set()
    quiet = paused_q(now)
    if author_id:
        quiet |= Exists(Block.objects.filter(blocker=OuterRef("pk"), blocked_id=author_id))
        quiet |= Exists(Block.objects.filter(blocker_id=author_id, blocked=OuterRef("pk")))
    return set(User.objects.filter(pk__in=candidate_ids).filter(quiet).values_list("pk", flat=True))


def member_for_profile(member_id):
    """A member whose profile can be shown, or None (deleted, deactivated or leaving)."""
    return (
        User.objects.filter(pk=member_id, is_active=True)
        .exclude(deletion_requests__status=AccountDeletion.Status.PENDING)
        .first()
    )


def pending_deletion(member):
    return AccountDeletion.objects.filter(member=member, status=AccountDeletion.Status.PENDING).first()


def pending_deletions():
    """For staff: every account waiting to be deleted, soonest first."""
    return list(
        AccountDeletion.objects.filter(status=AccountDeletion.Status.PENDING)
        .select_related("member")
        .order_by("due_at")
    )


def data_exports_for(member, *, limit=5):
    return list(DataExport.objects.filter(member=member).order_by("-requested_at", "-pk")[:limit])
