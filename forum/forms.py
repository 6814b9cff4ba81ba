import re

from django import forms

from forum.limits import BODY_MAX_LENGTH, BODY_MIN_LENGTH, TITLE_MAX_LENGTH
from forum.models import MEMBER_REASONS, Category, Reaction, Reason, Thread

# Control characters have no place in writing and would confuse search snippets.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

ANONYMOUS_HELP = (
    "Other members will see “a member” instead of your name. Moderators can still see "
    "who wrote it, to keep everyone safe."
)


def clean_text(value):
    return _CONTROL.sub("", value).strip()


class BodyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", BODY_MAX_LENGTH)
        kwargs.setdefault("min_length", BODY_MIN_LENGTH)
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Please write something before posting.",
                "max_length": "This is longer than we can take in one post (%(limit_value)d characters; "
                "it has %(show_value)d). You could split it into a story and a reply.",
                "min_length": "Please write a little more before posting.",
            },
        )
        kwargs.setdefault(
            "help_text",
            "You can use Markdown: **bold**, *italic*, > for a quote, a blank line between paragraphs.",
        )
        super().__init__(widget=forms.Textarea(attrs={"rows": 12}), strip=False, **kwargs)

    def to_python(self, value):
        return clean_text(super().to_python(value))


class CategoryChoiceField(forms.ModelChoiceField):
    # A member should know before posting that anyone can read a public category.
    def label_from_instance(self, obj):
        return f"{obj.name} (public: anyone can read)" if obj.is_public else obj.name


class StoryForm(forms.Form):
    category = CategoryChoiceField(
        queryset=Category.objects.none(),
        empty_label="Choose where your story belongs",
        error_messages={
            "required": "Please choose where your story belongs.",
            "invalid_choice": "Please choose one of the categories in the list.",
        },
    )
    title = forms.CharField(
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": "Please give your story a title.",
            "max_length": "Please keep the title under %(limit_value)d characters (it has %(show_value)d).",
        },
        help_text="A few words about what happened. Please do not name your therapist.",
    )
    ending = forms.ChoiceField(
        label="How it ended",
        choices=[("", "Choose if you like"), *Thread.Ending.choices],
        required=False,
    )
    content_note = forms.ChoiceField(
        choices=[("", "None"), *Thread.ContentNote.choices],
        required=False,
        help_text="Readers who prefer to will see the note first and can choose to open your story.",
    )
    content_note_other = forms.CharField(
        label="Content note, in your words",
        max_length=60,
        required=False,
        help_text="If you chose “Other”: a few words, for example “pregnancy loss”.",
    )
    body = BodyField(label="Your story")
    anonymous = forms.BooleanField(label="Post anonymously", required=False, help_text=ANONYMOUS_HELP)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories

    def clean_title(self):
        title = " ".join(clean_text(self.cleaned_data["title"]).split())
        if not title:
            raise forms.ValidationError("Please give your story a title.")
        return title

    def clean_content_note_other(self):
        return " ".join(clean_text(self.cleaned_data["content_note_other"]).split())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("content_note") == Thread.ContentNote.OTHER and not cleaned.get("content_note_other"):
            self.add_error("content_note_other", "Please say in a few words what the note is about.")
        return cleaned


class ReplyForm(forms.Form):
    body = BodyField(label="Your reply")
    anonymous = forms.BooleanField(label="Reply anonymously", required=False, help_text=ANONYMOUS_HELP)


class EditForm(forms.Form):
    title = forms.CharField(max_length=TITLE_MAX_LENGTH, required=False)
    body = BodyField(label="Your words")

    def __init__(self, *args, is_opening, **kwargs):
        super().__init__(*args, **kwargs)
        if is_opening:
            self.fields["title"].required = True
            self.fields["title"].error_messages["required"] = "Please keep a title for your story."
        else:
            del self.fields["title"]

    def clean_title(self):
        return " ".join(clean_text(self.cleaned_data["title"]).split())


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.Kind.choices)


class PreviewForm(forms.Form):
    body = forms.CharField(max_length=BODY_MAX_LENGTH, required=False, strip=False)


class ListFilterForm(forms.Form):
    """The filters on story lists. Unknown values fall back to defaults, never an error."""

    ending = forms.ChoiceField(
        label="How it ended", choices=[("", "Any ending"), *Thread.Ending.choices], required=False
    )
    sort = forms.ChoiceField(
        choices=[("activity", "Latest activity"), ("newest", "Newest stories")], required=False
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search stories and replies", max_length=200, required=False)
    category = forms.ModelChoiceField(
        queryset=Category.objects.none(), required=False, empty_label="All categories"
    )
    ending = forms.ChoiceField(
        label="How it ended", choices=[("", "Any ending"), *Thread.Ending.choices], required=False
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong?",
        choices=[(reason.value, reason.label) for reason in MEMBER_REASONS],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose what is wrong, so the right moderator sees it first."},
    )
    note = forms.CharField(
        label="Anything the moderators should know (optional, required for “Something else”)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The author is never told who reported their post.",
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == Reason.OTHER and not (data.get("note") or "").strip():
            self.add_error("note", "Please tell us a little about what is wrong, so a moderator can find it.")
        return data


class AppealForm(forms.Form):
    statement = forms.CharField(
        label="Why should another moderator look at this again?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Please tell the moderators, in a few words, why you think this was a mistake."
        },
    )
