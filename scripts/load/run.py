"""`make load`: gunicorn on loopback with PostgreSQL and Redis, and simulated members reading and writing.

Steps: a fresh database (LOAD_DATABASE_URL, default endings_load), migrated and seeded
(scripts/load/seed.py), static files collected, gunicorn (3 workers x 4 threads) and one
Celery worker started, then locust runs headless for LOAD_DURATION with LOAD_USERS
members, and the table of p50, p95, p99 and errors per endpoint is printed with the
targets (no 5xx; p95 under 300 ms). The database is dropped afterwards (LOAD_KEEP=1 keeps it).

    LOAD_USERS=200 LOAD_DURATION=5m python scripts/load/run.py
"""

import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from servers import (
    PROJECT,
    PYTHON,
    Processes,
    celery_worker,
    first_free_port,
    gunicorn,
    http_get,
    manage,
    site_env,
)

P95_TARGET_MS = 300


def recreate_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url):
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def read_stats(prefix):
    with open(f"{prefix}_stats.csv") as source:
        rows = list(csv.DictReader(source))
    failures = {}
    with open(f"{prefix}_failures.csv") as source:
        for row in csv.DictReader(source):
            failures.setdefault(row["Name"], []).append((row["Error"], int(row["Occurrences"])))
    return rows, failures


def table(rows, failures, refusals, seconds):
    lines = [
        "| endpoint | requests | p50 ms | p95 ms | p99 ms | errors (5xx) |",
        "|---|---|---|---|---|---|",
    ]
    ok = True
    server_errors = 0
    for row in rows:
        name = row["Name"]
        count = int(row["Request Count"])
        errors = int(row["Failure Count"])
        mine = (
            [f for group in failures.values() for f in group]
            if name == "Aggregated"
            else failures.get(name, [])
        )
        fives = sum(count for error, count in mine if re.search(r"\b5\d\d\b", error))
        if name != "Aggregated":
            server_errors += fives
        p95 = float(row["95%"] or 0)
        label = "**all**" if name == "Aggregated" else f"`{name}`"
        lines.append(
            f"| {label} | {count:,} | {float(row['50%'] or 0):.0f} | {p95:.0f} "
            f"| {float(row['99%'] or 0):.0f} "
            f"| {errors} ({fives}) |"
        )
        if name != "Aggregated" and p95 >= P95_TARGET_MS:
            ok = False
    total = next((int(r["Request Count"]) for r in rows if r["Name"] == "Aggregated"), 0)
    lines.append("")
    lines.append(
        f"{total:,} requests in {seconds:.0f} s ({total / max(seconds, 1):.1f}/s). "
        f"Kind refusals counted as expected answers: {json.dumps(refusals) if refusals else 'none'}."
    )
    if server_errors:
        ok = False
    return "\n".join(lines), ok, server_errors


def warm_up(port, data):
    """A running site is warm: each gunicorn worker has loaded its templates and connections."""
    print("- warming up")
    seeded = json.loads(Path(data).read_text())
    cookies = {"sessionid": seeded["sessions"][0]["session"]}
    base = f"http://127.0.0.1:{port}"
    for n in range(60):
        thread = seeded["threads"][n % len(seeded["threads"])]
        category = seeded["categories"][n % len(seeded["categories"])]
        for path in ("/stories/", f"/stories/c/{category}/", thread["url"]):
            http_get(base + path, cookies=cookies)


def main():
    users = int(os.environ.get("LOAD_USERS", "200"))
    duration = os.environ.get("LOAD_DURATION", "5m")
    spawn = os.environ.get("LOAD_SPAWN_RATE", "10")
    database_url = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/endings_load")
    redis_url = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/5")
    port = first_free_port(range(int(os.environ.get("LOAD_PORT", "8090")), 8100))
    work = Path(tempfile.mkdtemp(prefix="endings-load-"))
    env = site_env(
        database_url=database_url, redis_url=redis_url, port=port, extra={"VAR_DIR": str(work / "var")}
    )
    processes = Processes(work / "logs")
    print(f"Load test: {users} members for {duration} against http://127.0.0.1:{port} (logs in {work})")
    try:
        print("- a fresh database, migrated and seeded")
        recreate_database(database_url)
        manage("migrate", "--noinput", env=env)
        data = work / "load-data.json"
        subprocess.run(
            [PYTHON, "scripts/load/seed.py", str(data), "--members", str(users)],
            cwd=PROJECT,
            env=env,
            check=True,
        )
        manage("collectstatic", "--noinput", env=env)
        print("- gunicorn and a Celery worker")
        gunicorn(processes, env, port)
        celery_worker(processes, env)
        warm_up(port, data)
        print(f"- locust, headless, {users} members for {duration}")
        prefix = work / "locust"
        started = time.monotonic()
        subprocess.run(
            [
                PYTHON,
                "-m",
                "locust",
                "-f",
                "scripts/load/locustfile.py",
                "--headless",
                "-u",
                str(users),
                "-r",
                spawn,
                "-t",
                duration,
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--stop-timeout",
                "10",
            ],
            cwd=PROJECT,
            env={**env, "LOAD_DATA": str(data), "LOAD_REFUSALS": str(work / "refusals.json")},
            check=False,
        )
        seconds = time.monotonic() - started
        rows, failures = read_stats(prefix)
        refusals_file = work / "refusals.json"
        refusals = json.loads(refusals_file.read_text()) if refusals_file.exists() else {}
        text, ok, server_errors = table(rows, failures, refusals, seconds)
        print()
        print(text)
        for name, errors in failures.items():
            print(f"  failures for {name}: " + ", ".join(f"{error} x{count}" for error, count in errors))
        with open("/proc/loadavg") as source:
            print(f"Load average at the end: {source.read().split()[0]}")
        print()
        print(
            f"Targets: zero 5xx ({'met' if not server_errors else f'NOT met: {server_errors}'}), "
            f"p95 under {P95_TARGET_MS} ms on every endpoint ({'met' if ok or server_errors else 'NOT met'})."
        )
        return 0 if ok else 1
    finally:
        processes.stop_all()
        if os.environ.get("LOAD_KEEP") != "1":
            drop_database(database_url)


if __name__ == "__main__":
    sys.exit(main())
