import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD, MemberFactory

PUBLIC_PAGES = [
    "home",
    "help",
    "guidelines",
    "privacy",
    "account_login",
    "account_signup",
    "account_reset_password",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_render_with_skip_link_help_and_navigation(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    page = response.text
    assert 'class="skip-link" href="#main"' in page
    assert 'id="main"' in page
    assert "If you need to talk to someone now" in page
    assert f'href="{reverse("help")}"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "help", "account_signup", "accounts:settings"])
def test_every_page_type_sends_the_security_headers(client, name):
    client.force_login(MemberFactory())
    response = client.get(reverse(name))
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]


CACHE_ON_A_CLOSED_PORT = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)
MEMBER_PAGES = [
    "accounts:settings",
    "account_email",
    "account_change_password",
    "mfa_index",
    "account_reauthenticate",
]


@pytest.mark.django_db
def test_pages_have_no_inline_scripts_styles_or_handlers(client):
    """The CSP would block them, silently breaking the page."""
    for name in PUBLIC_PAGES:
        assert not INLINE.findall(client.get(reverse(name)).text), name
    member = MemberFactory()
    client.force_login(member)
    # A pending email change shows allauth's extra form, which we override.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    for name in [*MEMBER_PAGES, "home"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert not INLINE.findall(response.text), name


@pytest.mark.django_db
def test_unknown_address_gets_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.text
    assert "If you need to talk to someone now" in response.text


@pytest.mark.django_db
def test_a_form_without_csrf_token_is_refused_kindly_and_changes_nothing(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(
        reverse("accounts:settings"), {"display_name": "Changed Name", "country": "", "time_zone": "UTC"}
    )
    assert response.status_code == 403
    assert "Please try that again" in response.text
    member.refresh_from_db()
    assert member.display_name == "Willow Test"


@pytest.mark.django_db
def test_server_error_page_needs_no_context(client):
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Something went wrong on our side" in page
    assert "/help/" in page


@pytest.mark.django_db
def test_healthz_reports_services_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_503_when_the_cache_is_down(client):
    with override_settings(CACHES=CACHE_ON_A_CLOSED_PORT):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


@pytest.mark.django_db
def test_help_lines_still_show_when_the_cache_is_down(client):
    with override_settings(CACHES=CACHE_ON_A_CLOSED_PORT):
        page = client.get(reverse("help"), {"country": "US"}).text
    assert "Call or text 988" in page


@pytest.mark.django_db
def test_a_members_email_appears_on_no_public_page(client):
    member = MemberFactory(email="private.person@example.org", display_name="Private Person")
    other = MemberFactory()
    pages = ["home", "help", "guidelines", "privacy", "account_login", "account_signup"]
    for viewer in (None, other, member):
        client.logout()
        if viewer:
            client.force_login(viewer)
        for name in pages:
            assert "private.person@example.org" not in client.get(reverse(name)).text, (viewer, name)
    # Only the member's own settings page shows it.
    client.force_login(other)
    assert "private.person@example.org" not in client.get(reverse("accounts:settings")).text
    client.force_login(member)
    assert "private.person@example.org" in client.get(reverse("accounts:settings")).text
