from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from accounts.services import member_signup_details_record


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        member_signup_details_record(
            member=user,
            display_name=form.cleaned_data["display_name"],
            policy_version=settings.PRIVACY_POLICY_VERSION,
        )
        return super().save_user(request, user, form, commit=commit)
