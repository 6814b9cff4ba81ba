from django import forms

from forum.models import Category, ModerationAction, Reason, SafetyRule
from forum.services.moderation import SANCTION_PERIODS
from forum.services.safety import pattern_error

Action = ModerationAction.Action


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False,
        choices=[
            ("open", "All open"),
            ("unclaimed", "Open, not claimed"),
            ("mine", "Claimed by me"),
            ("appeals", "Appeals"),
            ("resolved", "Resolved"),
        ],
    )
    reason = forms.ChoiceField(required=False, choices=[("", "Any reason"), *Reason.choices])
    # Choices read once, for both checking the value and drawing the list.
    category = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Any category"), *Category.objects.values_list("pk", "name")]


PERIOD_CHOICES = [
    ("", "Choose how long"),
    ("1", "1 day"),
    ("3", "3 days"),
    ("7", "7 days"),
    ("30", "30 days"),
]
assert {key for key, _ in PERIOD_CHOICES if key} == set(SANCTION_PERIODS)


class ActionForm(forms.Form):
    action = forms.ChoiceField(choices=Action.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Reason (kept in the audit log; the author sees it where it concerns them)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    excerpt = forms.CharField(
        label="The exact words to remove",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    category = forms.ModelChoiceField(
        label="Move to", required=False, queryset=Category.objects.filter(is_active=True)
    )
    period = forms.ChoiceField(label="For how long", required=False, choices=PERIOD_CHOICES)
    message = forms.CharField(
        label="Your message to the member",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ClaimForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    take_over = forms.BooleanField(required=False, widget=forms.HiddenInput)


class NoteForm(forms.Form):
    body = forms.CharField(
        label="Add a note (moderators only)", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RuleForm(forms.ModelForm):
    class Meta:
        model = SafetyRule
        fields = ["kind", "pattern", "action", "description", "is_active"]
        labels = {"is_active": "Active"}

    def clean_pattern(self):
        pattern = self.cleaned_data["pattern"].strip()
        error = pattern_error(pattern)
        if error:
            raise forms.ValidationError(error)
        return pattern


class RuleTestForm(forms.Form):
    text = forms.CharField(
        label="Test this text", max_length=30_000, widget=forms.Textarea(attrs={"rows": 5})
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(required=False, choices=[("", "Any action"), *Action.choices])
    page = forms.IntegerField(required=False, min_value=1)
