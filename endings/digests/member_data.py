"""The digests' part of a member's data export and account deletion (accounts.member_data).

Exported: the member's email choices and when emails were sent to them (kinds and
dates, never contents: the emails carried only counts and links). Deleted: both,
whichever choice the member made (there are no words of theirs here to keep).
"""

from accounts import member_data
from endings.digests.models import Delivery, EmailPreferences

SECTIONS = {
    "email_preferences": "Your email choices",
    "emails_sent": "Emails we sent you (when and what kind, not their contents)",
}


def _when(value):
    return value.isoformat() if value else None


def export_member(member):
    preferences = EmailPreferences.objects.filter(member=member).first()
    choices = []
    if preferences is not None:
        choices.append(
            {
                "digest": preferences.get_digest_display(),
                "digest_hour": preferences.digest_hour,
                "digest_weekday": preferences.digest_weekday,
                "reply_emails": preferences.get_replies_display(),
                "discreet": preferences.discreet,
                "moderator_alerts": preferences.moderator_alerts,
                "all_email_stopped": preferences.all_stopped,
            }
        )
    sent = [
        {"kind": Delivery.Kind(kind).label, "sent_at": _when(sent_at)}
        for kind, sent_at in Delivery.objects.filter(member=member, status=Delivery.Status.SENT)
        .order_by("sent_at", "pk")
        .values_list("kind", "sent_at")
    ]
    return {"email_preferences": choices, "emails_sent": sent}


def delete_member(member, *, now=None):
    deliveries, _ = Delivery.objects.filter(member=member).delete()
    preferences, _ = EmailPreferences.objects.filter(member=member).delete()
    return {"email records": deliveries, "email preferences": preferences}


def register():
    member_data.register(
        name="digests",
        title="Email",
        sections=SECTIONS,
        exporter=export_member,
        eraser=delete_member,
        anonymiser=delete_member,
        position=200,
    )
