"""The site's roles, held as Django groups.

The groups and their permissions are created by data migrations (see
accounts/migrations/0002_roles.py); the `role` management command grants and
revokes them by email.
"""

MODERATOR = "moderator"
EDITOR = "editor"

GROUP_NAMES = {MODERATOR: "Moderators", EDITOR: "Editors"}
