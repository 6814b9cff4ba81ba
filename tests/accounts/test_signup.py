import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import MemberFactory

SIGNUP = {
    "email": "newcomer@example.org",
    "display_name": "Still Here",
    "password1": "my therapist retired in May",
    "is_adult": "on",
    "health_consent": "on",
}


def _link_from(message):
    return re.search(r"https?://[^\s]+", message.body).group(0)


@pytest.mark.django_db
def test_newcomer_signs_up_verifies_signs_in_and_changes_settings(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    member = User.objects.get(email="newcomer@example.org")
    assert member.display_name == "Still Here"
    assert not EmailAddress.objects.get(user=member).verified

    # The verification email, read from the outbox, signs the newcomer in.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["newcomer@example.org"]
    assert mail.outbox[0].subject.startswith("Endings: ")
    link = _link_from(mail.outbox[0])
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=member).verified
    home = client.get(reverse("home"))
    assert home.context["user"] == member
    assert "Welcome back, Still Here" in home.text

    # Sign out, then sign in again with the same details.
    client.post(reverse("account_logout"))
    assert not client.get(reverse("home")).context["user"].is_authenticated
    response = client.post(
        reverse("account_login"), {"login": "newcomer@example.org", "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302

    response = client.post(
        reverse("accounts:settings"),
        {"display_name": "Still Here Too", "country": "IE", "time_zone": "Europe/Dublin"},
        follow=True,
    )
    assert "Your settings are saved." in response.text
    member.refresh_from_db()
    assert (member.display_name, member.country.code, member.time_zone) == (
        "Still Here Too",
        "IE",
        "Europe/Dublin",
    )


@pytest.mark.django_db
def test_signup_records_the_declarations_with_time_and_policy_version(client):
    client.post(reverse("account_signup"), SIGNUP)
    member = User.objects.get(email="newcomer@example.org")
    assert member.adult_declared_at is not None
    assert member.health_consent_at is not None
    assert member.health_consent_version == settings.PRIVACY_POLICY_VERSION


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("is_adult", "Endings is for adults. Please confirm you are 18 or older."),
        ("health_consent", "We can only keep your posts if you agree to this."),
    ],
)
def test_both_declarations_are_required(client, missing, message):
    data = {key: value for key, value in SIGNUP.items() if key != missing}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert message in response.text
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    assert mail.outbox == []
    # What they typed is kept, so nothing has to be written twice.
    assert 'value="Still Here"' in response.text
    assert 'value="newcomer@example.org"' in response.text


@pytest.mark.django_db
def test_signup_form_refuses_a_bad_display_name_with_its_message(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "display_name": "me@there.org"})
    assert response.status_code == 200
    assert "Leave out the @ sign" in response.text
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_links_the_consent_to_the_privacy_page(client):
    page = client.get(reverse("account_signup")).text
    assert f'href="{reverse("privacy")}"' in page
    assert "I am 18 or older." in page


def _normalised(response):
    text = response.text if hasattr(response, "text") else response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


@pytest.mark.django_db
def test_signup_does_not_reveal_whether_an_address_is_registered(client):
    MemberFactory(email="known@example.org", display_name="Known One")
    known = client.post(reverse("account_signup"), {**SIGNUP, "email": "known@example.org"})
    unknown = client.post(
        reverse("account_signup"), {**SIGNUP, "email": "unknown@example.org", "display_name": "Other One"}
    )
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    client.logout()
    known_page = client.get(known.url)
    unknown_page = client.get(unknown.url)
    assert _normalised(known_page) == _normalised(unknown_page)
    # The owner of the known address is told by email instead.
    assert {tuple(m.to) for m in mail.outbox} == {("known@example.org",), ("unknown@example.org",)}


@pytest.mark.django_db
def test_password_reset_does_not_reveal_whether_an_address_is_registered(client):
    MemberFactory(email="known@example.org")
    known = client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "unknown@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert _normalised(client.get(known.url)) == _normalised(client.get(unknown.url))


@pytest.mark.django_db
def test_password_reset_email_lets_the_member_choose_a_new_password(client):
    MemberFactory(email="known@example.org")
    client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    link = _link_from(mail.outbox[0])
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(
        action, {"password1": "a brand new long password", "password2": "a brand new long password"}
    )
    assert response.status_code == 302
    assert client.login(username="known@example.org", password="a brand new long password")


@pytest.mark.django_db
def test_unverified_member_cannot_sign_in_until_verified(client):
    client.post(reverse("account_signup"), SIGNUP)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response.url == reverse("account_email_verification_sent")
    assert not client.get(reverse("home")).context["user"].is_authenticated


@pytest.mark.django_db
def test_signup_refuses_a_name_someone_has_in_any_case(client):
    MemberFactory(display_name="Still Here")
    response = client.post(reverse("account_signup"), {**SIGNUP, "display_name": "still HERE"})
    assert response.status_code == 200
    assert "Someone here already uses that name. Try adding a word or a number." in response.text
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


@pytest.mark.django_db
def test_a_failed_signup_lists_what_to_change_at_the_top(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "display_name": "x", "is_adult": ""})
    summary = response.text.split('class="error-summary"')[1].split("</div>")[0]
    assert "2 things need a change" in summary
    assert 'href="#id_display_name"' in summary
    assert 'href="#id_is_adult"' in summary


@pytest.mark.django_db
def test_two_people_taking_one_name_at_once_get_a_message_not_an_error(client, monkeypatch):
    from accounts.forms import SignupForm

    MemberFactory(display_name="Still Here")
    # The check before saving saw the name free; the other sign-up committed first.
    monkeypatch.setattr(SignupForm, "clean_display_name", lambda form: form.cleaned_data["display_name"])
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 200
    assert "Someone here already uses that name" in response.text
    assert 'value="newcomer@example.org"' in response.text
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    assert mail.outbox == []
