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
