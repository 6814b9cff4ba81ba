from django import forms

from accounts.forms import SignupForm as AccountsSignupForm
from endings.digests import services
from endings.digests.models import EmailPreferences

HOUR_CHOICES = [(hour, f"{hour:02d}:00") for hour in range(24)]
WEEKDAY_CHOICES = list(
    enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
)
SIGNUP_DIGEST_CHOICES = [
    (EmailPreferences.Digest.OFF, "No, thank you"),
    (EmailPreferences.Digest.DAILY, "Yes, once a day"),
    (EmailPreferences.Digest.WEEKLY, "Yes, once a week"),
]


class EmailPreferencesForm(forms.Form):
    digest = forms.ChoiceField(
        label="A summary of what happened",
        widget=forms.RadioSelect,
        choices=EmailPreferences.Digest.choices,
        help_text="New replies in stories you follow, new stories in categories you follow, new "
        "articles, and the support others sent you. When nothing happened, we send nothing.",
    )
    digest_hour = forms.TypedChoiceField(
        label="At what time",
        coerce=int,
        choices=HOUR_CHOICES,
        help_text="In your time zone.",
    )
    digest_weekday = forms.TypedChoiceField(
        label="On which day, for a weekly summary", coerce=int, choices=WEEKDAY_CHOICES
    )
    replies = forms.ChoiceField(
        label="Emails about replies",
        widget=forms.RadioSelect,
        choices=EmailPreferences.Replies.choices,
        help_text="Replies to what you wrote, and in stories you follow.",
    )
    discreet = forms.BooleanField(
        label="Discreet emails (recommended)",
        required=False,
        help_text="Subjects and emails never show story titles or anything anyone wrote: only how "
        "many, and a link. Best if others can see your phone or inbox.",
    )
    moderator_alerts = forms.BooleanField(
        label="Email me at once when someone may be at risk",
        required=False,
        help_text="For moderators on the alert list. The email says only that an item is waiting.",
    )
    all_stopped = forms.BooleanField(
        label="Stop all email from Endings",
        required=False,
        help_text="Overrides everything above. We still send what your account needs, such as "
        "password resets.",
    )

    def __init__(self, *args, show_moderator_alerts=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_moderator_alerts:
            del self.fields["moderator_alerts"]

    @classmethod
    def initial_for(cls, preferences):
        return {
            "digest": preferences.digest,
            "digest_hour": preferences.digest_hour,
            "digest_weekday": preferences.digest_weekday,
            "replies": preferences.replies,
            "discreet": preferences.discreet,
            "moderator_alerts": preferences.moderator_alerts,
            "all_stopped": preferences.all_stopped,
        }


class SignupForm(AccountsSignupForm):
    """The join form, with one more question: a digest by email, off unless chosen.

    Set as allauth's signup form (ACCOUNT_FORMS), so accounts needs no knowledge of
    email digests: allauth calls custom_signup() once the new member is saved.
    """

    digest = forms.ChoiceField(
        label="Would you like an email summary of replies and new stories?",
        widget=forms.RadioSelect,
        choices=SIGNUP_DIGEST_CHOICES,
        initial=EmailPreferences.Digest.OFF,
        required=False,
        help_text="Discreet: no titles or words from posts, only how many and a link. You can "
        "change this, or stop it, at any time.",
    )

    field_order = [*AccountsSignupForm.field_order, "digest"]

    def custom_signup(self, request, user):
        super().custom_signup(request, user)
        services.signup_email_choice_record(
            member=user, digest=self.cleaned_data.get("digest") or EmailPreferences.Digest.OFF
        )
