"""What moderators do to queue items, posts, threads and members.

Every action locks the item's row, checks the version the moderator saw,
writes exactly one audit row and tells the people it concerns. Two
moderators acting on one item at once therefore produce one action; the
second is told what the first did. Nothing is deleted: hidden and removed
posts keep their text, and redactions keep the original as a revision.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notice, User
from accounts.notices import notice_send
from accounts.roles import is_moderator
from accounts.services import sessions_end_everywhere
from forum.markup import render_markdown
from forum.models import (
    Appeal,
    Category,
    Flag,
    MemberNote,
    ModerationAction,
    ModeratorAlertSubscription,
    Post,
    PostRevision,
    Priority,
    QueueItem,
    Reason,
    Thread,
)
from forum.services.audit import audit_record

Action = ModerationAction.Action
REDACTION_MARK = "[removed by a moderator]"
SANCTION_PERIODS = {
    "1": timedelta(days=1),
    "3": timedelta(days=3),
    "7": timedelta(days=7),
    "30": timedelta(days=30),
}


class ModerationRefused(Exception):
    """An action that cannot be taken; the message is shown to the moderator."""


class ModerationConflict(ModerationRefused):
    """Someone else acted on the item first."""


@dataclass(frozen=True)
class Outcome:
    action: str
    item: QueueItem
    resolved: bool


# Actions that close the item, and what the reporters are told about each.
RESOLVING = {
    Action.KEEP,
    Action.APPROVE,
    Action.DECLINE,
    Action.HIDE,
    Action.REMOVE,
    Action.REDACT,
    Action.APPEAL_UPHELD,
    Action.APPEAL_GRANTED,
}
TOOK_ACTION = {Action.DECLINE, Action.HIDE, Action.REMOVE, Action.REDACT}


def _lock_item(item_id, version):
    item = (
        QueueItem.objects.select_for_update(of=("self",))
        .select_related("post__thread", "post__author", "claimed_by")
        .get(pk=item_id)
    )
    if version is not None and item.version != int(version):
        last = item.actions.order_by("-created_at", "-pk").first()
        what = (
            f"{last.moderator_name or 'The site'}: {last.get_action_display().lower()}"
            if last
            else "it changed"
        )
        raise ModerationConflict(
            f"Someone acted on this item while you were looking at it ({what}). "
            "Here it is as it is now; nothing of yours was applied."
        )
    return item


def _require_moderator(moderator):
    if not is_moderator(moderator):
        raise ModerationRefused("Only moderators can do this.")


def _touch(item, now, **changes):
    changes["version"] = item.version + 1
    if item.first_action_at is None:
        changes["first_action_at"] = now
    for name, value in changes.items():
        setattr(item, name, value)
    item.save(update_fields=list(changes))


def _resolve(item, moderator, action, now):
    _touch(
        item,
        now,
        status=QueueItem.Status.RESOLVED,
        resolved_at=now,
        resolved_by=moderator,
        resolution=action,
        claimed_by=None,
        claimed_at=None,
    )
    _tell_reporters(item, action, now)


def _tell_reporters(item, action, now):
    """Reporters hear the outcome in general terms; never who else reported, never details."""
    reached_out = item.actions.filter(action=Action.REACH_OUT).exists()
    flags = list(
        Flag.objects.filter(item=item, reporter__isnull=False, outcome_told_at__isnull=True).select_related(
            "reporter"
        )
    )
    for flag in flags:
        if flag.reason == Reason.AT_RISK:
            body = (
                "A moderator has looked at the post you were worried about"
                + (" and has offered support to the person who wrote it." if reached_out else ".")
                + " Thank you for caring enough to tell us."
            )
        elif action in TOOK_ACTION:
            body = (
                "A moderator reviewed the post you reported and took action under our community guidelines."
            )
        else:
            body = (
                "A moderator reviewed the post you reported and decided it can stay. "
                "If it still troubles you, you can hide it for yourself or block its author."
            )
        notice_send(
            recipient=flag.reporter,
            kind=Notice.Kind.REPORT_OUTCOME,
            title="About a post you reported",
            body=body + " Thank you for helping keep Endings safe.",
            now=now,
        )
    Flag.objects.filter(pk__in=[f.pk for f in flags]).update(outcome_told_at=now)


def _post_state(post):
    return {"status": post.status}


def _set_post_status(post, status, now):
    before = _post_state(post)
    fields = {"status": status}
    if status in (Post.Status.REMOVED, Post.Status.DECLINED):
        fields["removed_at"] = now
    Post.objects.filter(pk=post.pk).update(**fields)
    for name, value in fields.items():
        setattr(post, name, value)
    if post.is_opening:
        listed = status not in Post.UNLISTED_STATUSES
        Thread.objects.filter(pk=post.thread_id).update(is_listed=listed)
        post.thread.is_listed = listed
    return before


def _publish_held(post, now):
    """A held post goes live: it joins the counters and its notifications go out."""
    from forum.services.posting import enqueue_notifications

    _set_post_status(post, Post.Status.PUBLISHED, now)
    thread = post.thread
    if post.is_opening:
        Category.objects.filter(pk=thread.category_id).update(thread_count=F("thread_count") + 1)
    else:
        Post.objects.filter(pk=post.parent_id).update(reply_count=F("reply_count") + 1)
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1, last_activity_at=now)
    enqueue_notifications(post)


def _statement_of_reasons(post, decision, reason, automated):
    link = reverse("forum:appeal", args=[post.pk])
    lines = [
        f"Decision: {decision}",
        f"Why: {reason}",
        "How it was found: "
        + (
            "by an automatic check, then reviewed by a moderator"
            if automated
            else "reviewed by a moderator after a report or a routine check"
        ),
        "What you wrote is kept: you can still read it, and nothing else in the thread has changed.",
        "If you think this was a mistake, you can ask for another moderator to look at it, once.",
    ]
    return "\n\n".join(lines), link


def _notify_author(post, kind, title, body, now, link_url="", link_text=""):
    if post.author_id:
        notice_send(
            recipient=post.author,
            kind=kind,
            title=title,
            body=body,
            link_url=link_url,
            link_text=link_text,
            now=now,
        )


@transaction.atomic
def queue_item_claim(*, moderator, item_id, version=None, take_over=False, now=None):
    _require_moderator(moderator)
    now = now or timezone.now()
    item = _lock_item(item_id, version)
    if item.claimed_by_id == moderator.pk:
        return Outcome(Action.CLAIM, item, False)
    if item.claimed_by_id and not take_over:
        raise ModerationConflict(f"{item.claimed_by.display_name} is already looking at this item.")
    item.claimed_by, item.claimed_at = moderator, now
    item.version += 1
    item.save(update_fields=["claimed_by", "claimed_at", "version"])
    audit_record(action=Action.CLAIM, moderator=moderator, item=item, post=item.post, now=now)
    return Outcome(Action.CLAIM, item, False)


@transaction.atomic
def queue_item_release(*, moderator, item_id, version=None, now=None):
    _require_moderator(moderator)
    now = now or timezone.now()
    item = _lock_item(item_id, version)
    item.claimed_by, item.claimed_at = None, None
    item.version += 1
    item.save(update_fields=["claimed_by", "claimed_at", "version"])
    audit_record(action=Action.RELEASE, moderator=moderator, item=item, post=item.post, now=now)
    return Outcome(Action.RELEASE, item, False)


def _automated(item):
    return item.flags.filter(reporter__isnull=True).exists()


@transaction.atomic
def queue_item_act(
    *, moderator, item_id, version, action, reason, excerpt="", category=None, period="", message="", now=None
):
    """One moderator action on one item. Raises ModerationConflict if someone was first."""
    _require_moderator(moderator)
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ModerationRefused(
            "Please give a reason: it goes into the audit log, and to the author where relevant."
        )
    item = _lock_item(item_id, version)
    post = item.post
    thread = post.thread
    member = post.author
    is_appeal = item.kind == QueueItem.Kind.APPEAL
    if is_appeal and item.excluded_moderator_id == moderator.pk:
        raise ModerationRefused("You removed this post, so another moderator must decide the appeal.")
    if action in RESOLVING and not item.is_open:
        raise ModerationConflict(
            f"This item was already resolved ({item.resolution or 'closed'}). Nothing of yours was applied."
        )
    if is_appeal and action not in (Action.APPEAL_UPHELD, Action.APPEAL_GRANTED, Action.REACH_OUT):
        raise ModerationRefused("An appeal is decided by upholding the removal or restoring the post.")
    if not is_appeal and action in (Action.APPEAL_UPHELD, Action.APPEAL_GRANTED):
        raise ModerationRefused("That action is only for appeals.")

    handler = _HANDLERS.get(action)
    if handler is None:
        raise ModerationRefused("That is not an action moderators can take here.")
    before, after, audit_member = handler(
        item=item,
        post=post,
        thread=thread,
        member=member,
        moderator=moderator,
        reason=reason,
        excerpt=excerpt,
        category=category,
        period=period,
        message=message,
        now=now,
    )
    audit_record(
        action=action,
        moderator=moderator,
        member=audit_member,
        item=item,
        post=post,
        thread=thread,
        reason=reason,
        before=before,
        after=after,
        now=now,
    )
    if action in RESOLVING:
        _resolve(item, moderator, action, now)
    else:
        _touch(item, now)
    return Outcome(action, item, action in RESOLVING)


def _keep(*, item, post, moderator, reason, now, **_):
    if post.status == Post.Status.HELD:
        raise ModerationRefused("This post is waiting for review: approve it or do not approve it.")
    if post.status == Post.Status.HIDDEN:
        # Keeping a post that was hidden by a burst of reports puts it back.
        before = _set_post_status(post, Post.Status.PUBLISHED, now)
        return before, _post_state(post), post.author
    return {"status": post.status}, {"status": post.status}, post.author


def _approve(*, item, post, reason, now, **_):
    if post.status != Post.Status.HELD:
        raise ModerationRefused("Only a post waiting for review can be approved.")
    before = _post_state(post)
    _publish_held(post, now)
    _notify_author(
        post,
        Notice.Kind.POST_APPROVED,
        "Your post is now published",
        "A moderator has read it, and it is now up for others to read and answer. Thank you for writing.",
        now,
        link_url=post.get_absolute_url(),
        link_text="See your post",
    )
    return before, _post_state(post), post.author


def _take_down(item, post, reason, now, *, status, kind, title):
    """Remove or do not publish: the text is kept, the author gets a statement of reasons."""
    before = _set_post_status(post, status, now)
    body, link = _statement_of_reasons(post, title[0].lower() + title[1:], reason, _automated(item))
    _notify_author(post, kind, title, body, now, link_url=link, link_text="Ask for another look")
    return before, _post_state(post), post.author


def _decline(*, item, post, reason, now, **_):
    if post.status != Post.Status.HELD:
        raise ModerationRefused("Only a post waiting for review can be declined.")
    return _take_down(
        item, post, reason, now, status=Post.Status.DECLINED, kind=Notice.Kind.POST_DECLINED,
        title="Your post was not published",
    )  # fmt: skip


def _hide(*, item, post, reason, now, **_):
    if post.status not in (Post.Status.PUBLISHED, Post.Status.HIDDEN):
        raise ModerationRefused("Only a published post can be hidden.")
    before = _set_post_status(post, Post.Status.HIDDEN, now)
    _notify_author(
        post,
        Notice.Kind.POST_HIDDEN,
        "Your post is hidden until you edit it",
        f"A moderator has hidden your post for now. Why: {reason}\n\nYou can edit it; once you have, a "
        "moderator will look at it again and it will be back in the thread.",
        now,
        link_url=reverse("forum:post_edit", args=[post.pk]),
        link_text="Edit your post",
    )
    return before, _post_state(post), post.author


def _remove(*, item, post, reason, now, **_):
    if post.status not in (Post.Status.PUBLISHED, Post.Status.HIDDEN):
        raise ModerationRefused("This post is not published, so there is nothing to remove.")
    return _take_down(
        item, post, reason, now, status=Post.Status.REMOVED, kind=Notice.Kind.POST_REMOVED,
        title="Your post was removed",
    )  # fmt: skip


def _redact(*, item, post, moderator, reason, excerpt, now, **_):
    excerpt = excerpt.strip()
    if not excerpt or excerpt not in post.body:
        raise ModerationRefused("Copy the exact words to remove from the post into the excerpt box.")
    locked = Post.objects.select_for_update().get(pk=post.pk)
    PostRevision.objects.create(
        post=locked,
        title="",
        body=locked.body,
        body_html=locked.body_html,
        written_at=locked.edited_at or locked.created_at,
        replaced_at=now,
        replaced_by=moderator,
    )
    body = locked.body.replace(excerpt, REDACTION_MARK)
    Post.objects.filter(pk=post.pk).update(body=body, body_html=render_markdown(body), edited_at=now)
    post.body = body
    _notify_author(
        post,
        Notice.Kind.POST_REDACTED,
        "Part of your post was removed",
        f"A moderator removed a few words from your post. Why: {reason}\n\n"
        "The rest of it is as you wrote it.",
        now,
        link_url=post.get_absolute_url(),
        link_text="See your post",
    )
    return {"excerpt_length": len(excerpt)}, {"redacted": True}, post.author


def _lock(*, thread, now, **_):
    if thread.is_locked:
        raise ModerationRefused("This thread is already locked.")
    Thread.objects.filter(pk=thread.pk).update(locked_at=now)
    return {"locked": False}, {"locked": True}, thread.author


def _unlock(*, thread, now, **_):
    if not thread.is_locked:
        raise ModerationRefused("This thread is not locked.")
    Thread.objects.filter(pk=thread.pk).update(locked_at=None)
    return {"locked": True}, {"locked": False}, thread.author


def _move(*, item, thread, category, now, **_):
    if category is None or category.pk == thread.category_id:
        raise ModerationRefused("Choose the category to move the thread to.")
    before = {"category": thread.category.name}
    Thread.objects.filter(pk=thread.pk).update(category=category)
    Category.objects.filter(pk=thread.category_id).update(thread_count=F("thread_count") - 1)
    Category.objects.filter(pk=category.pk).update(thread_count=F("thread_count") + 1)
    QueueItem.objects.filter(post__thread=thread).update(category=category)
    item.category = category
    return before, {"category": category.name}, thread.author


def _sanction(kind, *, member, period, reason, now, request_session_key=None):
    if member is None:
        raise ModerationRefused("This post's author no longer has an account.")
    if is_moderator(member) or member.is_staff:
        raise ModerationRefused(
            "Moderators and staff cannot be silenced or suspended here; ask an administrator."
        )
    length = SANCTION_PERIODS.get(str(period))
    if length is None:
        raise ModerationRefused("Choose how long it should last.")
    until = now + length
    field = "silenced_until" if kind == "silence" else "suspended_until"
    before = {field: getattr(member, field).isoformat() if getattr(member, field) else None}
    User.objects.filter(pk=member.pk).update(**{field: until})
    setattr(member, field, until)
    when = timezone.localtime(until).strftime("%-d %B %Y, %H:%M")
    if kind == "silence":
        body = (
            f"You can still read Endings, but you cannot post until {when}. Why: {reason}\n\n"
            "If you are struggling right now, the help lines below are there for you."
        )
    else:
        sessions_end_everywhere(member=member, now=now)
        body = (
            f"Your account is suspended until {when}, so you cannot sign in until then. Why: {reason}\n\n"
            "If you are struggling right now, the help lines below are there for you."
        )
    notice_send(
        recipient=member,
        kind=Notice.Kind.SANCTION,
        title="About your account",
        body=body,
        show_help_lines=True,
        now=now,
    )
    return before, {field: until.isoformat()}, member


def _silence(*, member, period, reason, now, **_):
    return _sanction("silence", member=member, period=period, reason=reason, now=now)


def _suspend(*, member, period, reason, now, **_):
    return _sanction("suspend", member=member, period=period, reason=reason, now=now)


def _reach_out(*, member, message, now, **_):
    message = (message or "").strip()
    if member is None:
        raise ModerationRefused("This post's author no longer has an account.")
    if not message:
        raise ModerationRefused("Please write the message the member will read.")
    notice_send(
        recipient=member,
        kind=Notice.Kind.REACH_OUT,
        title="A message from the Endings moderators",
        body=message,
        show_help_lines=True,
        now=now,
    )
    return {}, {"message_length": len(message)}, member


def _appeal_upheld(*, post, reason, now, **_):
    _notify_author(
        post,
        Notice.Kind.APPEAL_DECIDED,
        "Your appeal was decided",
        f"Another moderator looked at your post again and the decision stays. Why: {reason}\n\n"
        "This was the final review. Thank you for your patience with us.",
        now,
    )
    return _post_state(post), _post_state(post), post.author


def _appeal_granted(*, post, reason, now, **_):
    before = _post_state(post)
    if post.status == Post.Status.DECLINED:
        _publish_held(post, now)
    else:
        _set_post_status(post, Post.Status.PUBLISHED, now)
    _notify_author(
        post,
        Notice.Kind.APPEAL_DECIDED,
        "Your post is back",
        f"Another moderator looked at your post again and restored it. {reason}\n\n"
        "We are sorry for the trouble.",
        now,
        link_url=post.get_absolute_url(),
        link_text="See your post",
    )
    return before, _post_state(post), post.author


_HANDLERS = {
    Action.KEEP: _keep,
    Action.APPROVE: _approve,
    Action.DECLINE: _decline,
    Action.HIDE: _hide,
    Action.REMOVE: _remove,
    Action.REDACT: _redact,
    Action.LOCK: _lock,
    Action.UNLOCK: _unlock,
    Action.MOVE: _move,
    Action.SILENCE: _silence,
    Action.SUSPEND: _suspend,
    Action.REACH_OUT: _reach_out,
    Action.APPEAL_UPHELD: _appeal_upheld,
    Action.APPEAL_GRANTED: _appeal_granted,
}


@transaction.atomic
def appeal_create(*, author, post, statement, now=None):
    """The author asks for a second look at a removal. Once per post."""
    now = now or timezone.now()
    statement = statement.strip()
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    if post.author_id != author.pk or post.status not in (Post.Status.REMOVED, Post.Status.DECLINED):
        raise ModerationRefused("Only the author of a removed post can appeal it.")
    if Appeal.objects.filter(post=post).exists():
        raise ModerationRefused(
            "You have already asked for another look at this post; the decision after that is final."
        )
    if not statement:
        raise ModerationRefused(
            "Please tell the moderators, in a few words, why you think this was a mistake."
        )
    remover = (
        ModerationAction.objects.filter(post=post, action__in=[Action.REMOVE, Action.DECLINE])
        .order_by("-created_at")
        .values_list("moderator", flat=True)
        .first()
    )
    item = QueueItem.objects.create(
        post=post,
        kind=QueueItem.Kind.APPEAL,
        category_id=post.thread.category_id,
        priority=Priority.OTHER,
        opened_at=now,
        created_at=now,
        excluded_moderator_id=remover,
    )
    return Appeal.objects.create(post=post, author=author, statement=statement, created_at=now, item=item)


@transaction.atomic
def member_note_add(*, moderator, member, body, now=None):
    _require_moderator(moderator)
    body = body.strip()
    if not body:
        raise ModerationRefused("The note is empty.")
    now = now or timezone.now()
    note = MemberNote.objects.create(member=member, author=moderator, body=body, created_at=now)
    audit_record(action=Action.NOTE, moderator=moderator, member=member, reason=body, now=now)
    return note


@transaction.atomic
def alert_list_set(*, moderator, on):
    _require_moderator(moderator)
    if on:
        ModeratorAlertSubscription.objects.get_or_create(moderator=moderator)
    else:
        ModeratorAlertSubscription.objects.filter(moderator=moderator).delete()
