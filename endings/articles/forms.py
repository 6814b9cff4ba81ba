from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from accounts.roles import EDITOR, GROUP_NAMES
from endings.articles.models import Article
from endings.articles.topics import Topic
from forum.forms import CategoryChoiceField, clean_text
from forum.models import Category

TEXT_FIELDS = (
    "title",
    "standfirst",
    "body",
    "source_title",
    "source_author",
    "source_publication",
    "summary",
    "why_chosen",
)


class ArticleForm(forms.ModelForm):
    """The article's words and details, for the editor pages and the admin. The workflow is separate."""

    topics = forms.MultipleChoiceField(
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="“How it ended” topics also find the stories with the same tag.",
    )

    class Meta:
        model = Article
        fields = [
            "kind",
            "title",
            "slug",
            "standfirst",
            "topics",
            "body",
            "source_title",
            "source_author",
            "source_publication",
            "source_url",
            "source_date",
            "summary",
            "why_chosen",
            "authors",
            "about_suicide_or_death",
            "is_featured",
            "last_reviewed_on",
            "discussion_category",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "standfirst": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 24}),
            "summary": forms.Textarea(attrs={"rows": 8}),
            "why_chosen": forms.Textarea(attrs={"rows": 5}),
            "source_date": forms.DateInput(attrs={"type": "date"}),
            "last_reviewed_on": forms.DateInput(attrs={"type": "date"}),
            "authors": forms.CheckboxSelectMultiple,
        }
        field_classes = {"discussion_category": CategoryChoiceField}
        error_messages = {
            "title": {"required": "Please give the article a title."},
            "standfirst": {"required": "Please write a sentence or two to go under the title."},
            "source_url": {
                "invalid": "Please give the web address of the original piece, starting with https://."
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if "authors" in self.fields:
            # Bylines come from the people who edit the site, never the whole membership.
            current = instance.authors.all() if instance.pk else get_user_model().objects.none()
            self.fields["authors"].queryset = (
                get_user_model()
                .objects.filter(
                    Q(groups__name=GROUP_NAMES[EDITOR]) | Q(is_staff=True) | Q(pk__in=current.values("pk"))
                )
                .distinct()
                .order_by("display_name")
            )
            self.fields["authors"].label_from_instance = lambda user: user.display_name
        if "discussion_category" in self.fields:
            self.fields["discussion_category"].queryset = Category.objects.filter(is_active=True)
            self.fields["discussion_category"].empty_label = "No discussion"
        if instance.pk and "topics" in self.fields:
            self.initial.setdefault("topics", instance.topic_values)

    GROUPS = [
        ("The article", ["kind", "title", "slug", "standfirst", "topics"]),
        ("Written for Endings", ["body"]),
        (
            "A summary of writing elsewhere",
            [
                "source_title",
                "source_author",
                "source_publication",
                "source_url",
                "source_date",
                "summary",
                "why_chosen",
            ],
        ),
        (
            "Details",
            ["authors", "about_suicide_or_death", "is_featured", "last_reviewed_on", "discussion_category"],
        ),
    ]

    def groups(self):
        """(legend, bound fields) for each part of the editor's form."""
        return [
            (legend, [self[name] for name in names if name in self.fields]) for legend, names in self.GROUPS
        ]

    def _clean_text(self, name):
        return clean_text(self.cleaned_data.get(name) or "")

    def clean_title(self):
        return " ".join(self._clean_text("title").split())

    def clean_standfirst(self):
        return " ".join(self._clean_text("standfirst").split())

    def clean_body(self):
        return self._clean_text("body")

    def clean_summary(self):
        return self._clean_text("summary")

    def clean_why_chosen(self):
        return self._clean_text("why_chosen")

    def clean_source_title(self):
        return " ".join(self._clean_text("source_title").split())

    def clean_source_author(self):
        return " ".join(self._clean_text("source_author").split())

    def clean_source_publication(self):
        return " ".join(self._clean_text("source_publication").split())


class WorkflowForm(forms.Form):
    ACTIONS = {
        "review": Article.State.REVIEW,
        "draft": Article.State.DRAFT,
        "publish": Article.State.PUBLISHED,
        "schedule": Article.State.PUBLISHED,
        "archive": Article.State.ARCHIVED,
    }
    action = forms.ChoiceField(
        choices=[
            ("review", "Send for review"),
            ("draft", "Return to draft"),
            ("publish", "Publish now"),
            ("schedule", "Schedule"),
            ("archive", "Archive"),
        ]
    )
    publish_at = forms.DateTimeField(
        label="Publish on",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="In your own time zone.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "schedule":
            when = cleaned.get("publish_at")
            if when is None:
                self.add_error("publish_at", "Please choose when to publish it.")
            elif when <= timezone.now():
                self.add_error("publish_at", "Please choose a time in the future, or publish it now.")
        else:
            cleaned["publish_at"] = None
        return cleaned

    @property
    def state(self):
        return self.ACTIONS[self.cleaned_data["action"]]

    @classmethod
    def actions_for(cls, article, now=None):
        """The (action, label) choices that make sense for the article as it is now."""
        if article.is_live_at(now or timezone.now()):
            wanted = {"draft", "archive"}
        elif article.is_scheduled:
            wanted = {"publish", "schedule", "draft", "archive"}
        else:
            # Everything but staying where it is.
            current = {"draft": "draft", "review": "review", "archived": "archive"}.get(article.state)
            wanted = set(cls.ACTIONS) - {current}
        return [(value, label) for value, label in cls.base_fields["action"].choices if value in wanted]


class DiscussionForm(forms.Form):
    category = CategoryChoiceField(
        queryset=Category.objects.filter(is_active=True),
        empty_label="Choose a category",
        error_messages={"required": "Please choose where the discussion belongs."},
    )


class ArticleFilterForm(forms.Form):
    """The index's topic filter and search. Unknown values fall back to everything, never an error."""

    q = forms.CharField(label="Search articles", max_length=200, required=False)
    topic = forms.ChoiceField(choices=[("", "All topics"), *Topic.choices], required=False)


class DeskFilterForm(forms.Form):
    q = forms.CharField(label="Title or standfirst", max_length=200, required=False)
    state = forms.ChoiceField(
        label="State",
        choices=[
            ("", "Every state"),
            (Article.State.DRAFT, "Drafts"),
            (Article.State.REVIEW, "In review"),
            ("scheduled", "Scheduled"),
            (Article.State.PUBLISHED, "Published"),
            (Article.State.ARCHIVED, "Archived"),
        ],
        required=False,
    )
