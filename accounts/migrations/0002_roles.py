"""Create the Moderators and Editors groups with their permissions.

A snapshot of accounts.roles at the time of writing: later features add
their permissions in migrations of their own.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    # Moderators get no view_user: the admin would show them members' emails.
    "Moderators": [
        ("helplines", "view_helpline"),
        ("helplines", "change_helpline"),
    ],
    "Editors": [("helplines", "view_helpline")],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrate finishes; create them now
    # so the groups can hold them in a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, codename in perms:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("helplines", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
