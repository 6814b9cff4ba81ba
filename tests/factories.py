import factory

from accounts.models import User
from accounts.services import member_create_verified

PASSWORD = "a-long-enough-test-password"


class MemberFactory(factory.django.DjangoModelFactory):
    """A member whose email address is verified, made the way the site makes them."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    password = PASSWORD
    country = ""
    time_zone = "UTC"

    @classmethod
    def _create(cls, model_class, **kwargs):
        return member_create_verified(**kwargs)
