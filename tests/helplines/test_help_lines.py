import pytest
from django.urls import reverse

from helplines.models import HelpLine
from helplines.selectors import country_from_accept_language, help_lines_for_country
from tests.factories import MemberFactory


@pytest.mark.django_db
def test_seeded_lines_cover_the_starting_countries():
    for code in ["US", "GB", "IE", "CA", "AU", "NZ"]:
        lines = help_lines_for_country(code)
        assert not lines.is_international
        assert 1 <= len(lines.support) <= 2
        assert lines.emergency is not None


@pytest.mark.django_db
def test_a_country_without_lines_gets_the_international_directories():
    lines = help_lines_for_country("FR")
    assert lines.is_international
    assert [line.name for line in lines.support] == ["Find A Helpline", "IASP crisis centres"]


@pytest.mark.django_db
def test_never_more_than_two_support_lines_and_one_emergency_number():
    for n in range(5):
        HelpLine.objects.create(country="GB", name=f"Extra line {n}", how_to_reach="Call", position=0)
    lines = help_lines_for_country("GB")
    assert len(lines.support) == 2
    assert lines.emergency.how_to_reach == "Call 999"


@pytest.mark.parametrize(
    ("header", "country"),
    [("en-GB,en;q=0.9", "GB"), ("en,en-US;q=0.8", "US"), ("fr", ""), ("", ""), ("xx-ZZ", "")],
)
def test_country_guessed_from_accept_language(header, country):
    assert country_from_accept_language(header) == country


@pytest.mark.django_db
def test_footer_follows_the_members_setting_over_the_browser(client):
    member = MemberFactory(country="NZ")
    client.force_login(member)
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US").text
    assert "Call or text 1737" in page
    assert "988" not in page


@pytest.mark.django_db
def test_signed_out_footer_guesses_from_the_browser(client):
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").text
    assert "Samaritans" in page
    assert "Call 999" in page


@pytest.mark.django_db
def test_country_header_from_a_cdn_is_used_when_configured(client, settings):
    settings.HELPLINE_COUNTRY_HEADER = "CF-IPCountry"
    page = client.get(reverse("home"), HTTP_CF_IPCOUNTRY="AU").text
    assert "Call 13 11 14" in page


@pytest.mark.django_db
def test_help_page_lets_a_reader_choose_a_country_and_remembers_it(client):
    response = client.get(reverse("help"), {"country": "IE"})
    assert "Help in Ireland" in response.text
    assert "Pieta" in response.text
    assert response.cookies["helpline_country"].value == "IE"
    assert "Pieta" in client.get(reverse("home")).text


@pytest.mark.django_db
@pytest.mark.parametrize("nonsense", ["<script>", "USA", "826", "ZZ", "x" * 500])
def test_help_page_treats_nonsense_country_as_anywhere(client, nonsense):
    response = client.get(reverse("help"), {"country": nonsense})
    assert response.status_code == 200
    assert "Help wherever you are" in response.text
    assert "We don’t have lines listed" not in response.text
    assert response.cookies["helpline_country"].value == "international"


@pytest.mark.django_db
def test_choosing_anywhere_sticks_instead_of_guessing(client):
    client.get(reverse("help"), {"country": ""})
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB").text
    assert "Find A Helpline" in page
    assert "Samaritans" not in page


@pytest.mark.django_db
def test_inactive_lines_are_not_shown(client):
    HelpLine.objects.filter(name="Shout").update(is_active=False)
    page = client.get(reverse("help"), {"country": "GB"}).text
    assert "Shout" not in page
    assert "Samaritans" in page


@pytest.mark.django_db
def test_an_admin_correction_shows_at_once(admin_client):
    help_lines_for_country("GB")  # cached now
    line = HelpLine.objects.get(country="GB", name="Samaritans")
    response = admin_client.post(
        reverse("admin:helplines_helpline_change", args=[line.pk]),
        {
            "country": "GB",
            "kind": "support",
            "name": "Samaritans",
            "how_to_reach": "Call 116 123 (free)",
            "phone": "116123",
            "hours": "Always",
            "url": "https://www.samaritans.org",
            "position": 1,
            "is_active": "on",
            "last_verified": "2026-11-20",
        },
    )
    assert response.status_code == 302
    assert help_lines_for_country("GB").support[0].how_to_reach == "Call 116 123 (free)"
