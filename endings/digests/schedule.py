"""When digests fall due, in the member's own time zone.

A daily digest is sent at the member's chosen hour; a weekly one at that hour on
their chosen weekday. Each send time names its period ("day:2026-11-21",
"week:2026-11-16": the local date of the send), which is what makes a digest
unique: however often the scheduler runs, a member has one digest per period.
"""

import zoneinfo
from datetime import UTC, datetime, time, timedelta

DAILY = "daily"
WEEKLY = "weekly"
PERIOD_LENGTH = {DAILY: timedelta(days=1), WEEKLY: timedelta(days=7)}
# After a gap (sending broken for days, a digest that failed for good), one digest
# covers at most this much, so nothing is skipped but nothing old comes back.
LONGEST_WINDOW = {DAILY: timedelta(days=7), WEEKLY: timedelta(days=14)}
# Reply emails gathered together: at most one email in each of these windows.
REPLY_BATCH = timedelta(minutes=10)


def member_zone(name):
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def _local_send(day, hour, zone):
    # A non-existent local time (a clock change) resolves as zoneinfo does: fold 0.
    return datetime.combine(day, time(hour=hour), tzinfo=zone)


def last_send_time(*, frequency, hour, weekday, zone, now):
    """The latest send time at or before `now` (an aware UTC datetime)."""
    local_now = now.astimezone(zone)
    day = local_now.date()
    if frequency == WEEKLY:
        day -= timedelta(days=(day.weekday() - weekday) % 7)
    step = PERIOD_LENGTH[frequency]
    sent = _local_send(day, hour, zone)
    while sent > local_now:
        day -= step
        sent = _local_send(day, hour, zone)
    return sent.astimezone(UTC)


def next_send_time(*, frequency, hour, weekday, zone, after):
    """The earliest send time strictly after `after`."""
    last = last_send_time(frequency=frequency, hour=hour, weekday=weekday, zone=zone, now=after)
    day = last.astimezone(zone).date() + PERIOD_LENGTH[frequency]
    return _local_send(day, hour, zone).astimezone(UTC)


def period_key(*, frequency, send_time, zone):
    prefix = "week" if frequency == WEEKLY else "day"
    return f"{prefix}:{send_time.astimezone(zone).date().isoformat()}"


def reply_batch_window(now):
    """The ten minutes (aligned to the clock, UTC) that `now` falls in: (start, end)."""
    now = now.astimezone(UTC)
    minutes = (now.minute // 10) * 10
    start = now.replace(minute=minutes, second=0, microsecond=0)
    return start, start + REPLY_BATCH
