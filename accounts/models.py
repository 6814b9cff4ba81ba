import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django_countries.fields import CountryField

from accounts.display_names import MAX_LENGTH


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, display_name, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email).lower()
        # Accounts made outside sign-up (scripts, test fixtures) still get a public
        # name, never one taken from the private email address.
        display_name = display_name or f"Member {secrets.token_hex(3)}"
        user = self.model(email=email, display_name=display_name, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, display_name=None, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, display_name, password, **extra)

    def create_superuser(self, email, display_name=None, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, display_name, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A member. Known to others only by `display_name`, a pseudonym.

    The email address is private: it is shown to the member and to staff in
    the admin, never on any other page.
    """

    email = models.EmailField("email address", max_length=254, unique=True)
    display_name = models.CharField(max_length=MAX_LENGTH)
    country = CountryField(blank=True, help_text="Which country's help lines to show you.")
    time_zone = models.CharField(max_length=64, default="UTC")
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    adult_declared_at = models.DateTimeField(null=True, blank=True)
    health_consent_at = models.DateTimeField(null=True, blank=True)
    health_consent_version = models.CharField(max_length=20, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = "member"
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.UniqueConstraint(Lower("display_name"), name="accounts_user_display_name_ci_unique"),
        ]

    def __str__(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    def get_full_name(self):
        return self.display_name

    @property
    def has_current_consent(self):
        return self.health_consent_version == settings.PRIVACY_POLICY_VERSION
