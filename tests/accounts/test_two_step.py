import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD, MemberFactory


def _code(secret, step=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


@pytest.mark.django_db
def test_any_member_can_turn_on_two_step_sign_in_and_is_then_asked_for_a_code(client, settings):
    # One step of clock tolerance lets the test use a fresh code for the second
    # sign-in instead of replaying the first one, which allauth refuses.
    settings.MFA_TOTP_TOLERANCE = 1
    member = MemberFactory(email="careful@example.org")
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    # Turning it on asks for the password again first.
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked.url.startswith(reverse("account_reauthenticate"))
    client.post(asked.url, {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()

    client.post(reverse("account_logout"))
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    assert not client.get(reverse("home")).context["user"].is_authenticated

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert not client.get(reverse("home")).context["user"].is_authenticated
    client.post(reverse("mfa_authenticate"), {"code": _code(secret, step=1)})
    assert client.get(reverse("home")).context["user"] == member
