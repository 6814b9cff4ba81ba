"""Every kind of page sends the security headers; in production, HSTS and cookies only over HTTPS.

(`check --deploy --fail-level WARNING` under production settings is in
tests/endings/test_configuration.py.)
"""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from forum import search_throttle
from tests.endings.test_configuration import PRODUCTION_ENV, PROJECT
from tests.security.conftest import EDITOR, MEMBER, MODERATOR, SIGNED_OUT, STAFF

pytestmark = pytest.mark.django_db


def page_types(world):
    """(what, role, url, status): one address for each kind of page the site sends."""
    thread = world.thread
    return [
        ("site page", SIGNED_OUT, reverse("home"), 200),
        ("help lines", SIGNED_OUT, reverse("help"), 200),
        ("story list", MEMBER, reverse("forum:index"), 200),
        ("category", MEMBER, reverse("forum:category", args=[world.category.slug]), 200),
        ("thread", MEMBER, thread.get_absolute_url(), 200),
        ("reply form", MEMBER, reverse("forum:reply", args=[world.opening.pk]), 200),
        ("story form", MEMBER, reverse("forum:story_new"), 200),
        ("search", MEMBER, reverse("forum:search") + "?q=letter", 200),
        ("notifications", MEMBER, reverse("forum:notifications"), 200),
        ("profile", MEMBER, reverse("forum:member_profile", args=[world.author.pk]), 200),
        ("settings", MEMBER, reverse("accounts:settings"), 200),
        ("data export", MEMBER, reverse("accounts:data"), 200),
        ("email choices", MEMBER, reverse("digests:preferences"), 200),
        ("unsubscribe", SIGNED_OUT, reverse("digests:unsubscribe", args=[world.unsubscribe_token]), 200),
        ("article list", SIGNED_OUT, reverse("articles:index"), 200),
        ("article", SIGNED_OUT, world.live.get_absolute_url(), 200),
        ("editor desk", EDITOR, reverse("articles:desk"), 200),
        ("article editor", EDITOR, reverse("articles:edit", args=[world.draft.pk]), 200),
        ("moderation queue", MODERATOR, reverse("moderation:queue"), 200),
        ("moderation item", MODERATOR, reverse("moderation:item", args=[world.item.pk]), 200),
        ("moderation dashboard", MODERATOR, reverse("moderation:dashboard"), 200),
        ("sign in", SIGNED_OUT, reverse("account_login"), 200),
        ("join", SIGNED_OUT, reverse("account_signup"), 200),
        ("two-step settings", MEMBER, reverse("mfa_index"), 200),
        ("admin", STAFF, reverse("admin:index"), 200),
        ("not found", SIGNED_OUT, "/no-such-page/", 404),
        ("not allowed", MEMBER, reverse("articles:desk"), 403),
        ("feed", SIGNED_OUT, reverse("articles:feed"), 200),
        ("sitemap", SIGNED_OUT, reverse("sitemap"), 200),
        ("robots", SIGNED_OUT, reverse("robots_txt"), 200),
        ("health check", SIGNED_OUT, reverse("healthz"), 200),
        ("redirect", SIGNED_OUT, reverse("accounts:settings"), 302),
    ]


def assert_security_headers(response, what):
    headers = response.headers
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("Referrer-Policy") == "same-origin", what
    assert headers.get("Cross-Origin-Opener-Policy") == "same-origin", what
    assert headers.get("X-Frame-Options") == "DENY", what
    policy = headers.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy, (what, policy)
    csp = headers.get("Content-Security-Policy", "")
    directives = {}
    for part in filter(None, (part.strip() for part in csp.split(";"))):
        name, _, value = part.partition(" ")
        directives[name] = value
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, (what, csp)
    assert directives.get("default-src") == "'self'", (what, csp)
    assert directives.get("script-src") == "'self'", (what, csp)
    assert directives.get("style-src") == "'self'", (what, csp)
    assert directives.get("frame-ancestors") == "'none'", (what, csp)
    assert directives.get("object-src") == "'none'", (what, csp)
    assert directives.get("base-uri") == "'none'", (what, csp)


def test_every_kind_of_page_sends_the_security_headers(world):
    kinds = page_types(world)
    for what, role, url, status in kinds:
        response = world.client_for(role).get(url)
        assert response.status_code == status, (what, url, response.status_code)
        assert_security_headers(response, what)
    assert len(kinds) >= 30


def test_refusal_pages_send_them_too(world):
    csrf = Client(enforce_csrf_checks=True)
    refused = csrf.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert refused.status_code == 403
    assert_security_headers(refused, "CSRF refusal")

    client = world.client_for(MEMBER)
    for _ in range(search_throttle.SEARCHES_PER_MINUTE):
        client.get(reverse("forum:search"), {"q": "letter"})
    paused = client.get(reverse("forum:search"), {"q": "letter"})
    assert paused.status_code == 429
    assert_security_headers(paused, "search paused")


PRODUCTION_PROBE = r"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.http import HttpResponse
from django.test import RequestFactory
from django.contrib.sessions.middleware import SessionMiddleware

# Static files are collected at deploy time (manifest storage); the probe builds plain static
# addresses instead, which changes no header.
settings.STORAGES = {**settings.STORAGES,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
client = Client(HTTP_HOST="endings.example.org")
plain = client.get("/accounts/login/", secure=False)
page = client.get("/accounts/login/", secure=True)
health = client.get("/healthz", secure=False)
csrf = page.cookies.get("csrftoken")

# The session cookie as SessionMiddleware writes it for a signed-in member. Its flags come
# from the SESSION_COOKIE_* settings whatever the engine; signed cookies need no database row.
settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
request = RequestFactory().get("/", secure=True)
middleware = SessionMiddleware(lambda r: HttpResponse())
middleware.process_request(request)
request.session["_auth_user_id"] = "1"
session = middleware.process_response(request, HttpResponse()).cookies.get(settings.SESSION_COOKIE_NAME)

print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
    "health_status": health.status_code,
    "status": page.status_code,
    "hsts": page.headers.get("Strict-Transport-Security", ""),
    "csp": page.headers.get("Content-Security-Policy", ""),
    "csrf_cookie": {"secure": bool(csrf["secure"]), "httponly": bool(csrf["httponly"]),
                    "samesite": csrf["samesite"]} if csrf else None,
    "session_cookie": {"secure": bool(session["secure"]), "httponly": bool(session["httponly"]),
                       "samesite": session["samesite"]} if session else None,
}))
"""


@pytest.mark.slow
def test_production_sends_hsts_and_only_secure_httponly_cookies():
    """In a fresh process with production settings (an https:// SITE_URL)."""
    env = {
        **PRODUCTION_ENV,
        # The tables exist in the test database; the probe only reads.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/" + connection.settings_dict["NAME"],
        "REDIS_URL": os.environ.get("REDIS_URL", PRODUCTION_ENV["REDIS_URL"]),
    }
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=PROJECT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "ENV_FILE": "",
            "DJANGO_SETTINGS_MODULE": "endings.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    # Plain HTTP is sent to HTTPS (the health check answers on either, for load balancers).
    assert found["plain_status"] == 301
    assert found["plain_location"].startswith("https://")
    assert found["health_status"] == 200
    assert found["status"] == 200
    hsts = found["hsts"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts
    assert "unsafe-inline" not in found["csp"]
    assert found["csrf_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert found["session_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
