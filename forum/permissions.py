"""Who may do what in the forum. Plain functions, used by views, templates and services."""

from accounts.roles import is_moderator


def can_view_category(user, category):
    return category.is_public or user.is_authenticated


def can_view_thread(user, thread):
    return can_view_category(user, thread.category)


def can_start_thread(user, category):
    return user.is_authenticated and user.is_active and category.is_active


def can_reply(user, thread):
    return user.is_authenticated and user.is_active and not thread.is_locked


def can_edit_post(user, post):
    return user.is_authenticated and post.author_id == user.pk and not post.is_removed


def can_delete_post(user, post):
    return can_edit_post(user, post)


def can_react(user, post):
    return user.is_authenticated and user.is_active and post.author_id != user.pk and not post.is_removed


def can_see_anonymous_authors(user):
    return is_moderator(user)


def can_see_revisions(user):
    return is_moderator(user)
