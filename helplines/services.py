from django.core.cache import cache

from helplines.selectors import GENERATION_KEY


def help_lines_cache_clear():
    """Make every cached help-line selection stale, so a correction shows at once."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)
