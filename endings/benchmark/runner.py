"""Run scenarios and print the table: queries, median and p95 milliseconds, peak memory.

Each case is measured in three separate passes, so that one measurement never
distorts another: a few runs with every query captured (the count, and its
range when runs differ), `repeat` plain runs (the timings) and a few runs under
tracemalloc (the peak memory; tracing slows Python down several times, so its
runs are never timed).
"""

import gc
import math
import secrets
import statistics
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext, override_settings

WARMUP_RUNS = 2
CAPTURE_RUNS = 10
MEMORY_RUNS = 3
# A token --repeat (tests, CI) is about the table, not the figures: spend less on the passes around it.
FEW = 5


@dataclass
class Result:
    key: str
    title: str
    queries: int  # the most any captured run made
    queries_min: int
    note: str
    median_ms: float
    p95_ms: float
    peak_kib: float
    samples: int
    facts: dict


class Context:
    """What scenarios share: the data built so far, and a way to report progress."""

    def __init__(self, profile, *, log):
        self.profile = profile
        self.log = log
        self._built = {}
        self.build_seconds = 0.0

    def once(self, key, build):
        """The value of `build()`, built on first use and reused by later scenarios."""
        if key not in self._built:
            started = time.perf_counter()
            self._built[key] = build()
            elapsed = time.perf_counter() - started
            self.build_seconds += elapsed
            self.log(f"  built {key} in {elapsed:.1f} s")
        return self._built[key]


@contextmanager
def scratch_database(alias="default"):
    """A new, empty, migrated database for the length of the block, dropped afterwards.

    Django's test-database machinery does the work: it points the connection at
    the new database and back again, so nothing here can write to the real one.
    PostgreSQL gets "<name>_benchmark" (under pytest, "test_<name>_benchmark",
    beside the test database rather than inside it); SQLite a named in-memory
    database, distinct from the in-memory one the test suite uses. The run gets
    a cache of its own too (see _scratch_cache).
    """
    conn = connections[alias]
    real_name = conn.settings_dict["NAME"]
    if conn.vendor == "sqlite":
        scratch_name = f"file:benchmark_{alias}?mode=memory&cache=shared"
    else:
        scratch_name = f"{real_name}_benchmark"
    if scratch_name == real_name:
        raise RuntimeError("The scratch database would be the real one; refusing to run.")
    test_settings = conn.settings_dict.setdefault("TEST", {})
    saved_test_name = test_settings.get("NAME")
    test_settings["NAME"] = scratch_name
    try:
        conn.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        with _scratch_cache():
            yield scratch_name
    finally:
        test_settings["NAME"] = saved_test_name
        if conn.settings_dict["NAME"] != real_name:
            conn.creation.destroy_test_db(real_name, verbosity=0, keepdb=False)
        # An in-memory SQLite connection ignores close() while its name is in-memory;
        # now that the real name is back, this really closes it (and frees the memory).
        conn.close()


@contextmanager
def _scratch_cache():
    """The site's caches, under a key prefix of this run's own.

    Entries an earlier run left (a moderator check, help lines), keyed by the ids
    of an older scratch database, would otherwise be read as this run's, and
    expire partway through it, so a page's query count would change between runs.
    """
    run = f"benchmark-{secrets.token_hex(4)}"
    isolated = {
        alias: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX', '')}{run}"}
        for alias, config in settings.CACHES.items()
    }
    with override_settings(CACHES=isolated):
        yield


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(scenario, context, *, repeat):
    case = scenario.prepare(context)
    warmup_runs, capture_runs, memory_runs = (
        (WARMUP_RUNS, CAPTURE_RUNS, MEMORY_RUNS) if repeat >= FEW else (1, 1, 1)
    )
    if case.heavy:
        warmup_runs, capture_runs, memory_runs, repeat = 0, 1, 1, 1
    n = 0
    try:
        for _ in range(warmup_runs):
            case.run(n)
            n += 1
        captures = []  # (queries, what the run returned)
        for _ in range(capture_runs):
            with CaptureQueriesContext(connection) as captured:
                outcome = case.run(n)
            captures.append((list(captured.captured_queries), outcome))
            n += 1
        counts = [len(queries) for queries, _ in captures]
        note = case.describe(captures) if case.describe else ""

        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            case.run(n)
            timings.append((time.perf_counter() - started) * 1000)
            n += 1

        peaks = []
        for _ in range(memory_runs):
            gc.collect()
            tracemalloc.start()
            try:
                case.run(n)
                peaks.append(tracemalloc.get_traced_memory()[1])
            finally:
                tracemalloc.stop()
            n += 1
    finally:
        if case.close:
            case.close()
    return Result(
        key=scenario.key,
        title=scenario.title,
        queries=max(counts),
        queries_min=min(counts),
        note=note,
        median_ms=statistics.median(timings),
        p95_ms=_percentile(timings, 0.95),
        peak_kib=max(peaks) / 1024,
        samples=len(timings),
        facts=dict(case.facts),
    )


def _mark(outcome):
    return {True: "✓", False: "✗", None: "–"}[outcome]


def format_table(scenarios, results):
    """The table, each row's targets beside its figures, and a last line counting them."""
    headers = ["Scenario", "Queries", "Median ms", "p95 ms", "Peak KiB", "Notes", "Targets"]
    rows, met, missed = [], 0, 0
    for scenario in scenarios:
        result = results.get(scenario.key)
        if result is None:
            continue
        checks = []
        for target in scenario.targets:
            outcome = target.check(result, results)
            met += outcome is True
            missed += outcome is False
            checks.append(f"{_mark(outcome)} {target.label}")
        rows.append(
            [
                result.title,
                (
                    f"{result.queries_min}–{result.queries}"
                    if result.queries_min != result.queries
                    else result.queries
                ),
                f"{result.median_ms:.1f}",
                f"{result.p95_ms:.1f}",
                f"{result.peak_kib:,.0f}",
                result.note,
                "; ".join(checks),
            ]
        )
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    right = {1, 2, 3, 4}

    def line(cells):
        return "  ".join(
            (str(cell).rjust(widths[i]) if i in right else str(cell).ljust(widths[i]))
            for i, cell in enumerate(cells)
        ).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(row) for row in rows]
    out.append("")
    out.append(f"Targets: {met} met, {missed} missed.")
    return "\n".join(out)
