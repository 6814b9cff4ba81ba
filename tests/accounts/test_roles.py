import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from tests.factories import MemberFactory


@pytest.mark.django_db
def test_roles_exist_as_groups_with_permissions():
    moderators = Group.objects.get(name="Moderators")
    editors = Group.objects.get(name="Editors")
    assert moderators.permissions.filter(codename="change_helpline").exists()
    assert editors.permissions.exists()
    # Volunteer moderators never get the member list, which would show emails.
    assert not moderators.permissions.filter(content_type__app_label="accounts").exists()


@pytest.mark.django_db
def test_role_command_grants_and_revokes_by_email(capsys):
    member = MemberFactory(email="rowan@example.org", display_name="Rowan")
    call_command("role", "grant", "moderator", "ROWAN@example.org")
    assert member.groups.filter(name="Moderators").exists()
    call_command("role", "list")
    assert "moderator: Rowan <rowan@example.org>" in capsys.readouterr().out
    call_command("role", "revoke", "moderator", "rowan@example.org")
    assert not member.groups.exists()


@pytest.mark.django_db
def test_role_command_says_when_nobody_has_that_email():
    with pytest.raises(CommandError, match="No member has the email address"):
        call_command("role", "grant", "editor", "nobody@example.org")
