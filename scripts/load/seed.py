"""Fills the load-test database: the demo content, a forum of realistic size, and the simulated members.

Run by scripts/load/run.py (after `migrate`) with the load server's environment. Writes
a JSON file for the load generator: each simulated member's session cookie (made here,
so 200 members need not sign in through one address, which the sign-in rate limit would
rightly refuse), and the stories they read and answer.

    python scripts/load/seed.py OUT.json [--members 200] [--threads 900]
"""

import argparse
import json
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "endings.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from endings.benchmark.forum import ForumData  # noqa: E402
from forum.models import Category, Post, Thread  # noqa: E402


def thread_sizes(rng, count):
    """Mostly short threads, some long ones, a few with hundreds of replies (as on a real forum)."""
    return [max(1, min(600, int(rng.lognormvariate(2.6, 1.1)))) for _ in range(count)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--threads", type=int, default=900)
    args = parser.parse_args()
    rng = random.Random(9)

    call_command("seed_demo", "--allow-production", verbosity=0)  # a loopback load test, dropped after
    print("  demo content")
    data = ForumData(print, members=600)
    categories = list(Category.objects.filter(is_active=True).order_by("pk"))
    per_category = max(1, args.threads // len(categories))
    for category in categories:
        data.add_threads(category, thread_sizes(rng, per_category), span_days=2 * 365)
    data.analyze()
    print(f"  {Thread.objects.count():,} stories, {Post.objects.count():,} posts")

    # The simulated members: joined long ago (the newcomer limits and held first posts do not
    # apply, as for the members who make up most of a forum's traffic), each with a session.
    password = make_password(None)
    joined = timezone.now() - timedelta(days=3 * 365)
    User.objects.bulk_create(
        [
            User(
                email=f"load{n}@load.example",
                display_name=f"Load member {n}",
                password=password,
                date_joined=joined,
            )
            for n in range(args.members)
        ]
    )
    sessions = []
    for member in User.objects.filter(email__endswith="@load.example").order_by("pk"):
        store = SessionStore()
        store[SESSION_KEY] = str(member.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = member.get_session_auth_hash()
        store.set_expiry(60 * 60 * 24)
        store.create()
        sessions.append({"member": member.pk, "session": store.session_key})

    threads = list(
        Thread.objects.filter(category__is_active=True).values_list("pk", "slug", "category__slug")
    )
    openings = dict(Post.objects.filter(depth=0).values_list("thread_id", "pk"))
    replies = list(Post.objects.filter(depth__gte=1, depth__lt=5).values_list("pk", flat=True))
    Path(args.out).write_text(
        json.dumps(
            {
                "sessions": sessions,
                "categories": sorted({category for _, _, category in threads}),
                "threads": [
                    {"id": pk, "url": f"/stories/{pk}/{slug}/", "opening": openings[pk]}
                    for pk, slug, _ in threads
                    if pk in openings
                ],
                "replies": rng.sample(replies, min(len(replies), 5_000)),
            }
        )
    )
    print(f"  {len(sessions)} simulated members with sessions -> {args.out}")


if __name__ == "__main__":
    main()
