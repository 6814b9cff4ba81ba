"""Places where apps above the forum act on forum events, without the forum importing them.

The forum never imports `endings.*`, yet email delivery (endings.digests) must
hear when members were told about a reply, and when moderators were alerted.
An app registers a receiver from its AppConfig.ready():

    hooks.on_post_notified(receiver)     # receiver(*, post, recipient_ids, now)
    hooks.on_moderators_alerted(receiver)  # receiver(*, notices, now)

Receivers run inside the transaction that recorded the notifications or the
alert notices, so what they write exists exactly when those rows do (a retried
task that records nothing new calls nothing). They must not send anything
themselves: they record work and enqueue it with `delay_on_commit`.
"""

_post_notified = []
_moderators_alerted = []


def _add(receivers, receiver):
    # A repeated ready() (tests, autoreload) must not register a receiver twice.
    if receiver not in receivers:
        receivers.append(receiver)
    return receiver


def on_post_notified(receiver):
    return _add(_post_notified, receiver)


def on_moderators_alerted(receiver):
    return _add(_moderators_alerted, receiver)


def post_notified(*, post, recipient_ids, now):
    """Members were just told (in-app) about `post`: a new reply, or a new story."""
    if not recipient_ids:
        return
    for receiver in _post_notified:
        receiver(post=post, recipient_ids=list(recipient_ids), now=now)


def moderators_alerted(*, notices, now):
    """Moderator-alert notices were just recorded (accounts.Notice rows, no post text)."""
    if not notices:
        return
    for receiver in _moderators_alerted:
        receiver(notices=list(notices), now=now)
