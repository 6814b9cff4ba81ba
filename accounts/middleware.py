import contextlib
import zoneinfo

from django.contrib.auth import logout
from django.utils import timezone


class SuspendedMemberMiddleware:
    """A suspended member's session ends on their next request, wherever it came from.

    Suspending a member deletes their stored sessions (forum.services.moderation),
    and the sign-in refuses them; this covers any session that slipped past that
    (one being made at the same moment, a session store restored from a backup).
    The member is read for every request anyway, so the check costs nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_suspended():
            logout(request)
        return self.get_response(request)


class MemberTimezoneMiddleware:
    """Shows times in the member's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.deactivate()
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.time_zone:
            with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
        return self.get_response(request)
