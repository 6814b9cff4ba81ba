import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories import PASSWORD, MemberFactory


@pytest.mark.django_db
def test_changing_email_asks_for_the_password_again(client):
    member = MemberFactory(email="before@example.org")
    client.force_login(member)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "after@example.org"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="after@example.org").exists()

    client.post(response.url, {"password": PASSWORD})
    client.post(reverse("account_email"), {"action_add": "", "email": "after@example.org"})
    # The new address waits for verification; the old one stays until then.
    assert EmailAddress.objects.get(email="after@example.org").verified is False
    member.refresh_from_db()
    assert member.email == "before@example.org"


@pytest.mark.django_db
def test_repeated_wrong_passwords_are_slowed_down(client):
    member = MemberFactory(email="target@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": member.email, "password": "wrong guess"})
    refused = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert refused.status_code == 200
    assert "Too many failed login attempts" in refused.text
    assert not client.get(reverse("home")).context["user"].is_authenticated


@pytest.mark.django_db
def test_wrong_password_message_is_the_same_for_unknown_addresses(client):
    MemberFactory(email="known@example.org")
    known = client.post(reverse("account_login"), {"login": "known@example.org", "password": "nope nope"})
    unknown = client.post(reverse("account_login"), {"login": "nobody@example.org", "password": "nope nope"})
    assert known.context["form"].errors == unknown.context["form"].errors


@pytest.mark.django_db
def test_adding_an_address_another_member_uses_reveals_nothing(client):
    MemberFactory(email="taken@example.org")
    member = MemberFactory(email="me@example.org")
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    def add(address):
        response = client.post(reverse("account_email"), {"action_add": "", "email": address}, follow=True)
        return response.redirect_chain, [
            str(m).replace(address, "ADDRESS") for m in response.context["messages"]
        ]

    assert add("taken@example.org") == add("free@example.org")
