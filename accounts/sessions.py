"""Ending a member's sessions on every browser (a suspension, a break, a deletion)."""

from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def member_sessions_end(*, member, keep_session_key=None):
    """Sign the member out everywhere, except (optionally) the session they are using.

    Sessions are stored in the database and keyed by a random id, so finding a
    member's sessions means reading the live ones; expired rows are cleared
    daily, which keeps this to the sessions of the last two weeks.
    """
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if session.session_key == keep_session_key:
            continue
        data = session.get_decoded()
        if data.get(SESSION_KEY) == str(member.pk) and HASH_SESSION_KEY in data:
            session.delete()
            ended += 1
    return ended
