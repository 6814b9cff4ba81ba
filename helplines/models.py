from django.db import models
from django_countries.fields import CountryField


class HelpLine(models.Model):
    """A crisis or support line, shown by the reader's country.

    Lines with no country form the international fallback (directories of
    lines worldwide). Kept as data so the operator can correct and re-verify
    them without a release.
    """

    class Kind(models.TextChoices):
        SUPPORT = "support", "Support line"
        EMERGENCY = "emergency", "Emergency number"

    country = CountryField(blank=True, help_text="Leave empty for the international fallback.")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SUPPORT)
    name = models.CharField(max_length=120)
    how_to_reach = models.CharField(max_length=200, help_text='Plain words, for example "Call or text 988".')
    phone = models.CharField(max_length=30, blank=True, help_text="Digits to dial, for a tap-to-call link.")
    hours = models.CharField(max_length=120, blank=True, help_text='For example "24 hours, every day".')
    url = models.URLField(blank=True)
    position = models.PositiveSmallIntegerField(default=10, help_text="Lower numbers are shown first.")
    is_active = models.BooleanField(default=True)
    last_verified = models.DateField(
        null=True, blank=True, help_text="The day someone last checked these details."
    )

    class Meta:
        ordering = ["country", "kind", "position", "name"]
        indexes = [models.Index(fields=["country", "is_active"])]

    def __str__(self):
        return f"{self.name} ({self.country.code or 'international'})"

    @property
    def tel_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""
