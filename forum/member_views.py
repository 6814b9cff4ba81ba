"""Pages for member controls that concern posts: hiding a post for oneself, the
list of hidden posts, and a member's public profile. Thin, like forum/views.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from accounts.redirects import redirect_back
from forum.selectors.members import hidden_posts_for, member_profile, post_for_hiding
from forum.selectors.threads import post_location
from forum.services.hiding import post_hide_for_member, post_unhide_for_member


@login_required
@require_POST
def post_hide(request, post_id):
    """Hide (hidden=1) or show again (hidden=0) one post, for this member only."""
    post = post_for_hiding(request.user, post_id)
    if request.POST.get("hidden") == "0":
        post_unhide_for_member(member=request.user, post_id=post.pk)
        messages.success(request, "The post is shown again.")
    else:
        post_hide_for_member(member=request.user, post=post)
        messages.success(
            request, "Hidden for you. Nobody else is affected, and you can show it again at any time."
        )
    return redirect_back(request, post_location(post))


@login_required
def hidden_posts(request):
    return render(request, "forum/hidden_posts.html", {"posts": hidden_posts_for(request.user)})


@login_required
def profile(request, member_id):
    return render(request, "forum/profile.html", {"profile": member_profile(request.user, member_id)})
