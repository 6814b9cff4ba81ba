"""The rules for a member's public pseudonym.

Each refusal says exactly what to change, because a person choosing a name
for a place like this is often already hesitant.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

MIN_LENGTH = 3
MAX_LENGTH = 30
ALLOWED_PUNCTUATION = " ._-"

# Names that would look official or stand for the site itself.
RESERVED = {
    "admin",
    "administrator",
    "moderator",
    "moderators",
    "mod",
    "mods",
    "staff",
    "endings",
    "support",
    "help",
    "helpline",
    "helpdesk",
    "system",
    "root",
    "team",
    "official",
    "editor",
    "editors",
    "amember",
    "aformermember",
    "formermember",
    "anonymous",
    "deleted",
    "removed",
    "null",
    "none",
    "undefined",
    "samaritans",
    "crisis",
    "emergency",
    "you",
    "me",
}
# Words that make any name containing them look like it speaks for the site.
RESERVED_PARTS = ("admin", "moderator", "endings", "official")

_URL_LIKE = re.compile(
    r"(://|^www\.|\bwww\.|\.(com|org|net|info|io|co|uk|us|ca|au|nz|ie|me|app|dev|xyz|ly|biz)\b)",
    re.IGNORECASE,
)


def normalize_display_name(value):
    """NFKC (so look-alike letters compare equal) and single inner spaces."""
    value = unicodedata.normalize("NFKC", value or "")
    return " ".join(value.split())


def _scripts(value):
    """The alphabets a name's letters come from (LATIN, CYRILLIC, GREEK, CJK...)."""
    scripts = set()
    for ch in value:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            scripts.add(name.split(" ")[0] if name else "UNKNOWN")
    return scripts


def _squashed(value):
    return "".join(ch for ch in value.casefold() if ch.isalnum())


def validate_display_name(value):
    name = normalize_display_name(value)
    if len(name) < MIN_LENGTH:
        raise ValidationError(f"Use at least {MIN_LENGTH} characters for your name.", code="too_short")
    if len(name) > MAX_LENGTH:
        raise ValidationError(
            f"Use {MAX_LENGTH} characters or fewer for your name (this one has {len(name)}).",
            code="too_long",
        )
    if "@" in name:
        raise ValidationError(
            "Leave out the @ sign. Your name is shown to everyone, so it should not be an "
            "email address or a social media handle.",
            code="at_sign",
        )
    if _URL_LIKE.search(name):
        raise ValidationError(
            "Choose a name that does not look like a web address (no “www.” or “.com”).",
            code="url_like",
        )
    not_allowed = sorted({ch for ch in name if not (ch.isalnum() or ch in ALLOWED_PUNCTUATION)})
    if not_allowed:
        shown = " ".join(not_allowed)
        raise ValidationError(
            f"Remove {shown}: use only letters, digits, spaces, full stops (.), "
            "underscores (_) and hyphens (-).",
            code="characters",
        )
    if not any(ch.isalpha() for ch in name):
        raise ValidationError("Include at least one letter in your name.", code="no_letter")
    scripts = _scripts(name)
    if len(scripts) > 1:
        # Look-alike letters from another alphabet let one name pass for another.
        mixed = " and ".join(sorted(script.title() for script in scripts))
        raise ValidationError(
            f"Use letters from one alphabet only: this name mixes {mixed} letters.",
            code="mixed_scripts",
        )
    squashed = _squashed(name)
    if squashed in RESERVED or any(part in squashed for part in RESERVED_PARTS):
        raise ValidationError(
            "That name is kept for the site or could look official. Please choose another.",
            code="reserved",
        )
    return name
