"""`make drills`: fault drills against a production-like site, with printed results.

Everything runs on services started here, never the developer's own: a PostgreSQL
cluster in a temporary folder (port 5440 or the next free), a redis-server (6390 or
next), a local SMTP server (2530 or next), gunicorn (8091 or next) and a Celery worker.
Only processes started here are stopped or killed.

1. Redis stopped mid-load: pages still render, posting still works, nothing is lost
   (every reply is stored and every follower is told), and the cache is used again
   when Redis returns.
2. SMTP down during digests: each digest is retried with backoff and, once the mail
   server is back, delivered exactly once.
3. A Celery worker killed (SIGKILL) mid-batch: after its claims lapse, another worker
   finishes the batch, no email missing and none sent twice.
4. PostgreSQL restarted under load: the site answers again without being restarted.

    python scripts/drills.py
"""

import contextlib
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (
    PROJECT,
    PYTHON,
    OwnPostgres,
    OwnRedis,
    Processes,
    celery_worker,
    first_free_port,
    gunicorn,
    http_get,
    manage,
    site_env,
    wait_until,
)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
results = []


def say(text=""):
    print(text, flush=True)


def verdict(drill, check, passed, detail=""):
    results.append((drill, check, passed, detail))
    say(f"  [{'PASS' if passed else 'FAIL'}] {check}{f': {detail}' if detail else ''}")


# --- Django snippets, run in a child process with the drill site's environment --------------


def django_run(env, code):
    """Run `code` with Django set up; it sets `result`, returned here (as JSON)."""
    program = (
        "import json, django\ndjango.setup()\nresult = None\n"
        + code
        + "\nprint('RESULT ' + json.dumps(result))\n"
    )
    done = subprocess.run(
        [PYTHON, "-c", program], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise SystemExit(f"Django snippet failed:\n{done.stdout}\n{done.stderr}")


SEED = r"""
from datetime import timedelta
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from accounts.models import User
from accounts.services import member_create_verified
from endings.digests import services as digests
from forum import services
from forum.models import Category

now = timezone.now()
old = now - timedelta(days=400)
due = (now - timedelta(hours=1)).replace(minute=15, second=0, microsecond=0)


def person(email, name):
    member = member_create_verified(email=email, display_name=name, password=None)
    User.objects.filter(pk=member.pk).update(date_joined=old)
    member.refresh_from_db()
    return member


def session(member):
    store = SessionStore()
    store[SESSION_KEY] = str(member.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = member.get_session_auth_hash()
    store.create()
    return store.session_key


writer = person("writer@drill.example", "Drill Writer")
watcher = person("watcher@drill.example", "Drill Watcher")
posters = [person(f"poster{n}@drill.example", f"Drill Poster {n}") for n in range(10)]
story = services.thread_create(
    author=writer, category=Category.objects.get(slug="ended-abruptly"), title="The drill story",
    body="A story the drills reply to.", now=old,
)
services.thread_follow_set(member=watcher, thread=story, following=True)

digest_category = Category.objects.get(slug="retired-or-moved")
groups = {}
for group, count in (("smtp", DIGEST_SMTP), ("kill", DIGEST_KILL)):
    members = [person(f"{group}{n}@drill.example", f"Digest {group} {n}") for n in range(count)]
    for member in members:
        services.category_follow_set(member=member, category=digest_category, following=True)
        digests.email_preferences_update(
            member=member, digest="off", digest_hour=due.hour, digest_weekday=0, replies="off",
            discreet=True, now=old,
        )
    groups[group] = [m.pk for m in members]
services.thread_create(
    author=writer, category=digest_category, title="News for the digests",
    body="A new story inside every digest's window.", now=due.replace(minute=0) - timedelta(hours=2),
)
result = {
    "thread": story.get_absolute_url(), "opening": story.opening_post.pk,
    "posters": [session(m) for m in posters], "reader": session(watcher), "watcher": watcher.pk,
    "groups": groups, "due_hour": due.hour,
}
"""


# --- A small browser for the load during the drills ---------------------------------------


class Browser:
    def __init__(self, base, session_key):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        cookie = http.cookiejar.Cookie(
            0,
            "sessionid",
            session_key,
            None,
            False,
            "127.0.0.1",
            False,
            False,
            "/",
            True,
            False,
            None,
            False,
            None,
            None,
            {},
        )
        self.jar.set_cookie(cookie)
        self.token = ""

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.monotonic()
        try:
            with self.opener.open(
                urllib.request.Request(self.base + path, data=body), timeout=30
            ) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
        except OSError:
            status, text = 0, ""
        if data is None and (found := TOKEN.search(text)):
            self.token = found[1]
        return status, (time.monotonic() - started) * 1000, text


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Traffic:
    """Members reading and replying in the background; every request recorded with its time."""

    def __init__(self, base, seeded, label):
        self.base = base
        self.seeded = seeded
        self.label = label
        self.records = []  # (time, kind, status, milliseconds, the kind error page)
        self.posted = []  # bodies of replies the site accepted
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = []

    def _record(self, kind, status, ms=0.0, text=""):
        with self.lock:
            self.records.append(
                (time.monotonic(), kind, status, ms, "Something went wrong on our side" in text)
            )

    def _reader(self, n):
        browser = Browser(self.base, self.seeded["reader"])
        while not self.stop.is_set():
            for path in ("/stories/", self.seeded["thread"], "/stories/c/ended-abruptly/", "/"):
                status, ms, text = browser.request(path)
                self._record("page", status, ms, text)
            self.stop.wait(0.2)

    def _poster(self):
        browsers = [Browser(self.base, key) for key in self.seeded["posters"]]
        n = 0
        while not self.stop.is_set():
            browser = browsers[n % len(browsers)]
            status, _, _ = browser.request(self.seeded["thread"])
            if status == 200 and browser.token:
                body = f"Drill {self.label} reply {n}: thinking of you today."
                status, ms, text = browser.request(
                    f"/stories/post/{self.seeded['opening']}/reply/",
                    {"body": body, "csrfmiddlewaretoken": browser.token},
                )
                self._record("reply", status, ms, text)
                if status == 302:
                    with self.lock:
                        self.posted.append(body)
            n += 1
            self.stop.wait(1.5)

    def start(self):
        self.threads = [threading.Thread(target=self._reader, args=(n,), daemon=True) for n in range(3)]
        self.threads.append(threading.Thread(target=self._poster, daemon=True))
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=40)

    def between(self, start, end, kind):
        return Counter(status for at, k, status, _, _ in self.records if start <= at < end and k == kind)

    def slowest(self, start, end, kind):
        return max((ms for at, k, _, ms, _ in self.records if start <= at < end and k == kind), default=0)

    def kind_errors(self, start, end):
        errors = [
            kind_page for at, _, status, _, kind_page in self.records if start <= at < end and status >= 500
        ]
        return sum(errors), len(errors)


def statuses(counter):
    return (
        ", ".join(f"{status or 'no answer'}: {count}" for status, count in sorted(counter.items())) or "none"
    )


# --- The drills --------------------------------------------------------------------------------


def watcher_told(env, seeded):
    return django_run(
        env,
        f"""
from django.db.models import Sum
from forum.models import Notification
told = Notification.objects.filter(recipient_id={seeded["watcher"]})
result = told.aggregate(n=Sum("new_replies"))["n"] or 0
""",
    )


def replies_stored(env, bodies):
    return django_run(
        env,
        f"""
from forum.models import Post
wanted = {json.dumps(bodies)}
result = Post.objects.filter(body__in=wanted).count()
""",
    )


def drill_redis(env, base, redis, seeded):
    say("\n1. Redis stopped mid-load")
    traffic = Traffic(base, seeded, "redis")
    traffic.start()
    time.sleep(8)
    down_at = time.monotonic()
    redis.stop()
    say("  Redis stopped; members keep reading and replying for 20 s")
    time.sleep(3)
    health_down = http_get(base + "/healthz")
    time.sleep(17)
    redis.start()
    up_at = time.monotonic()
    say("  Redis started again")
    recovered = None
    with contextlib.suppress(SystemExit):
        wait_until(lambda: http_get(base + "/healthz", timeout=3)[0] == 200, timeout=30, what="healthz")
        recovered = time.monotonic() - up_at
    time.sleep(6)
    traffic.finish()
    pages = traffic.between(down_at, up_at, "page")
    replies = traffic.between(down_at, up_at, "reply")
    verdict(
        "Redis",
        "pages render while Redis is down",
        set(pages) == {200} and sum(pages.values()) > 0,
        statuses(pages),
    )
    verdict(
        "Redis",
        "replies are posted while Redis is down",
        set(replies) == {302} and sum(replies.values()) > 0,
        f"{statuses(replies)}, slowest {traffic.slowest(down_at, up_at, 'reply'):.0f} ms",
    )
    verdict(
        "Redis",
        "/healthz says the cache is down (503) while it is",
        health_down[0] == 503 and '"cache": "unavailable"' in health_down[1],
        f"{health_down[0]} {health_down[1][:80]}",
    )
    verdict(
        "Redis",
        "/healthz is 200 again once Redis is back",
        recovered is not None,
        f"after {recovered:.1f} s" if recovered is not None else "never",
    )
    stored = replies_stored(env, traffic.posted)
    verdict(
        "Redis",
        "every accepted reply is stored",
        stored == len(traffic.posted),
        f"{stored} of {len(traffic.posted)}",
    )
    return traffic


def drill_postgres(env, base, postgres, seeded):
    say("\n4. PostgreSQL restarted under load")
    traffic = Traffic(base, seeded, "postgres")
    traffic.start()
    time.sleep(6)
    down_at = time.monotonic()
    postgres.stop()
    say("  PostgreSQL stopped (fast shutdown); starting it again in 5 s")
    time.sleep(5)
    postgres.start()
    up_at = time.monotonic()
    say("  PostgreSQL started again; gunicorn and the worker are not restarted")
    recovered = None
    with contextlib.suppress(SystemExit):
        wait_until(lambda: http_get(base + "/stories/", timeout=5)[0] == 200, timeout=60, what="the site")
        recovered = time.monotonic() - up_at
    time.sleep(10)
    traffic.finish()
    after = time.monotonic()
    during = traffic.between(down_at, up_at, "page")
    later_pages = traffic.between(up_at + (recovered or 0) + 1, after, "page")
    later_replies = traffic.between(up_at + (recovered or 0) + 1, after, "reply")
    kind, errors = traffic.kind_errors(down_at, up_at)
    verdict(
        "PostgreSQL",
        "while it is down, every request is answered at once, with the kind error page",
        0 not in during and kind == errors,
        f"{statuses(during)}; {kind} of {errors} errors show the kind page; slowest "
        f"{traffic.slowest(down_at, up_at, 'page'):.0f} ms",
    )
    verdict(
        "PostgreSQL",
        "the site answers again without a restart",
        recovered is not None,
        f"{recovered:.1f} s after PostgreSQL was back" if recovered is not None else "never",
    )
    verdict(
        "PostgreSQL", "every page after recovery renders", set(later_pages) == {200}, statuses(later_pages)
    )
    verdict(
        "PostgreSQL",
        "replies are posted after recovery",
        set(later_replies) == {302},
        statuses(later_replies),
    )
    stored = replies_stored(env, traffic.posted)
    verdict(
        "PostgreSQL",
        "every accepted reply is stored",
        stored == len(traffic.posted),
        f"{stored} of {len(traffic.posted)}",
    )
    return traffic


def deliveries(env, group_ids):
    return django_run(
        env,
        f"""
from django.db.models import Count, Max
from endings.digests.models import Delivery
rows = Delivery.objects.filter(member_id__in={json.dumps(group_ids)}, kind="digest")
result = {{
    "status": dict(rows.values_list("status").annotate(n=Count("pk")).values_list("status", "n")),
    "attempts": dict(rows.values_list("attempts").annotate(n=Count("pk")).values_list("attempts", "n")),
    "latest_due": rows.aggregate(m=Max("due_at"))["m"].isoformat() if rows.exists() else None,
}}
""",
    )


def enable_digests(env, group_ids, hour):
    django_run(
        env,
        f"""
from endings.digests.models import EmailPreferences
from datetime import timedelta
from django.utils import timezone
EmailPreferences.objects.filter(member_id__in={json.dumps(group_ids)}).update(
    digest="daily", digest_hour={hour}, next_digest_at=timezone.now() - timedelta(days=1),
    digest_since=timezone.now() - timedelta(days=40),
)
result = True
""",
    )


def run_task(env, name):
    django_run(env, f"from endings.digests import tasks\ntasks.{name}.delay()\nresult = True")


def inbox(path, emails):
    lines = [json.loads(line) for line in Path(path).read_text().splitlines()] if Path(path).exists() else []
    wanted = set(emails)
    mine = [line for line in lines if set(line["to"]) & wanted]
    per_person = Counter(address for line in mine for address in line["to"] if address in wanted)
    return mine, per_person


def drill_smtp(env, processes, seeded, smtp_port, mail_log):
    say("\n2. SMTP down during digests")
    group = seeded["groups"]["smtp"]
    emails = [f"smtp{n}@drill.example" for n in range(len(group))]
    enable_digests(env, group, seeded["due_hour"])
    say(f"  the mail server is down; {len(group)} digests fall due")
    run_task(env, "digests_schedule")
    wait_until(
        lambda: deliveries(env, group)["status"].get("retrying", 0) == len(group),
        timeout=90,
        what="the first attempts",
    )
    first = deliveries(env, group)
    verdict(
        "SMTP",
        "every digest waits for a retry, none lost or failed",
        first["status"] == {"retrying": len(group)},
        json.dumps(first["status"]),
    )
    sink = processes.start("smtp", [PYTHON, "scripts/smtp_sink.py", str(smtp_port), str(mail_log)], env)
    say("  the mail server is back; waiting for the retries to fall due (backoff about a minute)")
    latest = first["latest_due"]
    wait_seconds = max(0.0, (time_from_iso(latest) - time.time())) + 2
    time.sleep(wait_seconds)
    run_task(env, "deliveries_dispatch")  # what beat runs every minute
    with contextlib.suppress(SystemExit):
        wait_until(
            lambda: deliveries(env, group)["status"].get("sent", 0) == len(group),
            timeout=120,
            what="the retries",
        )
    final = deliveries(env, group)
    mine, per_person = inbox(mail_log, emails)
    verdict(
        "SMTP",
        "retried and delivered once the server is back",
        final["status"] == {"sent": len(group)},
        json.dumps(final["status"]) + f", attempts {json.dumps(final['attempts'])}",
    )
    verdict(
        "SMTP",
        "each member received exactly one digest",
        len(per_person) == len(group) and set(per_person.values()) == {1},
        f"{len(mine)} emails for {len(per_person)} of {len(group)} members",
    )
    return sink


def time_from_iso(value):
    from datetime import datetime

    return datetime.fromisoformat(value).timestamp()


def drill_worker_killed(env, processes, seeded, worker, smtp_port, mail_log, sink):
    say("\n3. A Celery worker killed mid-batch")
    group = seeded["groups"]["kill"]
    emails = [f"kill{n}@drill.example" for n in range(len(group))]
    processes.stop(sink)
    slow = processes.start(
        "smtp-slow", [PYTHON, "scripts/smtp_sink.py", str(smtp_port), str(mail_log), "--delay", "0.04"], env
    )
    wait_until(lambda: http_port_open(smtp_port), what="the mail server")
    enable_digests(env, group, seeded["due_hour"])
    run_task(env, "digests_schedule")
    wait_until(lambda: len(inbox(mail_log, emails)[0]) >= 40, timeout=120, what="the first emails")
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    time.sleep(1)
    at_kill = deliveries(env, group)
    sent_at_kill = len(inbox(mail_log, emails)[0])
    say(
        f"  worker killed (SIGKILL) after {sent_at_kill} of {len(group)} emails: "
        + json.dumps(at_kill["status"])
    )
    replacement = celery_worker(processes, env, name="worker-2")
    # The killed worker's claims last 10 minutes (its emails may still be on their way) and a row
    # handed out is handed out again after 15: the drill moves those two clocks on, not the code.
    django_run(
        env,
        f"""
from datetime import timedelta
from django.utils import timezone
from endings.digests.models import Delivery
now = timezone.now()
rows = Delivery.objects.filter(member_id__in={json.dumps(group)}, kind="digest")
rows = rows.exclude(status__in=["sent", "skipped", "failed"])
rows.filter(status="sending").update(lease_until=now - timedelta(seconds=1))
rows.update(dispatched_at=now - timedelta(minutes=16))
result = True
""",
    )
    say("  the claims have lapsed (clock moved on 16 minutes); the next dispatch hands them out again")
    run_task(env, "deliveries_dispatch")
    with contextlib.suppress(SystemExit):
        wait_until(
            lambda: deliveries(env, group)["status"].get("sent", 0) == len(group),
            timeout=180,
            what="the rest of the batch",
        )
    final = deliveries(env, group)
    mine, per_person = inbox(mail_log, emails)
    missing = len(group) - len(per_person)
    twice = {address: n for address, n in per_person.items() if n > 1}
    ids = Counter(line["message_id"] for line in mine)
    verdict(
        "worker killed",
        "no gap: every digest sent",
        final["status"] == {"sent": len(group)} and not missing,
        json.dumps(final["status"]) + f", {missing} members without one",
    )
    verdict(
        "worker killed",
        "no duplicate",
        not twice,
        f"{len(mine)} emails, {len(ids)} distinct Message-IDs" + (f", twice: {twice}" if twice else ""),
    )
    return slow, replacement


def http_port_open(port):
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def replies_in_thread(env, seeded):
    return django_run(
        env,
        f"from forum.models import Post\nresult = Post.objects.filter(parent_id={seeded['opening']}).count()",
    )


def notifications_check(env, seeded):
    stored = replies_in_thread(env, seeded)
    with contextlib.suppress(SystemExit):
        wait_until(lambda: watcher_told(env, seeded) >= stored, timeout=60, interval=2, what="notifications")
    told = watcher_told(env, seeded)
    verdict(
        "Redis and PostgreSQL",
        "every stored reply reached its follower's notifications (none lost)",
        told == stored,
        f"{told} of {stored} replies",
    )


def main():
    work = Path(tempfile.mkdtemp(prefix="endings-drills-"))
    processes = Processes(work / "logs")
    pg_port = first_free_port(range(5440, 5450))
    redis_port = first_free_port(range(6390, 6400))
    smtp_port = first_free_port(range(2530, 2540))
    web_port = first_free_port(range(8091, 8100))
    postgres = OwnPostgres(processes, pg_port)
    redis = OwnRedis(processes, redis_port)
    base = f"http://127.0.0.1:{web_port}"
    mail_log = work / "mail.jsonl"
    say(f"Fault drills (logs in {work})")
    say(f"  own PostgreSQL :{pg_port}, own Redis :{redis_port}, SMTP :{smtp_port}, gunicorn :{web_port}")
    try:
        postgres.init()
        postgres.start()
        postgres.createdb()
        redis.start()
        env = site_env(
            database_url=postgres.url(),
            redis_url=redis.url(0),
            port=web_port,
            extra={
                "VAR_DIR": str(work / "var"),
                "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}?timeout=5",
                # Health checks before reuse: what lets the site survive a database restart.
                "DATABASE_CONN_MAX_AGE": "60",
            },
        )
        say("  migrating and seeding")
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        seeded = django_run(env, SEED.replace("DIGEST_SMTP", "120").replace("DIGEST_KILL", "300"))
        gunicorn(processes, env, web_port)
        worker = celery_worker(processes, env)
        time.sleep(3)

        drill_redis(env, base, redis, seeded)
        sink = drill_smtp(env, processes, seeded, smtp_port, mail_log)
        drill_worker_killed(env, processes, seeded, worker, smtp_port, mail_log, sink)
        drill_postgres(env, base, postgres, seeded)
        notifications_check(env, seeded)
    finally:
        processes.stop_all()
        redis.cleanup()
        postgres.cleanup()

    say("\nResults")
    say("| drill | check | result |")
    say("|---|---|---|")
    for drill, check, passed, detail in results:
        say(f"| {drill} | {check} | {'pass' if passed else '**FAIL**'}: {detail} |")
    failed = [r for r in results if not r[2]]
    say(f"\n{len(results) - len(failed)} of {len(results)} checks passed.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
