"""Which help lines a reader sees: two or three for their country, never a wall."""

import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django_countries import countries

from helplines.models import HelpLine

logger = logging.getLogger(__name__)

SUPPORT_LINES_SHOWN = 2
COUNTRY_COOKIE = "helpline_country"
# Stored in the cookie when a reader chooses "anywhere in the world", so the
# choice sticks instead of falling back to a guess.
INTERNATIONAL = "international"
CACHE_SECONDS = 300
GENERATION_KEY = "helplines:generation"
_LANGUAGE_REGION = re.compile(r"^[a-z]{2,3}-([a-z]{2})$", re.IGNORECASE)


@dataclass(frozen=True)
class ReaderHelpLines:
    country_code: str
    support: list = field(default_factory=list)
    emergency: HelpLine | None = None
    # True when the reader's country has no lines and the international
    # directories are shown instead.
    is_international: bool = True

    @property
    def country_name(self):
        return countries.name(self.country_code) if self.country_code else "anywhere in the world"


def valid_country(code):
    """The ISO alpha-2 code for `code`, or "" when it names no country."""
    code = (code or "").strip().upper()
    if len(code) != 2 or not code.isalpha():
        return ""
    return countries.alpha2(code) or ""


def country_for_request(request):
    """The reader's chosen country, else a guess from the request, else none."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.country:
        return user.country.code
    cookie = request.COOKIES.get(COUNTRY_COOKIE, "")
    if cookie == INTERNATIONAL:
        return ""
    chosen = valid_country(cookie)
    if chosen:
        return chosen
    if settings.HELPLINE_COUNTRY_HEADER:
        meta_key = "HTTP_" + settings.HELPLINE_COUNTRY_HEADER.upper().replace("-", "_")
        from_header = valid_country(request.META.get(meta_key))
        if from_header:
            return from_header
    return country_from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))


def country_from_accept_language(header):
    for part in header.split(","):
        tag = part.split(";")[0].strip()
        match = _LANGUAGE_REGION.match(tag)
        if match and valid_country(match.group(1)):
            return match.group(1).upper()
    return ""


def _lines_from_database(country_code):
    def pick(code):
        lines = list(HelpLine.objects.filter(country=code, is_active=True))
        support = [line for line in lines if line.kind == HelpLine.Kind.SUPPORT]
        emergency = next((line for line in lines if line.kind == HelpLine.Kind.EMERGENCY), None)
        return support[:SUPPORT_LINES_SHOWN], emergency

    support, emergency = pick(country_code) if country_code else ([], None)
    if support:
        return ReaderHelpLines(country_code, support, emergency, is_international=False)
    international, _ = pick("")
    return ReaderHelpLines(country_code, international, emergency, is_international=True)


def help_lines_for_country(country_code):
    """Cached; a cache outage falls back to the database so help is always shown."""
    try:
        generation = cache.get_or_set(GENERATION_KEY, 1, timeout=None)
        key = f"helplines:{generation}:{country_code or 'int'}"
        lines = cache.get(key)
        if lines is None:
            lines = _lines_from_database(country_code)
            cache.set(key, lines, CACHE_SECONDS)
        return lines
    except Exception:
        logger.warning("cache unavailable; reading help lines from the database", exc_info=True)
        return _lines_from_database(country_code)
