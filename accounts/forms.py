import zoneinfo

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django_countries import countries

from accounts.display_names import normalize_display_name, validate_display_name
from accounts.models import User

NAME_TAKEN = "Someone here already uses that name. Try adding a word or a number."
DISPLAY_NAME_HELP = (
    "This is the only name others see. Please don’t use your real name or your "
    "therapist’s. 3 to 30 letters, digits, spaces, . _ or -."
)
TIME_ZONE_CHOICES = sorted((tz, tz.replace("_", " ")) for tz in zoneinfo.available_timezones())


def clean_display_name_for(value, *, member=None):
    """Valid by the rules and not taken by anyone else (ignoring case)."""
    name = validate_display_name(value)
    taken = User.objects.filter(display_name__iexact=name)
    if member is not None:
        taken = taken.exclude(pk=member.pk)
    if taken.exists():
        raise forms.ValidationError(NAME_TAKEN, code="taken")
    return name


class DisplayNameField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Display name")
        kwargs.setdefault("help_text", DISPLAY_NAME_HELP)
        # The length is checked by validate_display_name, with a kinder message.
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "nickname", "spellcheck": "false"})

    def to_python(self, value):
        return normalize_display_name(super().to_python(value))


class SignupForm(AllauthSignupForm):
    display_name = DisplayNameField()
    is_adult = forms.BooleanField(
        label="I am 18 or older.",
        error_messages={"required": "Endings is for adults. Please confirm you are 18 or older."},
    )
    health_consent = forms.BooleanField(
        label=(
            "I agree that Endings may store what I write here, including what I share "
            "about my health and my therapy."
        ),
        error_messages={
            "required": (
                "We can only keep your posts if you agree to this. You can read exactly "
                "what we do with them on the privacy page."
            )
        },
    )

    field_order = ["email", "display_name", "password1", "is_adult", "health_consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["health_consent"].help_text = format_html(
            'Read <a href="{}">how we look after what you write</a>. You can ask for a '
            "copy of it, or for it to be deleted, at any time.",
            reverse("privacy"),
        )
        self.fields["email"].help_text = (
            "Never shown to other members. We use it to confirm your account and, only "
            "if you ask, to send you replies."
        )
        self.order_fields(self.field_order)

    def clean_display_name(self):
        return clean_display_name_for(self.cleaned_data["display_name"])

    def try_save(self, request):
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError as error:
            # Two people chose the same name at the same moment: the second one
            # is told, with everything they typed still in the form.
            if "display_name" not in str(error):
                raise
            self.add_error("display_name", NAME_TAKEN)
            page = TemplateResponse(
                request, "account/signup.html", {"form": self, "login_url": reverse("account_login")}
            )
            return None, page


class MemberSettingsForm(forms.ModelForm):
    display_name = DisplayNameField()
    country = forms.ChoiceField(
        label="Your country",
        required=False,
        choices=[("", "Somewhere else / show international help"), *list(countries)],
        help_text="We show help lines for this country at the foot of every page.",
    )
    time_zone = forms.ChoiceField(
        label="Your time zone",
        choices=TIME_ZONE_CHOICES,
        help_text="Times on the site are shown in this zone.",
    )

    class Meta:
        model = User
        fields = ["display_name", "country", "time_zone"]

    def clean_display_name(self):
        return clean_display_name_for(self.cleaned_data["display_name"], member=self.instance)


# --- Member controls ----------------------------------------------------------


class ReadingPreferencesForm(forms.Form):
    content_notes = forms.ChoiceField(
        label="Stories with a content note",
        widget=forms.RadioSelect,
        choices=[
            ("fold", "Fold them away until I choose to open them (recommended)"),
            ("show", "Show them open"),
        ],
        help_text=(
            "Authors add a note such as “Suicide or self-harm” or “Death” to stories that may be "
            "hard to read."
        ),
    )
    muted_words = forms.CharField(
        label="Muted words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=(
            "One word or phrase a line. Posts that contain any of them are folded away, with the "
            "reason, and you can still open them. Capital letters don’t matter; whole words only."
        ),
    )

    def clean_muted_words(self):
        from accounts.muting import MutedWordsInvalid, muted_words_parse

        try:
            return muted_words_parse(self.cleaned_data["muted_words"])
        except MutedWordsInvalid as problem:
            raise forms.ValidationError(str(problem), code="invalid") from None


class ProfileForm(forms.Form):
    about = forms.CharField(
        label="A few words about you",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Optional, up to 300 characters, shown on your profile to signed-in members. "
            "Please leave out anything that could identify you or your therapist."
        ),
    )
    show_stories = forms.BooleanField(
        label="List the stories I started on my profile",
        required=False,
        help_text="Stories you posted anonymously are never listed.",
    )


class BlockForm(forms.Form):
    display_name = forms.CharField(
        label="Their name",
        max_length=60,
        help_text="The name shown on their posts.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, member, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        found = User.objects.filter(display_name__iexact=name, is_active=True).first()
        if found is None:
            raise forms.ValidationError(
                "We could not find a member with that name. Check the spelling as it appears on their posts.",
                code="unknown",
            )
        if found.pk == self.member.pk:
            raise forms.ValidationError("That is your own name, and you cannot block yourself.", code="self")
        return found


class BreakForm(forms.Form):
    length = forms.ChoiceField(
        label="How long would you like to step away?",
        widget=forms.RadioSelect,
        choices=[("week", "A week"), ("month", "A month"), ("return", "Until I come back")],
        error_messages={"required": "Please choose how long your break should be."},
    )


class DeleteAccountForm(forms.Form):
    choice = forms.ChoiceField(
        label="What should happen to what you wrote?",
        widget=forms.RadioSelect,
        choices=[
            (
                "erase",
                "Erase my words. Each of my stories and replies becomes “Removed by its author”; "
                "other people’s replies stay, so their conversations go on.",
            ),
            (
                "anonymise",
                "Keep my words, anonymously. My stories and replies stay, shown as written by "
                "“a former member”, so they can still help someone.",
            ),
        ],
        error_messages={"required": "Please choose what should happen to your words."},
    )
    confirm = forms.BooleanField(
        label="I understand that after 7 days this cannot be undone.",
        error_messages={"required": "Please tick the box to confirm, or go back if you are not sure."},
    )
