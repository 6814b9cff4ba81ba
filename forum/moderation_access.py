"""Moderator pages need the Moderators group and two-step sign-in (TOTP)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect

from forum import permissions


def moderator_required(view):
    """Not signed in: sign in. Not a moderator: no such page (nothing leaks, not even
    that it exists). A moderator without TOTP: set it up first."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.can_moderate(user):
            raise Http404("No such page.")
        if not permissions.moderator_with_two_step(user):
            messages.info(
                request,
                "Moderator pages need two-step sign-in, because they show members' private reports. "
                "Please set up an authenticator app first.",
            )
            return redirect("mfa_activate_totp")
        return view(request, *args, **kwargs)

    return wrapper
