"""A form posted from another site is refused on every URL, and nothing changes.

Every pattern the resolver knows gets a POST without a CSRF token, from a signed-out
browser and from a browser signed in as someone allowed to use it (the owner of the
story, reply and export in the URL for member pages; a superuser moderator with
two-step sign-in for the moderator and editor pages). Each must answer 403 with the
kind page, and the database must be exactly as it was (every table compared).

So that "nothing changed" means something, the control test sends the same
requests with a valid token and sees each of them change the database.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import GROUP_NAMES, MODERATOR
from forum.models import QueueItem
from tests.factories import PASSWORD
from tests.forum.moderation_fixtures import make_moderator
from tests.security.conftest import world_build
from tests.security.test_authorization_matrix import kwargs_for, url_patterns

pytestmark = pytest.mark.django_db

# RFC 8058 one-click unsubscribe: mail apps POST with no cookies; the signed token
# in the address is the credential (endings/digests/views.py).
CSRF_EXEMPT = {"digests:unsubscribe"}
STAFF_PREFIXES = ("moderation:", "articles:", "admin")


def database_fingerprint():
    """One hash per table, read in one query: any insert, update or delete shows."""
    tables = [t for t in connection.introspection.table_names() if t != "django_session"]
    query = " UNION ALL ".join(
        f"SELECT '{table}', md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \"{table}\" t"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        return dict(cursor.fetchall())


def changed_tables(before, after):
    return sorted(table for table in before if before[table] != after.get(table))


def owner_urls(world):
    """Each pattern's URL, pointing at things the acting member owns where that matters."""
    own = {
        "forum:post_edit": world.opening.pk,
        "forum:post_delete": world.opening.pk,
        "forum:appeal": world.removed.pk,
        "forum:reply": world.opening.pk,
    }
    urls = {}
    for name, route, pattern in url_patterns():
        if name == "admin":
            urls[name] = reverse("admin:index")
            continue
        if pattern is None or name == "favicon.ico":
            urls[name] = "/" + route
            continue
        override, values = kwargs_for(name, world)
        if name in own:
            values = {**values, "post_id": own[name]}
        if name in ("accounts:block", "accounts:unblock"):
            values = {**values, "member_id": world.other.pk}
        wanted = pattern.pattern.regex.groupindex
        try:
            urls[name] = reverse(name, kwargs=override or {key: values[key] for key in wanted})
        except KeyError:  # a pattern whose arguments the world cannot fill: post to its route as it is
            urls[name] = "/" + route
    return urls


def control_data(world, superuser):
    """Requests that change something when the token is there (the proof for the refusals)."""
    item = QueueItem.objects.get(pk=world.item.pk)
    return {
        "accounts:settings": {"display_name": "Renamed Owner", "country": "", "time_zone": "UTC"},
        "accounts:profile": {"about": "A few words.", "show_stories": "on"},
        "accounts:reading": {"content_notes": "show", "muted_words": "tuesday"},
        "accounts:data_request": {},
        "digests:preferences": {
            "digest": "daily",
            "digest_hour": "8",
            "digest_weekday": "0",
            "replies": "immediately",
            "discreet": "on",
        },
        "forum:story_new": {
            "category": world.category.pk,
            "title": "Written from somewhere else",
            "body": "These words were never meant to be posted.",
        },
        "forum:reply": {"body": "A reply someone else made me send."},
        "forum:post_edit": {"title": world.thread.title, "body": "Changed by another site."},
        "forum:react": {"kind": "me_too"},
        "forum:report": {"reason": "spam", "note": ""},
        "forum:appeal": {"statement": "Please look again."},
        "forum:post_hide": {"hidden": "1"},
        "forum:category_follow": {"following": "1"},
        "forum:thread_follow": {"following": "0"},
        "moderation:member": {"body": "A note nobody wrote."},
        "moderation:alerts": {"on": "1"},
        "moderation:act": {"version": item.version, "action": "keep", "reason": "Fine."},
        "articles:new": {
            "kind": "original",
            "title": "A piece from elsewhere",
            "standfirst": "Never written here.",
            "body": "Words.",
            "authors": [superuser.pk],
        },
        # Signed out.
        "account_login": {"login": world.author.email, "password": PASSWORD},
        "account_signup": {
            "email": "someone.new@example.org",
            "display_name": "Someone New",
            "password1": "a-long-enough-new-password",
            "is_adult": "on",
            "health_consent": "on",
        },
        # Last: these block, end the acting member's sessions or remove their words.
        "accounts:block": {},
        "forum:post_delete": {},
        "accounts:break": {"length": "week"},
    }


SIGNED_OUT_CONTROLS = {"account_login", "account_signup"}


def superuser_moderator():
    person = make_moderator("Site Keeper")
    User.objects.filter(pk=person.pk).update(is_staff=True, is_superuser=True)
    person.refresh_from_db()
    assert person.groups.filter(name=GROUP_NAMES[MODERATOR]).exists()
    return person


@pytest.fixture
def csrf_world(private_storage, tasks_in_process):
    world = world_build(clients=False)
    keeper = superuser_moderator()
    return world, keeper


def _client(person, *, enforce):
    client = Client(enforce_csrf_checks=enforce)
    if person is not None:
        client.force_login(person)
    return client


def test_every_post_without_a_token_is_refused_and_changes_nothing(csrf_world):
    world, keeper = csrf_world
    urls = owner_urls(world)
    data = control_data(world, keeper)
    browsers = {
        "signed out": _client(None, enforce=True),
        "owner": _client(world.author, enforce=True),
        "keeper": _client(keeper, enforce=True),
    }
    wrong, checked = [], 0
    for name, url in urls.items():
        if name in CSRF_EXEMPT:
            continue
        actor = "keeper" if name.startswith(STAFF_PREFIXES) else "owner"
        for who in ("signed out", actor):
            before = database_fingerprint()
            response = browsers[who].post(url, data.get(name, {"anything": "1"}))
            checked += 1
            changed = changed_tables(before, database_fingerprint())
            if response.status_code != 403 or "Please try that again" not in response.text or changed:
                wrong.append(f"{who} POST {url} ({name}): {response.status_code}, changed {changed}")
    assert not wrong, "\n".join(wrong)
    assert checked >= 2 * (len(urls) - len(CSRF_EXEMPT))


def test_the_same_posts_with_a_token_do_change_things(csrf_world):
    """The control: with the token, each of these requests changes the database."""
    world, keeper = csrf_world
    urls = owner_urls(world)
    data = control_data(world, keeper)
    unchanged = []
    for name, fields in data.items():
        if name in SIGNED_OUT_CONTROLS:
            person = None
        else:
            person = keeper if name.startswith(STAFF_PREFIXES) else world.author
        client = _client(person, enforce=False)  # signing in writes last_login: before the snapshot
        before = database_fingerprint()
        response = client.post(urls[name], fields)
        if not changed_tables(before, database_fingerprint()):
            unchanged.append(f"{name}: {response.status_code} changed nothing")
    assert not unchanged, "\n".join(unchanged)


def test_csrf_exempt_views_are_only_the_signed_one_click_unsubscribe(csrf_world):
    """A view that skips the CSRF check must be listed here, with why."""
    exempt = {
        name
        for name, _, pattern in url_patterns()
        if pattern is not None and getattr(pattern.callback, "csrf_exempt", False)
    }
    assert exempt == CSRF_EXEMPT
    world, _ = csrf_world
    # And it changes nothing without its signed token.
    before = database_fingerprint()
    response = Client(enforce_csrf_checks=True).post(
        reverse("digests:unsubscribe", args=[world.unsubscribe_token + "x"])
    )
    assert response.status_code == 400
    assert not changed_tables(before, database_fingerprint())
