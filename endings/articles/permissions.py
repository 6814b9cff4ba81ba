"""Who may do what with articles. Plain functions, used by views, templates, services and the admin.

Editors (the "Editors" group, accounts.roles) write and publish on the site's
own editor pages at /articles/editor/ and need no access to the admin. Staff
with the articles permissions (editors who are also staff, superusers) can use
the admin as well.
"""

from accounts.roles import EDITOR, roles_of


def is_editor(user):
    return user.is_authenticated and user.is_active and (user.is_superuser or EDITOR in roles_of(user))


def can_edit_articles(user):
    if is_editor(user):
        return True
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("articles.change_article")
    )


def can_see_unpublished(user):
    """Drafts, articles in review, scheduled and archived ones: editors and staff only."""
    return user.is_authenticated and user.is_active and (user.is_staff or is_editor(user))
