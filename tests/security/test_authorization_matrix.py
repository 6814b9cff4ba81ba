"""Every URL pattern, for every role, answers as expected.

The patterns are read from the resolver, so a new URL without an entry in
EXPECTED fails `test_every_url_pattern_has_an_expected_outcome`: whoever adds a
page decides who may open it. Each role's client opens every pattern (GET) and
posts to every POST-only one; the objects in the URLs belong to other members
(see conftest.py), so this is also the object-level check: nobody edits, deletes
or appeals someone else's post, opens someone else's export, or sees a draft
article without being an editor.

Outcomes: "ok" (200), "login" (sent to sign in), "admin_login" (the admin's
sign-in), "totp" (sent to set up two-step sign-in), "reauth" (asked for the
password again), "redirect" (anywhere else), or a status code as text.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import (
    EDITOR,
    MEMBER,
    MODERATOR,
    MODERATOR_WITHOUT_TOTP,
    ROLES,
    SIGNED_OUT,
    SILENCED,
    STAFF,
    SUSPENDED,
)

pytestmark = pytest.mark.django_db

SIGNED_IN = (MEMBER, SILENCED, MODERATOR_WITHOUT_TOTP, MODERATOR, EDITOR, STAFF)
# A suspended member's open session is ended on their next request: they are signed out.
OUT = (SIGNED_OUT, SUSPENDED)
NOT_MODERATORS = (MEMBER, SILENCED, EDITOR, STAFF)
NOT_EDITORS = (MEMBER, SILENCED, MODERATOR_WITHOUT_TOTP, MODERATOR, STAFF)


def every(outcome):
    return dict.fromkeys(ROLES, outcome)


def signed_in(ok="ok", out="login"):
    return {**dict.fromkeys(OUT, out), **dict.fromkeys(SIGNED_IN, ok)}


def signed_out_only(ok="ok", signed_in_outcome="redirect"):
    return {**dict.fromkeys(OUT, ok), **dict.fromkeys(SIGNED_IN, signed_in_outcome)}


def moderators(ok="ok"):
    return {
        **dict.fromkeys(OUT, "login"),
        **dict.fromkeys(NOT_MODERATORS, "404"),
        MODERATOR_WITHOUT_TOTP: "totp",
        MODERATOR: ok,
    }


def editors(ok="ok"):
    return {**dict.fromkeys(OUT, "login"), **dict.fromkeys(NOT_EDITORS, "403"), EDITOR: ok}


def editors_and_staff(ok="ok", others="404"):
    """Unpublished articles: editors and staff see them (a preview), nobody else."""
    return {**dict.fromkeys(ROLES, others), EDITOR: ok, STAFF: ok}


# What a URL's arguments are, from the world (conftest.py). Objects belong to other members.
def kwargs_for(name, world):
    post_id = {
        "forum:appeal": world.removed.pk,  # removed, and the author's, not the role's
        "forum:post_history": world.reply.pk,
    }.get(name, world.reply.pk)
    values = {
        "post_id": post_id,
        "thread_id": world.thread.pk,
        "slug": world.category.slug,
        "member_id": world.author.pk,
        "export_id": world.export.pk,
        "token": world.export_token,
        "item_id": world.item.pk,
        "rule_id": world.rule.pk,
        "pk": world.draft.pk,
        "key": "not-a-real-key",
        "uidb36": "0",
    }
    overrides = {
        "forum:thread": {"thread_id": world.thread.pk, "slug": world.thread.slug},
        "articles:article": {"slug": world.draft.slug},
        "digests:unsubscribe": {"token": world.unsubscribe_token},
    }
    return overrides.get(name), values


# name -> {"get": {role: outcome}, "post": {role: outcome}, "data": {...}}. "post" is given for the
# views that only take POST: their GET says 405 once a role is allowed that far.
EXPECTED = {
    # Site pages.
    "home": {"get": every("ok")},
    "help": {"get": every("ok")},
    "guidelines": {"get": every("ok")},
    "privacy": {"get": every("ok")},
    "healthz": {"get": every("ok")},
    "favicon.ico": {"get": every("redirect")},
    "robots_txt": {"get": every("ok")},
    "sitemap": {"get": every("ok")},
    # allauth: signing in and up is for people who are signed out.
    "account_login": {"get": signed_out_only()},
    "account_logout": {"get": {**dict.fromkeys(OUT, "redirect"), **dict.fromkeys(SIGNED_IN, "ok")}},
    "account_inactive": {"get": every("ok")},
    "account_signup": {"get": signed_out_only()},
    "account_reauthenticate": {"get": signed_in()},
    "account_email": {"get": signed_in()},
    "account_email_verification_sent": {"get": every("ok")},
    "account_change_password": {"get": signed_in()},
    "account_set_password": {"get": signed_in("redirect")},
    "account_reset_password": {"get": every("ok")},
    # No sign-in under way: start one.
    "account_confirm_login_code": {"get": signed_in("redirect")},
    "account_confirm_email": {"get": every("ok")},
    "account_reset_password_from_key_done": {"get": every("ok")},
    "account_reset_password_from_key": {"get": every("ok")},
    "account_reset_password_done": {"get": every("ok")},
    "mfa_index": {"get": signed_in()},
    "mfa_authenticate": {"get": signed_in("redirect")},
    # Without an authenticator, re-authenticating is by password; changing two-step sign-in asks first.
    "mfa_reauthenticate": {"get": {**signed_in("reauth"), MODERATOR: "ok"}},
    "mfa_activate_totp": {"get": signed_in("reauth")},
    "mfa_deactivate_totp": {"get": {**signed_in("404"), MODERATOR: "reauth"}},
    "mfa_view_recovery_codes": {"get": {**signed_in("404")}},
    "mfa_generate_recovery_codes": {"get": signed_in("reauth")},
    "mfa_download_recovery_codes": {"get": {**signed_in("404")}},
    # Member settings: only ever one's own (no ids), except the export link, which is the owner's only.
    "accounts:settings": {"get": signed_in()},
    "accounts:profile": {"get": signed_in()},
    "accounts:reading": {"get": signed_in()},
    "accounts:blocked": {"get": signed_in()},
    "accounts:break": {"get": signed_in()},
    "accounts:break_end": {"get": signed_in("405"), "post": signed_in("redirect")},
    "accounts:data": {"get": signed_in()},
    "accounts:data_request": {"get": signed_in("405"), "post": signed_in("redirect")},
    "accounts:data_download": {"get": signed_in("404")},
    "accounts:delete": {"get": signed_in("reauth")},
    "accounts:block": {"get": signed_in("405"), "post": signed_in("redirect")},
    "accounts:unblock": {"get": signed_in("405"), "post": signed_in("redirect")},
    "accounts:break_started": {"get": every("ok")},
    "accounts:deletion_requested": {"get": every("ok")},
    # Stories: the category is members-only, so signed-out readers get a 404 for it.
    "forum:index": {"get": every("ok")},
    "forum:unanswered": {"get": every("ok")},
    "forum:search": {"get": every("ok")},
    "forum:story_new": {"get": signed_in()},
    "forum:preview": {"get": signed_in("405"), "post": signed_in("ok")},
    "forum:notifications": {"get": signed_in()},
    "forum:notifications_read": {"get": signed_in("405"), "post": signed_in("redirect")},
    "forum:category": {"get": signed_in(out="404")},
    "forum:category_follow": {"get": signed_in("405"), "post": signed_in("redirect")},
    "forum:thread_short": {"get": signed_in("redirect", out="404")},
    "forum:thread": {"get": signed_in(out="404")},
    "forum:thread_follow": {"get": signed_in("405"), "post": signed_in("redirect")},
    "forum:post": {"get": signed_in("redirect", out="404")},
    "forum:replies": {"get": signed_in(out="404")},
    "forum:reply": {"get": signed_in()},
    # Someone else's post: nobody may edit or delete it, moderators included (they have their own tools).
    "forum:post_edit": {"get": signed_in("404")},
    "forum:post_delete": {"get": signed_in("404")},
    # Earlier versions: moderators with two-step sign-in only, as for the moderator pages.
    "forum:post_history": {"get": {**signed_in("404"), MODERATOR: "ok"}},
    "forum:react": {"get": signed_in("405"), "post": signed_in("redirect"), "data": {"kind": "support"}},
    "forum:report": {"get": signed_in()},
    # Only the author of a removed post appeals it.
    "forum:appeal": {"get": signed_in("404")},
    "forum:post_hide": {"get": signed_in("405"), "post": signed_in("redirect")},
    "forum:hidden_posts": {"get": signed_in()},
    "forum:member_profile": {"get": signed_in()},
    # Articles: the URL's article is a draft by another editor.
    "articles:index": {"get": every("ok")},
    "articles:feed": {"get": every("ok")},
    "articles:feed_atom": {"get": every("ok")},
    "articles:desk": {"get": editors()},
    "articles:new": {"get": editors()},
    "articles:edit": {"get": editors()},
    "articles:workflow": {"get": editors("405"), "post": editors("redirect")},
    "articles:discussion": {"get": editors("405"), "post": editors("redirect")},
    "articles:history": {"get": editors()},
    "articles:article": {"get": editors_and_staff()},
    # Email choices; unsubscribe links carry their own signed token (RFC 8058) and a GET changes nothing.
    "digests:preferences": {"get": signed_in()},
    "digests:unsubscribe": {"get": every("ok")},
    # Moderation: moderators with two-step sign-in; everyone else is told there is no such page.
    "moderation:queue": {"get": moderators()},
    "moderation:item": {"get": moderators()},
    "moderation:claim": {"get": moderators("405"), "post": moderators("redirect")},
    "moderation:act": {"get": moderators("405"), "post": moderators("400")},
    "moderation:audit": {"get": moderators()},
    "moderation:member": {"get": moderators()},
    "moderation:rules": {"get": moderators()},
    "moderation:rule_edit": {"get": moderators()},
    "moderation:dashboard": {"get": moderators()},
    "moderation:alerts": {"get": moderators("405"), "post": moderators("redirect")},
    # The whole admin, as one entry: staff only (here staff without any permissions: its index).
    "admin": {"get": {**dict.fromkeys(ROLES, "admin_login"), STAFF: "ok"}},
}


def url_patterns():
    """(name, route, pattern) for every pattern the site answers; the admin is one entry."""
    found = []

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    found.append(("admin", prefix + str(pattern.pattern), None))
                    continue
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                found.append((name or str(pattern.pattern), prefix + str(pattern.pattern), pattern))

    walk(get_resolver().url_patterns)
    return found


def url_for(name, world):
    if name == "admin":
        return reverse("admin:index")
    if name == "favicon.ico":
        return "/favicon.ico"
    override, values = kwargs_for(name, world)
    route = next(pattern for found, _, pattern in url_patterns() if found == name)
    wanted = route.pattern.regex.groupindex
    kwargs = override or {key: values[key] for key in wanted}
    return reverse(name, kwargs=kwargs)


def outcome(response):
    status = response.status_code
    if status == 200:
        return "ok"
    if status in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return "login"
        if location.startswith(reverse("admin:login")):
            return "admin_login"
        if location.startswith(reverse("mfa_activate_totp")):
            return "totp"
        if location.startswith((reverse("account_reauthenticate"), reverse("mfa_reauthenticate"))):
            return "reauth"
        return "redirect"
    return str(status)


def test_every_url_pattern_has_an_expected_outcome():
    names = {name for name, _, _ in url_patterns()}
    missing = sorted(names - set(EXPECTED))
    assert not missing, (
        "These URL patterns have no expected outcome per role in tests/security/"
        f"test_authorization_matrix.py EXPECTED: {missing}. Decide who may open each, and add it."
    )
    stale = sorted(set(EXPECTED) - names)
    assert not stale, f"EXPECTED names patterns that no longer exist: {stale}"
    for name, expectation in EXPECTED.items():
        for kind in ("get", "post"):
            if kind in expectation:
                assert set(expectation[kind]) == set(ROLES), (name, kind)


# Posting last: it signs the role out.
POST_LAST = ("account_logout",)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_expected(world, role):
    """One role, every pattern: all differences are listed together."""
    client = world.client_for(role)
    wrong = []
    checked = 0
    for name in sorted(EXPECTED, key=lambda n: n in POST_LAST):
        url = url_for(name, world)
        expectation = EXPECTED[name]
        got = outcome(client.get(url))
        checked += 1
        if got != expectation["get"][role]:
            wrong.append(f"GET  {url} ({name}): expected {expectation['get'][role]}, got {got}")
        if "post" in expectation:
            got = outcome(client.post(url, expectation.get("data", {})))
            checked += 1
            if got != expectation["post"][role]:
                wrong.append(f"POST {url} ({name}): expected {expectation['post'][role]}, got {got}")
    assert not wrong, f"{role}: {len(wrong)} of {checked} answers differ:\n" + "\n".join(wrong)
    assert checked >= len(EXPECTED)
