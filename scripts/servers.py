"""Starting and stopping what `make load` and `make drills` run: gunicorn, a Celery worker, and
(for the drills) a PostgreSQL cluster and a Redis server of their own, so stopping them never
touches the developer's own services. Only processes started here are ever stopped.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
LOAD_SECRET_KEY = "load-and-drills-only-not-a-production-key-5b1c9e7d2a4f6083"


def port_free(port, host="127.0.0.1"):
    with socket.socket() as sock:
        return sock.connect_ex((host, port)) != 0


def first_free_port(candidates):
    for port in candidates:
        if port_free(port):
            return port
    raise SystemExit(f"No free port among {list(candidates)}.")


def wait_until(check, *, timeout=60, interval=0.25, what="it"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return True
        time.sleep(interval)
    raise SystemExit(f"Gave up waiting for {what} after {timeout} s.")


def http_get(url, timeout=10, cookies=None):
    request = urllib.request.Request(url)
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def site_env(*, database_url, redis_url, port, extra=None):
    """The environment of a production-like site on loopback (DEBUG off, real services)."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "endings.settings",
        "SECRET_KEY": LOAD_SECRET_KEY,
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MODERATION_HOLD_FIRST_POSTS": "0",
        "MODERATION_HOLD_LINKS_DAYS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra or {})
    return env


def manage(*args, env, check=True, quiet=True):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        check=check,
        stdout=subprocess.DEVNULL if quiet else None,
    )


class Processes:
    """Processes started here, stopped (only they) in reverse order."""

    def __init__(self, log_dir):
        self.log_dir = Path(log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.started = []

    def start(self, name, args, env, cwd=PROJECT):
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append((name, process))
        return process

    def stop(self, process, *, sig=signal.SIGTERM, timeout=20):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop_all(self):
        for _, process in reversed(self.started):
            self.stop(process)


def gunicorn(processes, env, port, *, workers=3, threads=4, name="gunicorn"):
    process = processes.start(
        name,
        [
            PYTHON,
            "-m",
            "gunicorn",
            "endings.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
        ],
        env,
    )
    wait_until(
        lambda: http_get(f"http://127.0.0.1:{port}/healthz", timeout=3)[0] in (200, 503), what="gunicorn"
    )
    return process


def celery_worker(processes, env, *, name="worker", concurrency=1):
    return processes.start(
        name,
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "endings",
            "worker",
            "--concurrency",
            str(concurrency),
            "--pool",
            "prefork",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            f"{name}-{os.getpid()}@%h",
        ],
        env,
    )


# --- Services of our own, for the drills ------------------------------------------------


class OwnRedis:
    """A throwaway redis-server on its own port and folder."""

    def __init__(self, processes, port):
        self.processes = processes
        self.port = port
        self.dir = tempfile.mkdtemp(prefix="endings-drill-redis-")
        self.process = None

    def start(self):
        self.process = self.processes.start(
            f"redis-{self.port}",
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
            ],
            {"PATH": os.environ.get("PATH", "")},
        )
        wait_until(lambda: not port_free(self.port), what=f"redis on {self.port}")

    def stop(self):
        if self.process is not None:
            self.processes.stop(self.process)
            self.process = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class OwnPostgres:
    """A throwaway PostgreSQL cluster (initdb into a temporary folder) on its own port.

    Run as the `postgres` system user when this script runs as root (PostgreSQL refuses root).
    """

    def __init__(self, processes, port):
        self.processes = processes
        self.port = port
        self.dir = tempfile.mkdtemp(prefix="endings-drill-pg-")
        self.bin = self._bindir()
        self.process = None
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @staticmethod
    def _bindir():
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
        if found:
            return found[-1].parent
        postgres = shutil.which("postgres")
        if postgres:
            return Path(postgres).parent
        raise SystemExit("The drills need the PostgreSQL server binaries (Debian: postgresql).")

    def init(self):
        if self.as_user:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(
            [
                *self.as_user,
                str(self.bin / "initdb"),
                "-D",
                self.dir,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self):
        self.process = self.processes.start(
            f"postgres-{self.port}",
            [
                *self.as_user,
                str(self.bin / "postgres"),
                "-D",
                self.dir,
                "-p",
                str(self.port),
                "-h",
                "127.0.0.1",
                "-k",
                self.dir,
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=100",
            ],
            {"PATH": os.environ.get("PATH", "")},
        )
        wait_until(
            lambda: (
                subprocess.run(
                    [str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                    stdout=subprocess.DEVNULL,
                ).returncode
                == 0
            ),
            what=f"postgres on {self.port}",
        )

    def stop(self, *, fast=True):
        if self.process is not None:
            # SIGINT is PostgreSQL's "fast" shutdown: sessions are ended, as in a restart.
            self.processes.stop(self.process, sig=signal.SIGINT if fast else signal.SIGTERM)
            self.process = None

    def url(self, name="endings_drills"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def createdb(self, name="endings_drills"):
        subprocess.run(
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
            check=True,
        )

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
