import pytest
from django.urls import reverse

from tests.factories import MemberFactory


@pytest.mark.django_db
def test_settings_need_sign_in(client):
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
def test_settings_show_your_own_email_and_consent(member_client, member):
    page = member_client.get(reverse("accounts:settings")).text
    assert member.email in page
    assert "under the privacy policy of" in page


@pytest.mark.django_db
def test_bad_settings_change_nothing_and_keep_what_was_typed(member_client, member):
    response = member_client.post(
        reverse("accounts:settings"),
        {"display_name": "Willow!!", "country": "ZZ", "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200
    assert "Remove !" in response.text
    assert 'value="Willow!!"' in response.text
    member.refresh_from_db()
    assert (member.display_name, member.country.code, member.time_zone) == ("Willow Test", "", "UTC")


@pytest.mark.django_db
def test_times_follow_the_members_time_zone(rf):
    from django.http import HttpResponse
    from django.utils import timezone

    from accounts.middleware import MemberTimezoneMiddleware

    middleware = MemberTimezoneMiddleware(lambda request: HttpResponse(timezone.get_current_timezone_name()))
    request = rf.get("/")
    request.user = MemberFactory(time_zone="Pacific/Auckland")
    assert middleware(request).content == b"Pacific/Auckland"
    request.user.time_zone = "Not/AZone"
    assert middleware(request).content == b"UTC"
