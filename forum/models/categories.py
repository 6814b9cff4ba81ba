from django.db import models
from django.urls import reverse


class Category(models.Model):
    """A part of the forum for one situation (DOMAIN.md lists them).

    Members-only is the default: a public category's stories can be read by
    anyone, which a member should choose knowingly when posting there.
    """

    class Visibility(models.TextChoices):
        MEMBERS = "members", "Members only"
        PUBLIC = "public", "Public"

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(help_text="One or two sentences shown on the category's page.")
    visibility = models.CharField(max_length=10, choices=Visibility, default=Visibility.MEMBERS)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")
    is_active = models.BooleanField(default=True, help_text="Inactive categories take no new stories.")
    thread_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", args=[self.slug])

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC
