import pytest
from django.core.exceptions import ValidationError

from accounts.display_names import validate_display_name
from accounts.forms import MemberSettingsForm
from tests.factories import MemberFactory


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Jo", "Use at least 3 characters"),
        ("  J  ", "Use at least 3 characters"),
        ("A" * 31, "Use 30 characters or fewer for your name (this one has 31)"),
        ("willow@example.org", "Leave out the @ sign"),
        ("@willow", "Leave out the @ sign"),
        ("www.mysite", "does not look like a web address"),
        ("https://x", "does not look like a web address"),
        ("grief.com", "does not look like a web address"),
        ("Willow!", "Remove !"),
        ("<script>", "Remove < >"),
        ("12345", "Include at least one letter"),
        ("Admin", "kept for the site"),
        ("Mod-e-rator", "kept for the site"),
        ("support", "kept for the site"),
        ("HELP", "kept for the site"),
        ("The Endings Team", "kept for the site"),
        ("a member", "kept for the site"),
        ("\u0430dmin", "mixes Cyrillic and Latin letters"),
        ("Will\u043ew", "mixes Cyrillic and Latin letters"),
        ("B" * 70, "Use 30 characters or fewer for your name (this one has 70)"),
    ],
)
def test_each_display_name_rule_is_refused_with_what_to_change(name, message):
    with pytest.raises(ValidationError) as refused:
        validate_display_name(name)
    assert message in refused.value.messages[0]


@pytest.mark.parametrize(
    "name", ["Willow", "Quiet Harbour", "marguerite_b", "Tomas-in.Winter", "Zoë 2", "李 静", "Ζωή", "Алёна"]
)
def test_ordinary_pseudonyms_are_accepted(name):
    assert validate_display_name(name) == name


def test_inner_spaces_are_collapsed():
    assert validate_display_name("  Quiet    Harbour ") == "Quiet Harbour"


@pytest.mark.django_db
def test_display_names_are_unique_ignoring_case():
    MemberFactory(display_name="Willow")
    other = MemberFactory(display_name="Someone")
    form = MemberSettingsForm(
        data={"display_name": "wILLOW", "country": "", "time_zone": "UTC"}, instance=other
    )
    assert not form.is_valid()
    assert "Someone here already uses that name" in form.errors["display_name"][0]


@pytest.mark.django_db
def test_keeping_your_own_name_is_not_a_clash():
    me = MemberFactory(display_name="Willow")
    form = MemberSettingsForm(data={"display_name": "willow", "country": "", "time_zone": "UTC"}, instance=me)
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_a_very_long_name_in_the_form_gets_the_30_character_message():
    form = MemberSettingsForm(data={"display_name": "B" * 70, "country": "", "time_zone": "UTC"})
    assert not form.is_valid()
    assert form.errors["display_name"] == ["Use 30 characters or fewer for your name (this one has 70)."]
