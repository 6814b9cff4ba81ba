"""Who may do what in the forum. Plain functions, used by views, templates and services."""

from accounts.roles import is_moderator


def can_view_category(user, category):
    return category.is_public or user.is_authenticated


def can_view_thread(user, thread):
    return can_view_category(user, thread.category)


def can_post(user):
    """Signed in, active, and not silenced by a moderator."""
    return user.is_authenticated and user.is_active and not user.is_silenced()


def can_start_thread(user, category):
    return can_post(user) and category.is_active


def can_reply(user, thread):
    return can_post(user) and not thread.is_locked


# A post its author may still change: live, waiting for review, or hidden until edited.
EDITABLE_STATUSES = ("published", "held", "hidden")


def can_edit_post(user, post):
    return user.is_authenticated and post.author_id == user.pk and post.status in EDITABLE_STATUSES


def can_delete_post(user, post):
    return can_edit_post(user, post)


def can_report(user, post):
    return (
        user.is_authenticated
        and user.is_active
        and post.author_id != user.pk
        and post.status in ("published", "hidden")
    )


def can_moderate(user):
    """The Moderators group (or a superuser); pages also need TOTP (forum.moderation_access)."""
    return is_moderator(user)


def can_react(user, post):
    return user.is_authenticated and user.is_active and post.author_id != user.pk and not post.is_removed


def moderator_with_two_step(user):
    """A moderator who has set up TOTP: what moderator pages ask, and what seeing
    anonymous authors or redacted text asks too. Read once per request."""
    if not is_moderator(user):
        return False
    cached = getattr(user, "_endings_has_totp", None)
    if cached is None:
        from allauth.mfa.models import Authenticator

        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._endings_has_totp = cached
    return cached


def can_see_anonymous_authors(user):
    return moderator_with_two_step(user)


def can_see_revisions(user):
    return moderator_with_two_step(user)
