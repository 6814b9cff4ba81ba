import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, MemberFactory

# Moderators (with and without two-step sign-in) for the forum and browser tests.
pytest_plugins = ["tests.forum.moderation_fixtures"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits and cached help lines live in the (real) cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    return MemberFactory(display_name="Willow Test", email="willow@example.org")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture(autouse=True)
def _newcomer_holds_off(settings):
    """Most tests post as brand-new members; tests of holding turn it back on."""
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    settings.MODERATION_HOLD_LINKS_DAYS = 0


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing is deliberately slow; tests that sign in many times need not be.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tasks_in_process():
    """Run Celery tasks in this process when their transaction commits.

    With REDIS_URL set (as `make test` sets it) tasks go to the broker, where
    no worker reads them during tests; tests/endings/test_celery_worker.py
    covers the real worker.
    """
    from endings.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def migration_data(transactional_db):
    """Put back what data migrations seed (categories, help lines).

    A transactional test ends by emptying every table, so the next one would
    otherwise find no categories or help lines.
    """
    from importlib import import_module

    from django.apps import apps

    for migration in (
        "forum.migrations.0003_categories",
        "forum.migrations.0005_safety_rules",
        "helplines.migrations.0002_seed_help_lines",
    ):
        import_module(migration).seed(apps, None)
    import_module("accounts.migrations.0002_roles").create_roles(apps, None)
