"""Building the emails: subject, text and HTML parts, headers.

Every email has a plain-text part and an HTML part (inline styles, readable in
dark mode), the help lines for the member's country, a link to their email
choices, and RFC 8058 one-click unsubscribe headers for its kind. In discreet
mode (the default) neither the subject nor the body carries a story title or any
words from a post: only counts and links.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from endings.digests.models import Delivery

UNSUBSCRIBE_SALT = "endings.digests.unsubscribe"
# What an unsubscribe link stops: the kind of email it came with, or everything.
UNSUBSCRIBE_KINDS = {
    Delivery.Kind.DIGEST: "the summary emails",
    Delivery.Kind.REPLIES: "emails about replies",
    Delivery.Kind.ALERT: "moderator alert emails",
    "all": "all email from Endings",
}


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def unsubscribe_token(member_id, kind):
    if kind not in UNSUBSCRIBE_KINDS:
        raise ValueError(f"No such kind of email: {kind!r}")
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{member_id}.{kind}")


def unsubscribe_token_read(token):
    """(member id, kind) from a token, or None if it was altered or is not one of ours."""
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    member_id, _, kind = value.partition(".")
    if not member_id.isdigit() or kind not in UNSUBSCRIBE_KINDS:
        return None
    return int(member_id), kind


def unsubscribe_url(member_id, kind):
    return absolute(reverse("digests:unsubscribe", args=[unsubscribe_token(member_id, kind)]))


def _message_id(delivery):
    # The same for every attempt at one delivery: if a worker died after the mail
    # server took the message but before it was marked sent, the second copy has
    # the same Message-ID, which mail providers and clients treat as one message.
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{delivery.kind}.{delivery.pk}.{delivery.period.replace(':', '-')}@{host}>"


def _plural(count, one, many):
    return f"{count} {one if count == 1 else many}"


def digest_subject(delivery, content, preferences):
    how_often = "weekly" if delivery.period.startswith("week:") else "daily"
    return f"Your {how_often} summary from Endings"


def replies_subject(content, preferences):
    replies = _plural(content.reply_count, "new reply", "new replies")
    if not preferences.discreet and len(content.stories) == 1 and content.stories[0].title:
        return f"{replies.capitalize()} in “{content.stories[0].title}”"
    return f"Endings: {replies} for you"


ALERT_SUBJECT = "Endings moderation: an item needs you"


def build_message(*, delivery, content, preferences, help_lines):
    """The email for one delivery (a digest, a reply email or a moderator alert)."""
    member = delivery.member
    kind = delivery.kind
    context = {
        "delivery": delivery,
        "content": content,
        "discreet": preferences.discreet,
        "help_lines": help_lines,
        "preferences_url": absolute(reverse("digests:preferences")),
        "unsubscribe_url": unsubscribe_url(member.pk, kind),
        "unsubscribe_what": UNSUBSCRIBE_KINDS[kind],
        "site_url": settings.SITE_URL,
    }
    if kind == Delivery.Kind.DIGEST:
        subject = digest_subject(delivery, content, preferences)
        context["weekly"] = delivery.period.startswith("week:")
        context["notifications_url"] = absolute(reverse("forum:notifications"))
        context["articles_url"] = absolute(reverse("articles:index"))
        template = "digests/email/digest"
    elif kind == Delivery.Kind.REPLIES:
        subject = replies_subject(content, preferences)
        context["notifications_url"] = absolute(reverse("forum:notifications"))
        template = "digests/email/replies"
    else:
        subject = ALERT_SUBJECT
        template = "digests/email/alert"
    context["subject"] = subject
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.email],
        headers={
            "Message-ID": _message_id(delivery),
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
