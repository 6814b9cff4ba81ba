"""A member folding a post away for themselves ("Hide this post for me")."""

from django.db import transaction
from django.utils import timezone

from forum.models import HiddenPost


@transaction.atomic
def post_hide_for_member(*, member, post, now=None):
    """Hide one post for this member only. Hiding twice is harmless."""
    HiddenPost.objects.get_or_create(member=member, post=post, defaults={"created_at": now or timezone.now()})


@transaction.atomic
def post_unhide_for_member(*, member, post_id):
    return HiddenPost.objects.filter(member=member, post_id=post_id).delete()[0] > 0
