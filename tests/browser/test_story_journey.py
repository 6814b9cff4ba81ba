"""Issues 3 and 8: a story, a quote, a nested conversation and a reaction, with and without
JavaScript; with JavaScript on, the listener does everything by keyboard (tests/browser/person.py)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from forum.models import Post, Thread
from tests.browser.content import a_month_old_member, sign_in
from tests.browser.person import Person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]

CATEGORY = "When it ended abruptly"
TITLE = "She cancelled by voicemail after six years"
STORY = (
    "I found out on a Tuesday. **Six years** and then a voicemail.\n\n"
    "<script>alert(1)</script>\n\n"
    "I still drive past the building."
)
QUOTE_REPLY = "Me too. I still take the long way round."
REPLIES = [
    "The voicemail part hit me hard. Mine ended with an email.",
    "Writing to add: it does get quieter, slowly.",
    "And a third thought, one level deeper still.",
]


def watch(page):
    """Record main-frame navigations and any dialog (an alert would mean a script ran)."""
    seen = {"navigations": [], "dialogs": []}
    page.on(
        "framenavigated", lambda frame: frame == page.main_frame and seen["navigations"].append(frame.url)
    )

    def refuse(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    return seen


def open_content_note(page, person=None):
    (person or Person(page, keyboard=False)).click(
        page.locator("summary", has_text="This story has a content note")
    )


def expect_posted(page, text):
    # The previous reply's "posted" message may still be showing: wait for the new words.
    expect(page.locator(".post-body").get_by_text(text, exact=True)).to_be_visible()
    expect(page.get_by_text("Your reply is posted.")).to_be_visible()


def reply_through_post_link(page, post, text, *, javascript, screenshot=None):
    """Use a post's "Reply" link: inline with JavaScript (by keyboard), the reply page without."""
    does = Person(page, keyboard=javascript)
    thread_url = page.url
    does.click(post.get_by_role("link", name=re.compile("^Reply to ")))
    if javascript:
        form = post
        expect(form.get_by_label("Your reply")).to_be_visible()
        assert page.url == thread_url
        # Beside the page's own reply form, each label still finds its own field.
        expect(page.get_by_label("Your reply")).to_have_count(2)
    else:
        form = page
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Reply"))
    does.fill(form.get_by_label("Your reply"), text)
    if screenshot:
        screenshot("reply-form", of=page)
    does.click(form.get_by_role("button", name="Post reply"))
    expect_posted(page, text)


def reply_with_keyboard(page, post, text):
    """Tab to the post's "Reply" link, Enter, type, Tab to "Post reply", Enter."""
    reply_link = post.get_by_role("link", name=re.compile("^Reply to "))
    post_button = post.get_by_role("button", name="Post reply")
    for _ in range(80):
        page.keyboard.press("Tab")
        if reply_link.evaluate("el => el === document.activeElement"):
            break
    expect(reply_link).to_be_focused()
    page.keyboard.press("Enter")
    # The form opens under the post with the cursor in it.
    expect(post.get_by_label("Your reply")).to_be_focused()
    page.keyboard.type(text)
    for _ in range(10):
        page.keyboard.press("Tab")
        if post_button.evaluate("el => el === document.activeElement"):
            break
    expect(post_button).to_be_focused()
    page.keyboard.press("Enter")
    expect_posted(page, text)


def select_text(locator):
    """Select an element's text, as a reader dragging over it would."""
    locator.evaluate(
        """el => {
          const range = document.createRange();
          range.selectNodeContents(el);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }"""
    )


def quote_the_story(page, story, *, javascript):
    """ "Quote": with JavaScript and a passage selected, just that passage; otherwise the whole story."""
    quote = story.get_by_role("link", name=re.compile("^Quote "))
    if javascript:
        select_text(story.get_by_text("I still drive past the building."))
        quote.click()
        expected = "> I still drive past the building.\n\n"
    else:
        Person(page, keyboard=True).click(quote)
        expected = "> I found out on a Tuesday. **Six years** and then a voicemail.\n>\n"
    expect(page.get_by_role("heading", level=1)).to_have_text("Reply")
    field = page.get_by_label("Your reply")
    value = field.input_value()
    assert value.startswith(expected), value
    if javascript:
        assert value == expected
    field.press("ControlOrMeta+End")
    field.press_sequentially(QUOTE_REPLY)
    page.get_by_role("button", name="Post reply").click()
    expect(
        page.locator(".post-body blockquote").filter(has_text="I still drive past the building.")
    ).to_be_visible()
    expect(page.get_by_text("Your reply is posted.")).to_be_visible()


def test_story_nested_replies_and_a_reaction(page, new_context, javascript, tasks_in_process, screenshot):
    teller = a_month_old_member("Harbour Light")
    listener = a_month_old_member("Quiet Fern")
    seen_a = watch(page)

    # 1. Member A tells a story, previewing it first (by keyboard, with JavaScript on).
    teller_does = Person(page, keyboard=javascript)
    sign_in(page, teller, person=teller_does)
    page.goto("/stories/")
    teller_does.click(page.get_by_role("link", name="Tell your story"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell your story")
    teller_does.select(page.get_by_label("Category"), label=CATEGORY)
    teller_does.fill(page.get_by_label("Title"), TITLE)
    teller_does.select(page.get_by_label("How it ended"), label="Ended abruptly")
    teller_does.select(page.get_by_role("combobox", name="Content note"), label="Death")
    teller_does.fill(page.get_by_label("Your story"), STORY)

    form_url = page.url
    seen_a["navigations"].clear()
    teller_does.click(page.get_by_role("button", name="Preview"))
    preview = page.get_by_role("region", name="Preview")
    expect(preview.locator("strong")).to_have_text("Six years")
    expect(preview).to_contain_text("<script>alert(1)</script>")
    if javascript:
        assert seen_a["navigations"] == [], "the preview should appear without leaving the page"
        assert page.url == form_url
    # Either way, what was typed is still there.
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    expect(page.get_by_label("Your story")).to_have_value(STORY)
    expect(page.get_by_label("Category")).to_have_value(re.compile(r"^\d+$"))
    screenshot("story-form-preview")

    teller_does.click(page.get_by_role("button", name="Post your story"))
    expect(page.get_by_text("Your story is posted.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Content note: Death", exact=True)).to_be_visible()
    expect(page.get_by_text("This story has a content note")).to_contain_text("Death")
    story_text = page.get_by_text("I still drive past the building.")
    expect(story_text).to_be_hidden()  # behind the content note until the reader opens it
    open_content_note(page, teller_does)
    expect(story_text).to_be_visible()
    expect(page.locator(".post-body strong")).to_have_text("Six years")
    expect(page.get_by_text("<script>alert(1)</script>")).to_be_visible()
    expect(page.locator(".post-body script")).to_have_count(0)

    thread = Thread.objects.get(title=TITLE)
    opening = Post.objects.get(thread=thread, depth=0)

    # 2. Member B quotes the story and answers, and the conversation goes three replies deep
    # (by keyboard with JavaScript, but for selecting the passage to quote).
    page_b = new_context().new_page()
    listener_does = Person(page_b, keyboard=javascript)
    seen_b = watch(page_b)
    sign_in(page_b, listener, person=listener_does)
    page_b.goto("/stories/")
    listener_does.click(page_b.get_by_role("link", name=TITLE))
    expect(page_b.get_by_role("heading", level=1)).to_have_text(TITLE)
    open_content_note(page_b, listener_does)
    story_b = page_b.get_by_role("article", name=teller.display_name)
    quote_the_story(page_b, story_b, javascript=javascript)
    quoted = Post.objects.get(thread=thread, depth=1)
    assert quoted.body.startswith("> ") and quoted.body.endswith(QUOTE_REPLY)

    open_content_note(page_b, listener_does)
    story_b = page_b.get_by_role("article", name=teller.display_name)
    reply_through_post_link(page_b, story_b, REPLIES[0], javascript=javascript)

    first = Post.objects.get(thread=thread, depth=1, body=REPLIES[0])
    first_post = page_b.locator(f"#post-{first.pk} > article")
    expect(first_post).to_contain_text(REPLIES[0])
    if javascript:
        reply_with_keyboard(page_b, first_post, REPLIES[1])
    else:
        reply_through_post_link(page_b, first_post, REPLIES[1], javascript=False)

    second = Post.objects.get(thread=thread, depth=2)
    second_post = page_b.locator(f"#post-{second.pk} > article")
    reply_through_post_link(page_b, second_post, REPLIES[2], javascript=javascript, screenshot=screenshot)
    third = Post.objects.get(thread=thread, depth=3)
    assert third.parent_id == second.pk and second.parent_id == first.pk and first.parent_id == opening.pk

    # The deepest reply's permalink opens the thread at that reply, under its ancestors.
    page_b.goto(reverse("forum:post", args=[third.pk]))
    expect(page_b).to_have_url(re.compile(rf"{thread.get_absolute_url()}#post-{third.pk}$"))
    expect(page_b.locator(":target")).to_have_attribute("id", f"post-{third.pk}")
    expect(page_b.locator(f"#post-{third.pk}")).to_be_in_viewport()
    for post, text in ((first, REPLIES[0]), (second, REPLIES[1]), (third, REPLIES[2])):
        expect(page_b.locator(f"#post-{post.pk} .post-body").first).to_have_text(text)
    nested = page_b.locator(f"#post-{first.pk} #post-{second.pk} #post-{third.pk}")
    expect(nested).to_be_visible()

    # 3. Member B sends support to A's story, and takes it back (by keyboard with JavaScript:
    # the focus stays on the button when the reactions are redrawn).
    open_content_note(page_b, listener_does)
    story_b = page_b.get_by_role("article", name=teller.display_name)
    support = story_b.get_by_role("button", name="Sending support")
    expect(support).to_have_attribute("aria-pressed", "false")
    keyboard = Person(page_b, keyboard=True)
    for pressed, label in (("true", re.compile(r"^Sending support\s*· 1$")), ("false", "Sending support")):
        before = page_b.url
        seen_b["navigations"].clear()
        if javascript:
            if pressed == "true":
                keyboard.tab_to(support)
            page_b.keyboard.press("Enter")
        else:
            with page_b.expect_navigation():
                support.click()
            # The page comes back with the story folded behind its note again.
            open_content_note(page_b)
        expect(support).to_have_attribute("aria-pressed", pressed)
        expect(support).to_have_text(label)
        if javascript:
            assert seen_b["navigations"] == [] and page_b.url == before, "the reaction should toggle in place"
            expect(support).to_be_focused()
            # htmx wires up the redrawn buttons once they settle (20 ms); a key pressed
            # sooner sends the plain form instead, which works too but reloads the page.
            expect(story_b.locator(".reactions")).not_to_have_class(re.compile(r"htmx-(added|settling)"))

    # 4. Member A hears about the replies and goes straight to the latest one.
    page.goto("/stories/")
    notifications = page.get_by_role("link", name=re.compile("^Notifications"))
    expect(notifications).to_have_text(re.compile(r"^Notifications\s*1\s*unread$"))
    teller_does.click(notifications)
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    note = page.get_by_role("link", name=re.compile(rf"2 replies to you and 2 new replies in .{TITLE}."))
    teller_does.click(note)
    expect(page).to_have_url(re.compile(rf"#post-{third.pk}$"))
    expect(page.locator(f"#post-{third.pk}")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    screenshot("thread-nested-replies")

    assert seen_a["dialogs"] == [] and seen_b["dialogs"] == []
