"""Site-wide pages: home, help lines, guidelines, privacy, health check, errors."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_countries import countries

from endings.articles.selectors import home_articles
from helplines.selectors import (
    COUNTRY_COOKIE,
    INTERNATIONAL,
    country_for_request,
    help_lines_for_country,
    valid_country,
)

logger = logging.getLogger(__name__)


def home(request):
    return render(request, "endings/home.html", {"home": home_articles()})


ROBOTS_DISALLOW = ["/admin/", "/accounts/", "/members/", "/moderation/", "/articles/editor/"]


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def get_help(request):
    requested = request.GET.get("country")
    country = valid_country(requested) if requested is not None else country_for_request(request)
    response = render(
        request,
        "endings/help.html",
        {
            "chosen": help_lines_for_country(country),
            "country": country,
            "countries": list(countries),
            "international": help_lines_for_country(""),
        },
    )
    if requested is not None:
        # Remembered so a signed-out reader's footer follows their choice; a
        # member's own country setting still comes first.
        response.set_cookie(
            COUNTRY_COOKIE,
            country or INTERNATIONAL,
            max_age=60 * 60 * 24 * 365,
            samesite="Lax",
            httponly=True,
        )
    return response


def favicon(request):
    # Resolved per request: the hashed static name exists only after collectstatic.
    return redirect(static("img/favicon.svg"), permanent=True)


def guidelines(request):
    return render(request, "endings/guidelines.html")


def privacy(request):
    return render(
        request,
        "endings/privacy.html",
        {
            "privacy_policy_version": settings.PRIVACY_POLICY_VERSION,
            "contact_email": settings.CONTACT_EMAIL,
        },
    )


def _check(name, probe):
    try:
        probe()
        return "ok"
    except Exception:
        logger.exception("health check: %s is unavailable", name)
        return "unavailable"


def _probe_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _probe_cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was written")


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _check("database", _probe_database), "cache": _check("cache", _probe_cache)}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
