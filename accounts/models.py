import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
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
    # Set by moderators (forum.services.sanctions); the history lives in the audit log.
    silenced_until = models.DateTimeField(
        null=True, blank=True, help_text="Can read but not post until then."
    )
    suspended_until = models.DateTimeField(null=True, blank=True, help_text="Cannot sign in until then.")
    # What the member sees (accounts.controls). Kept on this row so every page has
    # them with request.user, at no extra query.
    muted_words = models.TextField(
        blank=True, help_text="One word or phrase a line; posts containing them are folded away."
    )
    show_content_notes = models.BooleanField(
        default=False, help_text="Show stories with a content note open, instead of folded."
    )
    # The public profile: only what the member chooses to show.
    profile_about = models.CharField("about you", max_length=300, blank=True)
    profile_show_stories = models.BooleanField(default=False)
    # A break (accounts.services.break_start): no notifications or email from
    # break_started_at until break_until, or until the member signs in again
    # when break_until is empty.
    break_started_at = models.DateTimeField(null=True, blank=True)
    break_until = models.DateTimeField(null=True, blank=True)
    # Raised to sign the member out everywhere: it is part of the session hash.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

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

    def is_silenced(self, now=None):
        return self.silenced_until is not None and self.silenced_until > (now or timezone.now())

    def is_suspended(self, now=None):
        return self.suspended_until is not None and self.suspended_until > (now or timezone.now())

    def is_on_break(self, now=None):
        if self.break_started_at is None:
            return False
        return self.break_until is None or self.break_until > (now or timezone.now())

    def _get_session_auth_hash(self, secret=None):
        # Django checks this hash on every request; a session made before the
        # generation was raised no longer matches and is signed out. Generation 0
        # keeps Django's own hash, so sessions made before this field existed stay valid.
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class Notice(models.Model):
    """A personal message from the site to one member.

    Moderation outcomes, a moderator reaching out, "your export is ready":
    anything addressed to the member rather than news of a thread. Written by
    services in any app (accounts.notices.notice_send); shown on the member's
    notifications page and, later, delivered by email.
    """

    class Kind(models.TextChoices):
        REACH_OUT = "reach_out", "A message from a moderator"
        POST_HELD = "post_held", "Your post is waiting for review"
        POST_APPROVED = "post_approved", "Your post was approved"
        POST_DECLINED = "post_declined", "Your post was not published"
        POST_HIDDEN = "post_hidden", "Your post is hidden until you edit it"
        POST_REMOVED = "post_removed", "Your post was removed"
        POST_REDACTED = "post_redacted", "Part of your post was removed"
        APPEAL_DECIDED = "appeal_decided", "Your appeal was decided"
        REPORT_OUTCOME = "report_outcome", "About a post you reported"
        SANCTION = "sanction", "About your account"
        MODERATOR_ALERT = "moderator_alert", "Moderator alert"
        ACCOUNT = "account", "About your account"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    # Plain text; shown with line breaks, never as HTML.
    body = models.TextField(blank=True)
    link_url = models.CharField(max_length=500, blank=True)
    link_text = models.CharField(max_length=120, blank=True)
    # Help lines for the recipient's country appear beside the message.
    show_help_lines = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="accounts_notice_recent"),
            models.Index(
                fields=["recipient"], condition=models.Q(read_at__isnull=True), name="accounts_notice_unread"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.recipient_id}"

    @property
    def is_unread(self):
        return self.read_at is None


class Block(models.Model):
    """One member blocking another: the blocked member's posts fold away for the
    blocker, they cannot reply directly to the blocker's posts, and neither hears
    of the other in notifications or digests (accounts.controls)."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="accounts_block_unique"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="accounts_block_not_self"
            ),
        ]
        indexes = [models.Index(fields=["blocked", "blocker"], name="accounts_block_reverse")]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"


class DataExport(models.Model):
    """A copy of everything a member wrote, as a zip built by a Celery task.

    The file lives in private storage (settings.STORAGES["private"]), never under
    a public URL; the member downloads it from settings through a signed link.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be prepared"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["member", "-requested_at"], name="accounts_export_recent")]

    def __str__(self):
        return f"Export {self.pk} for {self.member_id} ({self.status})"

    def is_downloadable(self, now=None):
        return (
            self.status == self.Status.READY
            and self.expires_at is not None
            and self.expires_at > (now or timezone.now())
        )


class AccountDeletion(models.Model):
    """A member's request to delete their account, and what became of it.

    While pending (a 7-day grace period) the member can cancel by signing in. When
    it is carried out, `member` becomes empty: the row keeps only dates and the
    choice made, never the email address or the name.
    """

    class Choice(models.TextChoices):
        ERASE = "erase", "Erase my words"
        ANONYMISE = "anonymise", "Keep my words, anonymously"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the grace period to end"
        CANCELLED = "cancelled", "Cancelled by the member"
        DONE = "done", "Carried out"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deletion_requests",
    )
    choice = models.CharField(max_length=10, choices=Choice)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(help_text="When the account is deleted, unless the member signs in before.")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    # What was done, as counts only (no names, no text).
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="pending"),
                name="accounts_deletion_one_pending",
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"], condition=models.Q(status="pending"), name="accounts_deletion_due"
            )
        ]

    def __str__(self):
        return f"Account deletion {self.pk} ({self.get_status_display()})"
