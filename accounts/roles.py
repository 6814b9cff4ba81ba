"""The site's roles, held as Django groups.

The groups and their permissions are created by data migrations (see
accounts/migrations/0002_roles.py); the `role` management command grants and
revokes them by email.
"""

from django.core.cache import cache

MODERATOR = "moderator"
EDITOR = "editor"

GROUP_NAMES = {MODERATOR: "Moderators", EDITOR: "Editors"}

# Cached on the member object for the length of one request.
_ROLES_CACHE = "_endings_roles"


def roles_of(user):
    """The member's role names; one query per request, none for visitors."""
    if not user.is_authenticated:
        return frozenset()
    roles = getattr(user, _ROLES_CACHE, None)
    if roles is None:
        names = set(user.groups.values_list("name", flat=True))
        roles = frozenset(role for role, group in GROUP_NAMES.items() if group in names)
        setattr(user, _ROLES_CACHE, roles)
    return roles


def is_moderator(user):
    return user.is_authenticated and (user.is_superuser or MODERATOR in roles_of(user))


def _menu_cache_key(user_id):
    return f"accounts:is-moderator:{user_id}"


def is_moderator_for_menu(user):
    """For showing the "Moderation" link on every page without a query on each.

    Cached for a few minutes and cleared when a role changes; the moderator
    pages themselves always check the database.
    """
    if not user.is_authenticated:
        return False
    key = _menu_cache_key(user.pk)
    value = cache.get(key)
    if value is None:
        value = is_moderator(user)
        cache.set(key, value, 300)
    return value


def role_cache_clear(user_id):
    cache.delete(_menu_cache_key(user_id))
