import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from endings.benchmark import FULL, QUICK, Context, format_table, measure, scenarios, scratch_database


def _load():
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg()) + f" on {os.cpu_count()} CPUs"
    except OSError:
        return "unknown"


class Command(BaseCommand):
    help = (
        "Measure the heaviest pages (queries, median and p95 ms, peak memory) on data built for the "
        "run in a scratch database, which is dropped afterwards. Never touches the site's own database."
    )
    # The system checks would connect to the site's own database (to learn the
    # PostgreSQL version); the benchmark never uses it, so it need not even exist.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30, help="Timed runs per scenario (default 30).")
        parser.add_argument(
            "--quick",
            action="store_true",
            help="Smaller data for tests and CI: threads of 100/300/1,000 posts, 1,000 threads, 5,000 posts.",
        )
        parser.add_argument("--only", metavar="TEXT", help="Run only the scenarios whose name contains TEXT.")

    def handle(self, *args, repeat, quick, only, **options):
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        profile = QUICK if quick else FULL
        chosen = scenarios(profile, only)
        if not chosen:
            raise CommandError(f"No scenario matches {only!r}.")

        def log(message):
            self.stdout.write(message)
            self.stdout.flush()

        started = time.perf_counter()
        # Other work on the machine slows every figure; the load average says how much there was.
        log(f"Load average at the start: {_load()}.")
        with scratch_database() as name:
            ready = time.perf_counter() - started
            log(f"Scratch database {name} ({connection.vendor}) ready in {ready:.1f} s")
            context = Context(profile, log=log)
            results = {}
            # DEBUG off, as in production: with it on, Django keeps every query's SQL,
            # which costs time and memory. Query counts are captured explicitly.
            with override_settings(DEBUG=False):
                for scenario in chosen:
                    log(f"{scenario.title}...")
                    results[scenario.key] = measure(scenario, context, repeat=repeat)
        log(f"Data built in {context.build_seconds:.1f} s; whole run {time.perf_counter() - started:.1f} s.")
        log(f"Load average at the end: {_load()}.")
        log("")
        log(f"{profile.name} sizes, {repeat} timed runs each, on {connection.vendor}:")
        log(format_table(chosen, results))
