from django.db import IntegrityError, transaction
from django.db.models import F

from forum import permissions
from forum.limits import PostingRefused
from forum.models import Post, Reaction
from forum.models.reactions import REACTION_COUNTERS


@transaction.atomic
def reaction_toggle(*, member, post, kind):
    """Add the reaction if the member has not given it, take it back if they have.

    Returns True when the reaction is now given.
    """
    if kind not in REACTION_COUNTERS:
        raise PostingRefused("That is not one of the reactions.")
    if not permissions.can_react(member, post):
        raise PostingRefused("You cannot react to this post.")
    counter = REACTION_COUNTERS[kind]
    deleted, _ = Reaction.objects.filter(post=post, member=member, kind=kind).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(**{counter: F(counter) - 1})
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, member=member, kind=kind)
    except IntegrityError:
        # The same click arrived twice at once; the first one counted.
        return True
    Post.objects.filter(pk=post.pk).update(**{counter: F(counter) + 1})
    return True
