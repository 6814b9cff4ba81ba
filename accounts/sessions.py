"""Ending a member's sessions on every browser (a suspension, a break, a deletion)."""

from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def member_sessions_end(*, member):
    """Delete every stored session of the member (see accounts.services.sessions_end_everywhere).

    Sessions are stored in the database and keyed by a random id, so finding a
    member's sessions means reading the live ones; expired rows are cleared
    daily, which keeps this to the sessions of the last two weeks.
    """
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500)
        if (data := session.get_decoded()).get(SESSION_KEY) == str(member.pk) and HASH_SESSION_KEY in data
    ]
    return Session.objects.filter(session_key__in=keys).delete()[0]
