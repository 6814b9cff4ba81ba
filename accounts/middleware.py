import contextlib
import zoneinfo

from django.utils import timezone


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
