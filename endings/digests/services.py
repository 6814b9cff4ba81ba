"""Every write of the email machinery: choices, scheduling, claiming and sending.

Exactly once, in four steps:

1. **Record.** A delivery row (digests.Delivery), unique per member, kind and
   period, is written before anything is sent: by the scheduler for digests, and
   by the forum's hooks for reply emails and moderator alerts, inside the
   transaction that recorded the notification. Running any of them twice finds
   the row already there.
2. **Dispatch.** Open rows that are due are handed to workers in chunks
   (`deliveries_send` tasks, enqueued on commit). A row handed out long ago and
   still open (a lost task, a worker killed after claiming) is handed out again
   by the next dispatch, which beat runs every minute: nothing is skipped.
3. **Claim.** A worker claims rows with one conditional UPDATE (status
   "sending", a lease and a token of its own). Two workers racing for a row:
   one UPDATE wins, the other changes nothing and sends nothing.
4. **Send and mark.** Each email is marked sent right after the mail server
   accepts it. SMTP errors put the row back with exponential backoff and jitter;
   after MAX_ATTEMPTS, or at once for a refusal that will not change (5xx), it is
   marked failed, with the error, for the admin.
"""

import logging
import random
import secrets
import smtplib
from collections import defaultdict
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.core.mail import mailers
from django.db import transaction
from django.db.models import F, Max, Min, Q
from django.utils import timezone

from accounts.selectors import members_not_to_notify
from endings.digests import emails, schedule, selectors
from endings.digests.models import Delivery, EmailPreferences
from helplines.selectors import help_lines_for_country

logger = logging.getLogger(__name__)

# A claim lasts longer than a task may run (CELERY_TASK_TIME_LIMIT, 300 s): a
# worker still sending never loses its rows to another.
LEASE = timedelta(minutes=10)
# An open row handed to a worker this long ago is handed out again.
REDISPATCH_AFTER = timedelta(minutes=15)
# Emails per task: their reads are batched (a fixed number of queries per chunk).
SEND_CHUNK = 100
SCHEDULE_CHUNK = 500
DISPATCH_CHUNK = 2_000
MAX_ATTEMPTS = 8
BACKOFF_FIRST = 60  # seconds; doubled at each attempt
BACKOFF_LONGEST = 60 * 60
# Redis serves priority 0 first: alerts and reply emails before digests.
TASK_PRIORITY = {Delivery.Kind.ALERT: 0, Delivery.Kind.REPLIES: 0, Delivery.Kind.DIGEST: 9}
MAILER_FOR = {
    Delivery.Kind.DIGEST: "digests",
    Delivery.Kind.REPLIES: "default",
    Delivery.Kind.ALERT: "default",
}

Status = Delivery.Status
Kind = Delivery.Kind


# --- Choices -----------------------------------------------------------------


def _next_digest(preferences, time_zone, now):
    if preferences.digest == EmailPreferences.Digest.OFF:
        return None
    return schedule.next_send_time(
        frequency=preferences.digest,
        hour=preferences.digest_hour,
        weekday=preferences.digest_weekday,
        zone=schedule.member_zone(time_zone),
        after=now,
    )


def _save(preferences, member, now):
    preferences.next_digest_at = _next_digest(preferences, member.time_zone, now)
    preferences.scheduled_time_zone = member.time_zone
    preferences.updated_at = now
    preferences.save()
    return preferences


@transaction.atomic
def email_preferences_update(
    *,
    member,
    digest,
    digest_hour,
    digest_weekday,
    replies,
    discreet,
    moderator_alerts=True,
    all_stopped=False,
    now=None,
):
    """Save the member's email choices; the next digest is worked out from them."""
    now = now or timezone.now()
    preferences, _ = EmailPreferences.objects.select_for_update().get_or_create(member=member)
    if digest != EmailPreferences.Digest.OFF and digest != preferences.digest:
        # Newly chosen: the first digest comes at the next chosen time, not one already past.
        preferences.digest_since = now
    preferences.digest = digest
    preferences.digest_hour = digest_hour
    preferences.digest_weekday = digest_weekday
    preferences.replies = replies
    preferences.discreet = discreet
    preferences.moderator_alerts = moderator_alerts
    preferences.all_stopped = all_stopped
    return _save(preferences, member, now)


def signup_email_choice_record(*, member, digest, now=None):
    """The digest choice made at sign-up (off unless the newcomer chose one)."""
    now = now or timezone.now()
    if digest not in EmailPreferences.Digest.values:
        digest = EmailPreferences.Digest.OFF
    preferences = EmailPreferences(
        member=member, digest=digest, digest_since=now if digest != EmailPreferences.Digest.OFF else None
    )
    return _save(preferences, member, now)


@transaction.atomic
def email_unsubscribe(*, member_id, kind, now=None):
    """One-click unsubscribe: stop one kind of email, or all. Returns the member, or None.

    Safe to repeat. Emails of that kind already waiting are not sent either: the
    sender checks the member's choices again just before sending.
    """
    from accounts.models import User

    now = now or timezone.now()
    member = User.objects.filter(pk=member_id).first()
    if member is None:
        return None
    preferences, _ = EmailPreferences.objects.select_for_update().get_or_create(member=member)
    if kind == Kind.DIGEST:
        preferences.digest = EmailPreferences.Digest.OFF
    elif kind == Kind.REPLIES:
        preferences.replies = EmailPreferences.Replies.OFF
    elif kind == Kind.ALERT:
        preferences.moderator_alerts = False
    elif kind == "all":
        preferences.all_stopped = True
    else:
        raise ValueError(f"No such kind of email: {kind!r}")
    _save(preferences, member, now)
    return member


# --- Recording: reply emails and moderator alerts (forum hooks) ----------------


def _ids_of(kind, period_by_member):
    """Primary keys of rows just written with ignore_conflicts (which leaves pk empty)."""
    periods = set(period_by_member.values())
    rows = Delivery.objects.filter(kind=kind, period__in=periods, member_id__in=period_by_member)
    return [
        pk
        for pk, member_id, period in rows.values_list("pk", "member_id", "period")
        if period_by_member.get(member_id) == period
    ]


def _enqueue(kind, ids):
    """Hand deliveries to workers when the transaction commits, in chunks."""
    from endings.digests.tasks import deliveries_send

    for start in range(0, len(ids), SEND_CHUNK):
        deliveries_send.apply_async_on_commit(
            args=[list(ids[start : start + SEND_CHUNK])], priority=TASK_PRIORITY[kind]
        )


def reply_emails_record(*, post, recipient_ids, now):
    """Members were just told of a reply: email those who asked, now or in the next batch.

    Runs in the forum's transaction (forum.hooks), so a retried notification task
    that tells nobody new records nothing. New stories are left to the digest.
    """
    if post.depth == 0:
        return
    choices = dict(
        EmailPreferences.objects.filter(member_id__in=recipient_ids, all_stopped=False)
        .exclude(replies=EmailPreferences.Replies.OFF)
        .values_list("member_id", "replies")
    )
    at_once = sorted(m for m, how in choices.items() if how == EmailPreferences.Replies.IMMEDIATELY)
    batched = sorted(m for m, how in choices.items() if how == EmailPreferences.Replies.BATCHED)
    if at_once:
        period = f"post:{post.pk}"
        Delivery.objects.bulk_create(
            [
                Delivery(
                    member_id=member_id,
                    kind=Kind.REPLIES,
                    period=period,
                    created_at=now,
                    due_at=now,
                    dispatched_at=now,
                    post_ids=[post.pk],
                )
                for member_id in at_once
            ],
            ignore_conflicts=True,
        )
        _enqueue(Kind.REPLIES, _ids_of(Kind.REPLIES, dict.fromkeys(at_once, period)))
    if batched:
        _reply_batch_add(batched, post, now)


def _reply_batch_add(member_ids, post, now, *, depth=0):
    """Add the reply to each member's open batch for these ten minutes (sent when they end)."""
    start, end = schedule.reply_batch_window(now)
    period = f"batch:{start:%Y-%m-%dT%H:%M}"
    Delivery.objects.bulk_create(
        [
            Delivery(member_id=m, kind=Kind.REPLIES, period=period, created_at=now, due_at=end, post_ids=[])
            for m in member_ids
        ],
        ignore_conflicts=True,
    )
    # Locked, so replies recorded at the same moment by two tasks are both added.
    rows = Delivery.objects.select_for_update().filter(
        kind=Kind.REPLIES, period=period, member_id__in=member_ids
    )
    changed, late = [], []
    for row in rows:
        if row.status != Status.PENDING:
            late.append(row.member_id)  # this batch is already being sent: use the next one
        elif post.pk not in row.post_ids:
            row.post_ids = [*row.post_ids, post.pk]
            changed.append(row)
    Delivery.objects.bulk_update(changed, ["post_ids"])
    if late and depth == 0:
        _reply_batch_add(late, post, end, depth=1)


def alert_emails_record(*, notices, now):
    """Moderator alerts: an email at once to each moderator told, never batched."""
    recipients = {notice.recipient_id for notice in notices}
    declined = set(
        EmailPreferences.objects.filter(member_id__in=recipients)
        .filter(Q(moderator_alerts=False) | Q(all_stopped=True))
        .values_list("member_id", flat=True)
    )
    rows = [
        Delivery(
            member_id=notice.recipient_id,
            kind=Kind.ALERT,
            period=f"notice:{notice.pk}",
            notice=notice,
            created_at=now,
            due_at=now,
            dispatched_at=now,
        )
        for notice in notices
        if notice.recipient_id not in declined
    ]
    if not rows:
        return
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    _enqueue(Kind.ALERT, _ids_of(Kind.ALERT, {row.member_id: row.period for row in rows}))


def hooks_register():
    from forum import hooks

    hooks.on_post_notified(reply_emails_record)
    hooks.on_moderators_alerted(alert_emails_record)


# --- Scheduling digests ---------------------------------------------------------


def _due_preferences(now):
    return (
        EmailPreferences.objects.exclude(digest=EmailPreferences.Digest.OFF)
        .filter(all_stopped=False)
        .filter(
            Q(next_digest_at__lte=now)
            | Q(next_digest_at__isnull=True)
            # The member changed time zone since their next digest was worked out.
            | ~Q(scheduled_time_zone=F("member__time_zone"))
        )
    )


def _digest_rows(chunk, now):
    """The digest rows to record for these due members; moves each one's next digest on."""
    # What earlier digests covered; one that failed for good is covered again by the next.
    earlier = {
        row["member_id"]: row
        for row in Delivery.objects.filter(member_id__in=[p.member_id for p in chunk], kind=Kind.DIGEST)
        .values("member_id")
        .annotate(
            covered=Max("window_end", filter=~Q(status=Status.FAILED)),
            failed_from=Min("window_start", filter=Q(status=Status.FAILED)),
        )
    }
    rows = []
    for preferences in chunk:
        member = preferences.member
        zone = schedule.member_zone(member.time_zone)
        frequency = preferences.digest
        send_time = schedule.last_send_time(
            frequency=frequency,
            hour=preferences.digest_hour,
            weekday=preferences.digest_weekday,
            zone=zone,
            now=now,
        )
        chosen_after = preferences.digest_since and send_time < preferences.digest_since
        before = earlier.get(member.pk, {})
        start = before.get("covered") or min(
            filter(None, [send_time - schedule.PERIOD_LENGTH[frequency], before.get("failed_from")])
        )
        start = max(start, send_time - schedule.LONGEST_WINDOW[frequency])
        if not chosen_after and start < send_time:
            rows.append(
                Delivery(
                    member=member,
                    kind=Kind.DIGEST,
                    period=schedule.period_key(frequency=frequency, send_time=send_time, zone=zone),
                    created_at=now,
                    due_at=send_time,
                    window_start=start,
                    window_end=send_time,
                )
            )
        preferences.next_digest_at = _next_digest(preferences, member.time_zone, now)
        preferences.scheduled_time_zone = member.time_zone
    return rows


def digests_schedule(*, now=None, dispatch=True):
    """Record a digest for every member whose send time has come (run by beat every 15 minutes).

    Safe to run twice, or late: a member has one digest per period (the unique
    delivery row), and a digest covers everything since the last one that did
    not fail, up to a week (two for weekly digests). Works in chunks, each in
    its own transaction, so memory stays flat however many members are due.
    Returns how many digests were recorded.
    """
    now = now or timezone.now()
    due = (
        _due_preferences(now)
        .select_related("member")
        .only(
            "member_id",
            "digest",
            "digest_hour",
            "digest_weekday",
            "digest_since",
            "next_digest_at",
            "scheduled_time_zone",
            "all_stopped",
            "member__time_zone",
        )
    )
    recorded = 0
    after = 0
    while True:
        with transaction.atomic():
            chunk = list(due.filter(member_id__gt=after).order_by("member_id")[:SCHEDULE_CHUNK])
            if not chunk:
                break
            after = chunk[-1].member_id
            rows = _digest_rows(chunk, now)
            recorded += len(Delivery.objects.bulk_create(rows, ignore_conflicts=True))
            EmailPreferences.objects.bulk_update(chunk, ["next_digest_at", "scheduled_time_zone"])
    if dispatch:
        deliveries_dispatch(now=now)
    return recorded


# --- Dispatching -----------------------------------------------------------------


def _dispatchable(now):
    handed_out_long_ago = Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=now - REDISPATCH_AFTER)
    waiting = Q(status__in=[Status.PENDING, Status.RETRYING], due_at__lte=now)
    abandoned = Q(status=Status.SENDING, lease_until__lt=now)
    return Delivery.objects.filter(handed_out_long_ago & (waiting | abandoned))


def deliveries_dispatch(*, now=None):
    """Hand every due, unclaimed delivery to the workers (run by beat every minute).

    Picks up what a lost task, a killed worker or a failed attempt left behind.
    Returns how many were handed out.
    """
    now = now or timezone.now()
    handed = 0
    while True:
        with transaction.atomic():
            rows = list(
                _dispatchable(now).order_by("due_at", "pk").values_list("pk", "kind")[:DISPATCH_CHUNK]
            )
            if not rows:
                break
            Delivery.objects.filter(pk__in=[pk for pk, _ in rows]).update(dispatched_at=now)
            by_kind = defaultdict(list)
            for pk, kind in rows:
                by_kind[kind].append(pk)
            for kind in (Kind.ALERT, Kind.REPLIES, Kind.DIGEST):
                _enqueue(kind, by_kind.get(kind, []))
            handed += len(rows)
    return handed


# --- Claiming and sending --------------------------------------------------------


def _claimable(now):
    return Q(status__in=[Status.PENDING, Status.RETRYING], due_at__lte=now) | Q(
        status=Status.SENDING, lease_until__lt=now
    )


def deliveries_claim(*, delivery_ids, now=None):
    """Claim the deliveries no one else holds; returns the claim token, or "" if none were free.

    One conditional UPDATE: of two workers racing for a row, exactly one changes it.
    """
    now = now or timezone.now()
    token = secrets.token_hex(16)
    claimed = (
        Delivery.objects.filter(pk__in=delivery_ids)
        .filter(_claimable(now))
        .update(status=Status.SENDING, lease_until=now + LEASE, claim_token=token, attempts=F("attempts") + 1)
    )
    return token if claimed else ""


def backoff_seconds(attempts):
    """Exponential backoff with jitter: about 1, 2, 4... minutes, at most an hour, each
    between half and all of that so retries from many workers spread out."""
    ceiling = min(BACKOFF_LONGEST, BACKOFF_FIRST * 2 ** max(0, attempts - 1))
    return random.uniform(ceiling / 2, ceiling)


def _is_permanent(error):
    """A refusal the mail server will repeat (5xx for the recipient, sender or message),
    or an address no mail server would take."""
    if isinstance(error, ValueError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


def _breaks_connection(error):
    """Whether the rest of the chunk should wait for the next try rather than be attempted now."""
    # Out of time (the task's soft limit): stop before the hard limit kills the worker mid-email.
    if isinstance(error, SoftTimeLimitExceeded):
        return True
    # smtplib's errors are OSErrors too; those that answer a command leave the connection usable.
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def _text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _describe(error):
    """The mail server's answer, readable in the admin ("550 5.1.1 No such mailbox")."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = "; ".join(f"{code} {_text(text)}" for code, text in error.recipients.values())
        described = f"The recipient was refused: {answers}"
    elif isinstance(error, smtplib.SMTPResponseException):
        described = f"{type(error).__name__}: {error.smtp_code} {_text(error.smtp_error)}"
    else:
        described = f"{type(error).__name__}: {error}"
    return described[:2_000]


class _Batch:
    """One claim's rows: marks each as it is sent, skipped or failed."""

    def __init__(self, token, now):
        self.token = token
        self.now = now
        self.counts = defaultdict(int)

    def _rows(self, pks):
        return Delivery.objects.filter(pk__in=pks, claim_token=self.token, status=Status.SENDING)

    def skipped(self, deliveries, outcome):
        if deliveries:
            self._rows([d.pk for d in deliveries]).update(
                status=Status.SKIPPED, outcome=outcome, finished_at=timezone.now(), lease_until=None
            )
            self.counts["skipped"] += len(deliveries)

    def sent(self, delivery, summary, message_id):
        self._rows([delivery.pk]).update(
            status=Status.SENT,
            sent_at=timezone.now(),
            finished_at=timezone.now(),
            lease_until=None,
            summary=summary,
            message_id=message_id,
            outcome="",
            last_error="",
        )
        self.counts["sent"] += 1

    def failed(self, delivery, error, *, permanent=False):
        if permanent or delivery.attempts >= MAX_ATTEMPTS:
            logger.warning("email delivery %s failed for good: %s", delivery.pk, _describe(error))
            self._rows([delivery.pk]).update(
                status=Status.FAILED,
                finished_at=timezone.now(),
                lease_until=None,
                last_error=_describe(error),
                outcome="The mail server refused it"
                if permanent
                else f"Gave up after {delivery.attempts} tries",
            )
            self.counts["failed"] += 1
        else:
            wait = backoff_seconds(delivery.attempts)
            self._rows([delivery.pk]).update(
                status=Status.RETRYING,
                due_at=self.now + timedelta(seconds=wait),
                dispatched_at=None,
                lease_until=None,
                last_error=_describe(error),
            )
            self.counts["retrying"] += 1


def _wanted(delivery, preferences):
    if delivery.kind == Kind.DIGEST:
        return preferences.wants_digest
    if delivery.kind == Kind.REPLIES:
        return preferences.wants_replies
    return preferences.moderator_alerts and not preferences.all_stopped


def _contents(deliveries):
    """{pk: content} for every delivery, by kind, each kind's reads batched."""
    by_kind = defaultdict(list)
    for delivery in deliveries:
        by_kind[delivery.kind].append(delivery)
    contents = {}
    contents.update(selectors.digest_contents(by_kind[Kind.DIGEST]))
    contents.update(selectors.reply_contents(by_kind[Kind.REPLIES]))
    for delivery in by_kind[Kind.ALERT]:
        contents[delivery.pk] = selectors.alert_content(delivery)
    return contents


def deliveries_compose(deliveries, *, now):
    """Sort claimed deliveries: ([(delivery, content, preferences)] to send, {outcome: [delivery]} not to)."""
    skipped = defaultdict(list)
    quiet = members_not_to_notify(candidate_ids={d.member_id for d in deliveries}, now=now)
    live = []
    for delivery in deliveries:
        preferences = selectors.preferences_for(delivery.member)
        if delivery.member_id in quiet or not delivery.member.email:
            skipped["The member is taking a break or leaving"].append(delivery)
        elif not _wanted(delivery, preferences):
            skipped["The member no longer wants these emails"].append(delivery)
        else:
            live.append((delivery, preferences))
    contents = _contents([delivery for delivery, _ in live])
    to_send = []
    for delivery, preferences in live:
        content = contents[delivery.pk]
        if content is None or content.is_empty:
            skipped["Nothing new to tell"].append(delivery)
        else:
            to_send.append((delivery, content, preferences))
    return to_send, skipped


def deliveries_send(*, delivery_ids, now=None):
    """Claim, compose and send these deliveries; returns counts by outcome.

    A fixed number of queries for the whole chunk (claim, load, the content
    reads), plus one UPDATE per email as it is marked sent.
    """
    now = now or timezone.now()
    token = deliveries_claim(delivery_ids=delivery_ids, now=now)
    if not token:
        return {}
    batch = _Batch(token, now)
    deliveries = selectors.deliveries_claimed(token)
    to_send, skipped = deliveries_compose(deliveries, now=now)
    for outcome, rows in skipped.items():
        batch.skipped(rows, outcome)

    help_lines = {}
    by_mailer = defaultdict(list)
    for delivery, content, preferences in to_send:
        by_mailer[MAILER_FOR[delivery.kind]].append((delivery, content, preferences))
    for alias, items in by_mailer.items():
        _send_through(alias, items, batch, help_lines)
    return dict(batch.counts)


def _help_lines(member, cache):
    code = member.country.code if member.country else ""
    if code not in cache:
        cache[code] = help_lines_for_country(code)
    return cache[code]


def _send_through(alias, items, batch, help_lines):
    connection = mailers[alias]
    try:
        connection.open()
    except Exception as error:
        # The mail server cannot be reached: every email waits for the next try.
        logger.warning("could not reach the %r mail server: %s", alias, _describe(error))
        for delivery, _, _ in items:
            batch.failed(delivery, error)
        return
    try:
        for index, (delivery, content, preferences) in enumerate(items):
            message = emails.build_message(
                delivery=delivery,
                content=content,
                preferences=preferences,
                help_lines=_help_lines(delivery.member, help_lines),
            )
            try:
                delivered = connection.send_messages([message])
            except Exception as error:
                if not isinstance(error, smtplib.SMTPException | OSError):
                    logger.exception("could not send email delivery %s", delivery.pk)
                batch.failed(delivery, error, permanent=_is_permanent(error))
                if _breaks_connection(error):
                    for later, _, _ in items[index + 1 :]:
                        batch.failed(later, error)
                    return
                continue
            if delivered:
                batch.sent(delivery, content.summary(), message.extra_headers["Message-ID"])
            else:
                batch.failed(delivery, ValueError("the mail backend sent nothing"), permanent=True)
    finally:
        try:
            connection.close()
        except Exception:  # closing a broken connection must not hide what happened
            logger.debug("closing the mail connection failed", exc_info=True)


def deliveries_retry(*, delivery_ids, now=None):
    """Put failed deliveries back in line (the admin's "Try again"). Returns how many."""
    now = now or timezone.now()
    return Delivery.objects.filter(pk__in=delivery_ids, status=Status.FAILED).update(
        status=Status.RETRYING, attempts=0, due_at=now, dispatched_at=None, outcome=""
    )


# --- The operators' command -------------------------------------------------------


def _digest_chunks_due(now):
    """Ids of the digests ready to send at `now`, a chunk at a time (memory stays flat), and
    the total, read first so progress can be shown."""
    due = Delivery.objects.filter(kind=Kind.DIGEST).filter(_claimable(now))
    total = due.count()

    def chunks():
        after = 0
        while True:
            ids = list(due.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:SEND_CHUNK])
            if not ids:
                return
            after = ids[-1]
            yield ids

    return total, chunks()


def digests_preview(*, now=None, progress=None):
    """Who would receive a digest at `now`, and what (counts only), changing nothing.

    The scheduling and composing run for real inside a transaction that is then
    rolled back, so the preview is exactly what sending would do. Returns
    [(member, summary)] for each digest that would be sent; `progress(done, total)`
    is called after each chunk.
    """
    now = now or timezone.now()

    class _Preview(Exception):
        pass

    found = []
    try:
        with transaction.atomic():
            digests_schedule(now=now, dispatch=False)
            total, chunks = _digest_chunks_due(now)
            done = 0
            for ids in chunks:
                to_send, _ = deliveries_compose(selectors.deliveries_by_pk(ids), now=now)
                found.extend((delivery.member, content.summary()) for delivery, content, _ in to_send)
                done += len(ids)
                if progress:
                    progress(done, total)
            raise _Preview
    except _Preview:
        pass
    return found


def digests_send_now(*, now=None, progress=None):
    """Record and send every digest due at `now`, in this process (for operators without
    beat or a worker). Returns counts by outcome."""
    now = now or timezone.now()
    digests_schedule(now=now, dispatch=False)
    total, chunks = _digest_chunks_due(now)
    totals = defaultdict(int)
    done = 0
    for ids in chunks:
        for outcome, count in deliveries_send(delivery_ids=ids, now=now).items():
            totals[outcome] += count
        done += len(ids)
        if progress:
            progress(done, total)
    return dict(totals)
