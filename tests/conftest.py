import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, MemberFactory


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
def _fast_password_hashing(settings):
    # Hashing is deliberately slow; tests that sign in many times need not be.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
