from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.shortcuts import render

from accounts.services import member_returned, member_signup_details_record


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        member_signup_details_record(
            member=user,
            display_name=form.cleaned_data["display_name"],
            policy_version=settings.PRIVACY_POLICY_VERSION,
        )
        return super().save_user(request, user, form, commit=commit)

    def pre_login(self, request, user, **kwargs):
        if user.is_suspended():
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return render(request, "account/suspended.html", {"until": user.suspended_until}, status=403)
        return super().pre_login(request, user, **kwargs)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        # Signing in cancels a pending account deletion and ends a break that is
        # over; the member is told gently what happened.
        for level, text in member_returned(member=user):
            messages.add_message(request, messages.SUCCESS if level == "success" else messages.INFO, text)
        return response
