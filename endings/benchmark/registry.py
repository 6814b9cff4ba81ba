"""What the benchmark measures: scenarios, grouped by the app that registers them.

An app's module (endings/benchmark/forum.py, later articles.py) registers one
provider: a function that, given the sizes of this run (a Profile), returns its
Scenarios in the order they should run. A scenario's `prepare` builds or reuses
its data and returns a Case whose `run(n)` is one measured operation.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    """The data sizes of one run: the issue's (full) or smaller ones for tests and CI (quick)."""

    name: str
    thread_sizes: tuple  # posts in the small, medium and large thread
    listing_threads: int  # threads in the category whose list is measured
    search_posts: int  # posts in the whole forum when search is measured
    articles: int = 1_000  # articles on the site when the article index and pages are measured
    digest_readers: tuple = (2_500, 10_000)  # members whose daily digests are sent, smaller run first


FULL = Profile("full", thread_sizes=(100, 1_000, 10_000), listing_threads=10_000, search_posts=100_000)
QUICK = Profile(
    "quick",
    thread_sizes=(100, 300, 1_000),
    listing_threads=1_000,
    search_posts=5_000,
    articles=200,
    digest_readers=(200, 600),
)


@dataclass
class Case:
    run: Callable[[int], object]  # one operation; n counts up across runs; returns what describe needs
    # Optional: a note for the table, given [(queries, what run returned)] for each captured run.
    describe: Callable[[list], str] | None = None
    close: Callable[[], None] | None = None
    # Figures beyond the query count that a target may check (filled by describe).
    facts: dict = field(default_factory=dict)
    # An operation of many seconds (all of a day's digests): one run in each pass, no warm-up.
    heavy: bool = False


@dataclass
class Target:
    """A goal from the issue, checked against this scenario's result and the others' (by key)."""

    label: str
    check: Callable[[object, dict], bool | None]  # None: cannot be judged in this run


@dataclass
class Scenario:
    key: str
    title: str
    prepare: Callable[[object], Case]
    targets: list = field(default_factory=list)


_PROVIDERS = []


def register(provider):
    """Decorator for a module's `provider(profile) -> list[Scenario]`."""
    _PROVIDERS.append(provider)
    return provider


def scenarios(profile, only=None):
    # Importing the modules registers their providers; add new apps' modules here.
    from endings.benchmark import (
        articles,  # noqa: F401
        digests,  # noqa: F401
        forum,  # noqa: F401
        moderation,  # noqa: F401
    )

    found = [scenario for provider in _PROVIDERS for scenario in provider(profile)]
    if only:
        found = [s for s in found if only.lower() in s.title.lower() or only.lower() in s.key.lower()]
    return found
