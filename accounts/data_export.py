"""A member's copy of their data: one zip with a JSON file and a readable HTML page.

Requested from settings (data_export_request), built by a Celery task
(accounts.tasks.data_export_build -> data_export_build), kept in private storage
(settings.STORAGES["private"], under VAR_DIR, never served as a URL) and
downloaded through a signed link that only the same signed-in member can use,
for EXPORT_DAYS days. Other apps add their part through accounts.member_data.
"""

import io
import json
import logging
import secrets
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts import member_data
from accounts.models import Block, DataExport, Notice, User
from accounts.muting import muted_words_list
from accounts.notices import notice_send

logger = logging.getLogger(__name__)

EXPORT_DAYS = 7
# A request still "being prepared" after this long is taken to have failed.
PENDING_TIMEOUT = timedelta(hours=1)
FORMAT = "endings-export/1"
_SALT = "accounts.data_export.download"


def _private_storage():
    return storages["private"]


def _when(value):
    return value.isoformat() if value else None


def _account_part(member):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "account": [
            {
                "display_name": member.display_name,
                "email": member.email,
                "country": str(member.country.name) if member.country else "",
                "time_zone": member.time_zone,
                "member_since": _when(member.date_joined),
                "declared_18_or_older_at": _when(member.adult_declared_at),
                "health_consent_at": _when(member.health_consent_at),
                "health_consent_privacy_version": member.health_consent_version,
            }
        ],
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=member).order_by("-primary", "email")
        ],
        "two_step_sign_in": [
            {"method": authenticator.get_type_display(), "added_at": _when(authenticator.created_at)}
            for authenticator in Authenticator.objects.filter(user=member).order_by("created_at")
        ],
        "settings": [
            {
                "content_notes": "shown open" if member.show_content_notes else "folded (the default)",
                "muted_words": muted_words_list(member),
                "profile_about": member.profile_about,
                "profile_lists_your_stories": member.profile_show_stories,
                "break_started_at": _when(member.break_started_at),
                "break_until": _when(member.break_until),
            }
        ],
        "blocked_members": [
            {"name": block.blocked.display_name, "blocked_at": _when(block.created_at)}
            for block in Block.objects.filter(blocker=member).select_related("blocked").order_by("created_at")
        ],
        "messages_from_the_site": [
            {
                "about": notice.get_kind_display(),
                "title": notice.title,
                "text": notice.body,
                "sent_at": _when(notice.created_at),
            }
            for notice in Notice.objects.filter(recipient=member).order_by("created_at", "pk")
        ],
    }


ACCOUNT_SECTIONS = {
    "account": "Your account",
    "email_addresses": "Your email addresses",
    "two_step_sign_in": "Two-step sign-in",
    "settings": "Your settings",
    "blocked_members": "Members you blocked",
    "messages_from_the_site": "Messages from the site to you",
}


def member_export_data(member, *, now=None):
    """Everything the export holds, as JSON-able data."""
    now = now or timezone.now()
    parts = [
        {
            "name": "account",
            "title": "Your account",
            "sections": _sections(ACCOUNT_SECTIONS, _account_part(member)),
        }
    ]
    for part in member_data.parts():
        parts.append(
            {
                "name": part.name,
                "title": part.title,
                "sections": _sections(part.sections, part.exporter(member)),
            }
        )
    return {
        "format": FORMAT,
        "site": settings.SITE_URL,
        "created_at": _when(now),
        "about": (
            "Everything you wrote on Endings and the choices you made there. Other members' "
            "private details are not included: no email addresses, and never who reported a post."
        ),
        "parts": parts,
    }


def _sections(titles, data):
    sections = {}
    for key, items in data.items():
        sections[key] = {"title": titles.get(key, key.replace("_", " ").capitalize()), "items": items}
    return sections


def _readable(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _html(data):
    parts = []
    for part in data["parts"]:
        sections = []
        for key, section in part["sections"].items():
            items = [
                [
                    {
                        "label": field.replace("_", " ").capitalize(),
                        "value": _readable(value),
                        "is_link": isinstance(value, str) and value.startswith(("http://", "https://")),
                        "is_text": field == "text" or (isinstance(value, str) and "\n" in value),
                    }
                    for field, value in item.items()
                ]
                for item in section["items"]
            ]
            sections.append({"key": key, "title": section["title"], "items": items})
        parts.append({"title": part["title"], "sections": sections})
    return render_to_string("accounts/export/your_data.html", {"data": data, "parts": parts})


def export_zip_bytes(data):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("endings-data/your-data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("endings-data/your-data.html", _html(data))
        archive.writestr(
            "endings-data/README.txt",
            "Your data from Endings.\n\n"
            "your-data.html  opens in any web browser and is easy to read.\n"
            "your-data.json  holds the same, for other programs.\n\n"
            "Keep this file somewhere safe: it holds what you wrote about your health.\n",
        )
    return buffer.getvalue()


@transaction.atomic
def data_export_request(*, member, now=None):
    """Ask for a fresh copy. Returns (export, created); a copy already being
    prepared is returned instead of starting another."""
    now = now or timezone.now()
    User.objects.select_for_update().filter(pk=member.pk).values_list("pk").get()
    pending = DataExport.objects.filter(member=member, status=DataExport.Status.PENDING).first()
    if pending is not None:
        if pending.requested_at > now - PENDING_TIMEOUT:
            return pending, False
        DataExport.objects.filter(pk=pending.pk).update(status=DataExport.Status.FAILED)
    export = DataExport.objects.create(member=member, requested_at=now)
    from accounts.tasks import data_export_build as task

    task.delay_on_commit(export.pk)
    return export, True


def export_files_delete(names):
    storage = _private_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("could not delete an export file")


def data_export_build(*, export_id, now=None):
    """Build the zip, store it privately, and tell the member. Safe to run twice."""
    now = now or timezone.now()
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("member")
            .filter(pk=export_id, status=DataExport.Status.PENDING)
            .first()
        )
        if export is None:
            return None
        member = export.member
        content = export_zip_bytes(member_export_data(member, now=now))
        name = _private_storage().save(f"exports/{secrets.token_urlsafe(18)}.zip", ContentFile(content))
        older = list(DataExport.objects.filter(member=member).exclude(pk=export.pk).exclude(file_name=""))
        export.status = DataExport.Status.READY
        export.ready_at = now
        export.expires_at = now + timedelta(days=EXPORT_DAYS)
        export.file_name = name
        export.size = len(content)
        export.save(update_fields=["status", "ready_at", "expires_at", "file_name", "size"])
        DataExport.objects.filter(pk__in=[old.pk for old in older]).delete()
        old_names = [old.file_name for old in older]
        transaction.on_commit(lambda: export_files_delete(old_names))
        notice_send(
            recipient=member,
            kind=Notice.Kind.ACCOUNT,
            title="Your copy of your data is ready",
            body=(
                "You asked for a copy of everything you wrote here. It is ready to download from "
                f"your settings for the next {EXPORT_DAYS} days. It holds what you wrote about your "
                "health, so please keep it somewhere safe."
            ),
            link_url=reverse("accounts:data"),
            link_text="Download your data",
            now=now,
        )
    logger.info("data export %s ready (%s bytes)", export.pk, export.size)
    return export


@transaction.atomic
def data_exports_clear_expired(*, now=None):
    """Delete copies past their download period (files and rows). Returns how many."""
    now = now or timezone.now()
    expired = DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=now)
    names = [name for name in expired.values_list("file_name", flat=True) if name]
    count = expired.delete()[0]
    stale = DataExport.objects.exclude(status=DataExport.Status.READY).filter(
        requested_at__lte=now - timedelta(days=EXPORT_DAYS)
    )
    count += stale.delete()[0]
    transaction.on_commit(lambda: export_files_delete(names))
    return count


def download_token(export):
    return signing.dumps({"e": export.pk, "m": export.member_id}, salt=_SALT, compress=True)


def download_url(export):
    return reverse("accounts:data_download", args=[export.pk, download_token(export)])


def export_for_download(*, member, export_id, token, now=None):
    """The export this link opens for this member, or None: the token must be
    signed for this export and this member, and the copy still in its period."""
    try:
        claims = signing.loads(token, salt=_SALT, max_age=timedelta(days=EXPORT_DAYS + 1))
    except signing.BadSignature:
        return None
    if claims.get("e") != export_id or claims.get("m") != member.pk:
        return None
    export = DataExport.objects.filter(pk=export_id, member=member).first()
    if export is None or not export.is_downloadable(now):
        return None
    return export


def export_open(export):
    return _private_storage().open(export.file_name, "rb")
