"""Putting posts in front of the moderators: member reports and automatic signals.

Every signal about a post lands on the post's one review item (a QueueItem),
reopening it if it was resolved, and raising its priority when needed.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Notice
from accounts.notices import notice_send
from forum import hooks, permissions
from forum.limits import ReportRefused
from forum.models import (
    Flag,
    ModerationAction,
    ModeratorAlertSubscription,
    Post,
    Priority,
    QueueItem,
    Reason,
)
from forum.services.audit import audit_record

REPORTS_PER_DAY = 20
# Several members reporting one member's posts within a day hides the newest.
BURST_REPORTERS = 3
BURST_WINDOW = timedelta(hours=24)


def _priority_for(reason, post):
    if reason == Reason.AT_RISK:
        return Priority.AT_RISK
    if post.status in (Post.Status.HELD, Post.Status.HIDDEN):
        return Priority.HELD
    return Priority.OTHER


def queue_item_for_post(*, post, reason, now, kind=QueueItem.Kind.REVIEW):
    """The post's item, open, locked, with a priority that covers `reason`.

    Returns (item, newly_at_risk).
    """
    try:
        with transaction.atomic():
            item, created = QueueItem.objects.select_for_update().get_or_create(
                post=post,
                kind=kind,
                defaults={
                    "category_id": post.thread.category_id,
                    "priority": _priority_for(reason, post),
                    "opened_at": now,
                    "created_at": now,
                },
            )
    except IntegrityError:  # another signal created it a moment ago
        item, created = QueueItem.objects.select_for_update().get(post=post, kind=kind), False
    if created:
        return item, item.priority == Priority.AT_RISK
    was_at_risk = item.is_open and item.priority == Priority.AT_RISK
    priority = min(_priority_for(reason, post), item.priority if item.is_open else Priority.OTHER)
    changes = {"priority": priority, "version": item.version + 1}
    if not item.is_open:
        changes.update(
            status=QueueItem.Status.OPEN,
            opened_at=now,
            resolved_at=None,
            resolved_by=None,
            resolution="",
            claimed_by=None,
            claimed_at=None,
            first_action_at=None,
            category_id=post.thread.category_id,
        )
    for name, value in changes.items():
        setattr(item, name, value)
    item.save(update_fields=list(changes))
    return item, priority == Priority.AT_RISK and not was_at_risk


def _flag_add(*, item, post, reason, now, reporter=None, note="", source=""):
    Flag.objects.create(
        item=item,
        post=post,
        reporter=reporter,
        post_author_id=post.author_id,
        reason=reason,
        note=note,
        source=source,
        created_at=now,
        updated_at=now,
    )
    QueueItem.objects.filter(pk=item.pk).update(flag_count=item.flag_count + 1)
    item.flag_count += 1


def moderator_alert_send(*, item, now=None):
    """Tell the moderators on the alert list that someone may be at risk.

    The alert carries no post text: only that an item is waiting, and where.
    Email delivery (endings.digests) hears of the notices through forum.hooks,
    in the caller's transaction, and emails them at once.
    """
    from django.urls import reverse

    link = reverse("moderation:item", args=[item.pk])
    subscriptions = ModeratorAlertSubscription.objects.select_related("moderator").filter(
        moderator__is_active=True
    )
    recipients = [s.moderator for s in subscriptions]
    notices = []
    for moderator in recipients:
        notice = notice_send(
            recipient=moderator,
            kind=Notice.Kind.MODERATOR_ALERT,
            title="Someone may be at risk: an item is at the top of the queue",
            body="Please look at it as soon as you can.",
            link_url=link,
            link_text="Open the item",
            now=now,
        )
        notices.append(notice)
    hooks.moderators_alerted(notices=notices, now=now or timezone.now())
    return [moderator.pk for moderator in recipients]


def signals_record(*, post, signals, now=None):
    """Automatic signals from the safety check: [(reason, source), ...]."""
    now = now or timezone.now()
    item = None
    alert = False
    for reason, source in signals:
        item, newly_at_risk = queue_item_for_post(post=post, reason=reason, now=now)
        _flag_add(item=item, post=post, reason=reason, source=source, now=now)
        alert = alert or newly_at_risk
    if alert:
        moderator_alert_send(item=item, now=now)
    return item


@transaction.atomic
def report_create(*, reporter, post, reason, note="", now=None):
    """A member reports a post. Reporting it again updates the note and reason."""
    now = now or timezone.now()
    note = note.strip()
    if not permissions.can_report(reporter, post):
        raise ReportRefused("You cannot report this post.")
    if reason not in Reason.values or reason in (Reason.FIRST_POSTS, Reason.WATCHED_WORD):
        raise ReportRefused("Please choose one of the reasons listed.")
    if reason == Reason.OTHER and not note:
        raise ReportRefused("Please tell us a little about what is wrong, so a moderator can look for it.")
    post = Post.objects.select_related("thread").get(pk=post.pk)
    existing = Flag.objects.select_for_update().filter(post=post, reporter=reporter).first()
    if existing is None:
        since = now - timedelta(days=1)
        if Flag.objects.filter(reporter=reporter, created_at__gte=since).count() >= REPORTS_PER_DAY:
            raise ReportRefused(
                "You have sent a lot of reports today. Thank you for looking out for others; the "
                "moderators will get to them. If someone is in danger right now, please call your "
                "local emergency number."
            )
    item, newly_at_risk = queue_item_for_post(post=post, reason=reason, now=now)
    if existing is not None:
        Flag.objects.filter(pk=existing.pk).update(
            reason=reason, note=note, updated_at=now, item=item, outcome_told_at=None
        )
    else:
        _flag_add(item=item, post=post, reason=reason, note=note, reporter=reporter, now=now)
    if newly_at_risk:
        moderator_alert_send(item=item, now=now)
    if existing is None and reason != Reason.AT_RISK:
        _report_burst_check(post=post, now=now)
    return item


def _report_burst_check(*, post, now):
    """Several members reporting one member's posts: hide the newest until reviewed."""
    if post.author_id is None:
        return None
    reporters = (
        Flag.objects.filter(post_author_id=post.author_id, created_at__gte=now - BURST_WINDOW)
        .exclude(reporter=None)
        .values("reporter")
        .distinct()
        .count()
    )
    if reporters < BURST_REPORTERS:
        return None
    newest = (
        Post.objects.select_for_update()
        .filter(author_id=post.author_id, status=Post.Status.PUBLISHED)
        .exclude(flags__reason=Reason.AT_RISK)  # at-risk posts are never hidden automatically
        .order_by("-created_at")
        .first()
    )
    if newest is None:
        return None
    Post.objects.filter(pk=newest.pk).update(status=Post.Status.HIDDEN)
    newest.status = Post.Status.HIDDEN
    item, _ = queue_item_for_post(post=newest, reason=Reason.OTHER, now=now)
    if item.priority != Priority.AT_RISK:
        QueueItem.objects.filter(pk=item.pk).update(priority=Priority.HELD)
    audit_record(
        action=ModerationAction.Action.AUTO_HIDE,
        member=newest.author,
        item=item,
        post=newest,
        thread=newest.thread,
        reason=f"{reporters} members reported this member's posts within a day.",
        before={"status": Post.Status.PUBLISHED},
        after={"status": Post.Status.HIDDEN},
        now=now,
    )
    return newest
