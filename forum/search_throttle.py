"""How often one reader may search: 30 searches a minute per member, or per address for readers
who are not signed in. Search is the most expensive page, so a script hammering it would slow
the site for everyone.

Counted in the cache (Redis in production), in windows of one minute. If the cache is down
the search is allowed: a reader looking for help at 2 a.m. is never refused because of our
outage.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

SEARCHES_PER_MINUTE = 30
WINDOW_SECONDS = 60
REFUSED_MESSAGE = (
    "You have searched a lot in the last minute, so we have paused searching for you for a "
    "moment. Please try again in a minute. Everything you have read is still there."
)


def client_address(request):
    """The reader's address: behind TRUSTED_PROXY_COUNT proxies, read from X-Forwarded-For."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def search_allowed(request, *, now=None):
    """Count this search; False once the reader has used up this minute's searches."""
    user = request.user
    who = f"m{user.pk}" if user.is_authenticated else f"a{client_address(request)}"
    window = int((now or time.time()) // WINDOW_SECONDS)
    key = f"forum:search-rate:{who}:{window}"
    try:
        cache.add(key, 0, WINDOW_SECONDS * 2)
        count = cache.incr(key)
    except Exception:  # the cache is down or lost the key: never refuse because of that
        logger.warning("search rate limit not counted: the cache is unavailable", exc_info=True)
        return True
    return count <= SEARCHES_PER_MINUTE
