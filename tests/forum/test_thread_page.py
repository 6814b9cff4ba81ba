"""The thread page as a reader sees it: nesting, "continue this thread", permalinks, pagination."""

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from forum.models import Post
from forum.selectors.threads import DISPLAY_DEPTH, PAGE_DESCENDANTS, PER_PAGE, SUBTREE_LIMIT
from tests.forum.conftest import ReplyClock, dfs_order, reply

pytestmark = pytest.mark.usefixtures("unthrottled")

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
POST_ID = re.compile(r"^post-(\d+)$")


class ThreadHTML(HTMLParser):
    """What a reader sees of a thread page: which posts, nested under which, and the links out."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, classes, post id or None)
        self.errors = []
        self.replies = []  # (post id, id of the enclosing reply or None), in document order
        self.opening = []
        self.continuation_root = []
        self.ancestors = []
        self.links = []
        self.more = []  # (post id whose list it ends, href, text)
        self._more_open = None
        self._ids = set()
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[tag for tag, _, _ in self.stack]}")

    def _enclosing_reply(self):
        for tag, classes, post_id in reversed(self.stack):
            if tag == "li" and "reply" in classes:
                return post_id
        return None

    def _inside(self, tag_name, class_name):
        return any(tag == tag_name and class_name in classes for tag, classes, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if attrs.get("id"):
            if attrs["id"] in self._ids:
                self.errors.append(f"id {attrs['id']} used twice")  # anchors and labels would break
            self._ids.add(attrs["id"])
        match = POST_ID.match(attrs.get("id") or "")
        post_id = int(match[1]) if match else None
        if tag == "li" and "reply" in classes:
            assert post_id is not None
            if self.stack[-1][0] != "ol" or "replies" not in self.stack[-1][1]:
                self.errors.append(f"reply {post_id} is not directly inside <ol class=replies>")
            self.replies.append((post_id, self._enclosing_reply()))
        elif post_id and "opening" in classes:
            self.opening.append(post_id)
        elif post_id and "continuation__root" in classes:
            self.continuation_root.append(post_id)
        elif post_id and tag == "li" and self._inside("ol", "ancestors"):
            self.ancestors.append(post_id)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if self._inside("p", "more-replies"):
                self._more_open = [self._enclosing_reply(), attrs["href"], ""]
        if tag not in VOID:
            self.stack.append((tag, classes, post_id))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1][0] if self.stack else None}>")
            return
        self.stack.pop()
        if tag == "a" and self._more_open:
            self.more.append(tuple(self._more_open))
            self._more_open = None

    def handle_data(self, data):
        if self._more_open:
            self._more_open[2] += data

    @property
    def reply_ids(self):
        return [post_id for post_id, _ in self.replies]

    @property
    def all_ids(self):
        return set(self.reply_ids) | set(self.opening) | set(self.continuation_root) | set(self.ancestors)


def parse(response):
    page = ThreadHTML(response.content.decode())
    assert page.errors == []
    return page


def thread_url(thread):
    return reverse("forum:thread", args=[thread.pk, thread.slug])


def opening_of(thread):
    return Post.objects.get(thread=thread, depth=0)


def chain(parent, length, authors, clock=None):
    """A conversation going deeper and deeper: each reply answers the one before."""
    clock = clock or ReplyClock()
    posts = []
    for n in range(length):
        parent = reply(parent, authors[n % len(authors)], now=clock())
        posts.append(parent)
    return posts


# --- nesting and depth-first order -----------------------------------------------------------


def test_nested_replies_render_depth_first_and_nested(member_client, story, repliers):
    opening = opening_of(story)
    clock = ReplyClock()
    # Created out of depth-first order on purpose: later replies land under earlier posts.
    a = reply(opening, repliers[0], now=clock())
    b = reply(opening, repliers[1], now=clock())
    a1 = reply(a, repliers[1], now=clock())
    b1 = reply(b, repliers[2], now=clock())
    a2 = reply(a, repliers[2], now=clock())
    a1x = reply(a1, repliers[0], now=clock())
    c = reply(opening, repliers[0], now=clock())
    b1x = reply(b1, repliers[0], now=clock())
    a1y = reply(a1, repliers[2], now=clock())

    page = parse(member_client.get(thread_url(story)))

    assert page.reply_ids == [p.pk for p in (a, a1, a1x, a1y, a2, b, b1, b1x, c)]
    nested_under = dict(page.replies)
    assert nested_under == {
        a.pk: None, b.pk: None, c.pk: None,
        a1.pk: a.pk, a2.pk: a.pk, b1.pk: b.pk,
        a1x.pk: a1.pk, a1y.pk: a1.pk, b1x.pk: b1.pk,
    }  # fmt: skip
    assert page.opening == [opening.pk]
    assert page.more == []


@pytest.mark.parametrize("seed", [11, 12])
def test_random_tree_renders_in_depth_first_order(member_client, story, tree_builder, seed):
    posts = tree_builder(story, size=60, seed=seed)
    by_id = {p.pk: p for p in posts}
    order = {pk: index for index, pk in enumerate(dfs_order(posts))}

    page = parse(member_client.get(thread_url(story)))

    shown = page.reply_ids
    assert shown == sorted(shown, key=order.__getitem__)
    for post_id, under in page.replies:
        expected = by_id[post_id].parent_id
        assert (under or opening_of(story).pk) == expected


# --- continue this thread, and permalinks ----------------------------------------------------


def test_deep_replies_are_behind_continue_this_thread(member_client, story, repliers):
    levels = chain(opening_of(story), 12, repliers)  # levels[k] is at depth k + 1

    page = parse(member_client.get(thread_url(story)))

    assert page.reply_ids == [p.pk for p in levels[:DISPLAY_DEPTH]]
    fifth = levels[DISPLAY_DEPTH - 1]
    ((after, href, text),) = page.more
    assert after == fifth.pk
    assert href == reverse("forum:replies", args=[fifth.pk])
    assert "Continue this thread" in text
    assert "(1 reply to this post)" in " ".join(text.split())  # direct replies, as everywhere

    continued = parse(member_client.get(href))

    assert continued.continuation_root == [fifth.pk]
    assert continued.opening == [opening_of(story).pk]
    assert continued.ancestors == [p.pk for p in levels[: DISPLAY_DEPTH - 1]]
    assert continued.reply_ids == [p.pk for p in levels[DISPLAY_DEPTH : 2 * DISPLAY_DEPTH]]
    ((after, href, text),) = continued.more
    assert after == levels[2 * DISPLAY_DEPTH - 1].pk
    assert href == reverse("forum:replies", args=[after])
    assert "Continue this thread" in text


def test_permalink_to_a_depth_7_reply_shows_it_with_its_ancestors(member_client, story, repliers):
    opening = opening_of(story)
    levels = chain(opening, 9, repliers)
    target = levels[6]
    assert target.depth == 7

    response = member_client.get(reverse("forum:post", args=[target.pk]))

    assert response.status_code == 302
    assert response.url.endswith(f"#post-{target.pk}")
    landing = member_client.get(response.url)
    assert f'id="post-{target.pk}"' in landing.content.decode()
    page = parse(landing)
    assert target.pk in page.reply_ids
    assert {opening.pk, *(p.pk for p in levels[:6])} <= page.all_ids


def test_permalink_to_a_reply_on_page_two(member_client, story, repliers):
    opening = opening_of(story)
    clock = ReplyClock()
    top = [reply(opening, repliers[n % 3], now=clock()) for n in range(PER_PAGE + 3)]
    target = reply(top[PER_PAGE + 1], repliers[0], now=clock())

    response = member_client.get(reverse("forum:post", args=[target.pk]))

    assert response.url == f"{thread_url(story)}?page=2#post-{target.pk}"
    page = parse(member_client.get(response.url))
    assert target.pk in page.reply_ids
    assert top[0].pk not in page.reply_ids


def test_opening_post_permalink_goes_to_the_thread(member_client, story):
    opening = opening_of(story)
    response = member_client.get(reverse("forum:post", args=[opening.pk]))
    assert response.url == f"{thread_url(story)}#post-{opening.pk}"


# --- every reply reachable: crawl the links a reader can follow ------------------------------


def _crawl(client, start):
    """Every thread and continue page reachable from `start` through links on the pages."""
    pages = {}  # (root id, sort, page number) -> parsed page
    seen_urls = set()
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen_urls:
            continue
        seen_urls.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        context = response.context["page"]
        key = (context.root.pk, context.sort, context.page_number)
        parsed = parse(response)
        pages.setdefault(key, parsed)
        for href in parsed.links:
            target = urlsplit(urljoin(url, href))
            try:
                view = resolve(target.path).view_name
            except Resolver404:
                continue
            if view in ("forum:thread", "forum:replies"):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return pages


def wide_with_a_busy_branch(rng, posts):
    """More than a page of replies to the story, and one branch with far more than 12 replies under it."""
    opening = posts[0]
    top = [p for p in posts if p.depth == 1]
    if len(top) < PER_PAGE + 5:
        return opening
    busy = [p for p in posts if p.path.startswith(top[2].path)]
    roll = rng.random()
    if roll < 0.2:
        return opening
    if roll < 0.6:
        return rng.choice(busy)
    return rng.choice(posts)


def one_crowded_reply(rng, posts):
    """One reply that more than a page of people answer directly."""
    top = [p for p in posts if p.depth == 1]
    if not top:
        return posts[0]
    return top[0] if rng.random() < 0.5 else rng.choice(posts)


def mostly_deep(rng, posts):
    """Long conversations: most replies answer the latest reply."""
    return posts[-1] if rng.random() < 0.75 else rng.choice(posts)


@pytest.mark.parametrize(
    ("seed", "shape", "size"),
    [
        (21, None, 150),
        (22, None, 150),
        (23, wide_with_a_busy_branch, 150),
        (24, mostly_deep, 120),
        (25, one_crowded_reply, 120),
    ],
)
def test_every_reply_is_reachable_by_following_links(member_client, story, tree_builder, seed, shape, size):
    posts = tree_builder(story, size=size, seed=seed, parents=shape)
    opening = posts[0]
    by_id = {p.pk: p for p in posts}
    children = defaultdict(set)
    for post in posts[1:]:
        children[post.parent_id].add(post.pk)
    order = {pk: index for index, pk in enumerate(dfs_order(posts))}
    if shape is wide_with_a_busy_branch:
        assert len(children[opening.pk]) > PER_PAGE
        assert any(p.depth == 1 and sum(q.path.startswith(p.path) for q in posts) > 20 for p in posts)
    if shape is one_crowded_reply:
        assert len(children[posts[1].pk]) > PER_PAGE

    pages = _crawl(member_client, thread_url(story))

    reached = set()
    page_sets = defaultdict(list)
    for (root_id, sort, _), page in pages.items():
        # The story itself is at the top of every page.
        assert page.opening == [opening.pk]
        page_sets[(root_id, sort)].extend(page.reply_ids)
        reached |= set(page.reply_ids)
        shown = set(page.reply_ids) | {root_id}
        for post_id, under in page.replies:
            # Each reply sits in its parent's list (top-level ones directly under the page's root).
            assert (under or root_id) == by_id[post_id].parent_id
        if sort == "oldest":
            assert page.reply_ids == sorted(page.reply_ids, key=order.__getitem__)
        for post_id, href, text in page.more:
            # The link under a reply says truthfully how much is left out, and leads to it.
            assert href == reverse("forum:replies", args=[post_id])
            hidden = children[post_id] - shown
            number = int(re.search(r"\d+", text.replace("Continue this thread", ""))[0])
            if "Continue this thread" in text:
                assert hidden == children[post_id]
                assert number == len(children[post_id])
            else:
                assert hidden and number == len(hidden)
        for post_id in set(page.reply_ids):
            if children[post_id] - shown:
                assert post_id in {m[0] for m in page.more}, f"replies to {post_id} hidden without a link"

    assert any(page.more for page in pages.values())
    assert reached == set(by_id) - {opening.pk}
    for (root_id, sort), ids in page_sets.items():
        assert len(ids) == len(set(ids)), f"a reply shown twice on the pages of {root_id} ({sort})"
    # All of the thread's own pages were visited, in both orders.
    thread_pages = {number for (root_id, sort, number) in pages if root_id == opening.pk and sort == "oldest"}
    assert thread_pages == set(range(1, -(-len(children[opening.pk]) // PER_PAGE) + 1))


@pytest.mark.parametrize(
    ("seed", "shape"),
    [(31, None), (32, "wide_with_a_busy_branch"), (33, "mostly_deep"), (34, "one_crowded_reply")],
)
def test_permalinks_land_on_a_page_with_the_post_and_its_ancestors(
    member_client, story, tree_builder, seed, shape
):
    posts = tree_builder(story, size=100, seed=seed, parents=globals()[shape] if shape else None)
    by_id = {p.pk: p for p in posts}
    landings = {}
    # Where the story's own pages show each reply: a permalink goes there rather than
    # to a "continue this thread" page.
    on_thread_page = {}
    for number in range(1, -(-sum(p.depth == 1 for p in posts) // PER_PAGE) + 1):
        url = thread_url(story) + (f"?page={number}" if number > 1 else "")
        landings[url] = parse(member_client.get(url))
        on_thread_page.update(dict.fromkeys(landings[url].reply_ids, url))

    for post in posts[1:]:
        response = member_client.get(reverse("forum:post", args=[post.pk]))
        assert response.url.endswith(f"#post-{post.pk}")
        url = response.url.split("#")[0]
        if url not in landings:  # many posts share a page; read each page once
            landings[url] = parse(member_client.get(url))
        page = landings[url]
        assert post.pk in page.reply_ids, f"post {post.pk} at depth {post.depth} not on {response.url}"
        if post.pk in on_thread_page:
            assert url == on_thread_page[post.pk]
        ancestors = set()
        parent = by_id.get(post.parent_id)
        while parent is not None:
            ancestors.add(parent.pk)
            parent = by_id.get(parent.parent_id)
        assert ancestors <= page.all_ids


def test_trimmed_branch_shows_nearest_levels_first(member_client, story, repliers):
    opening = opening_of(story)
    clock = ReplyClock()
    top = reply(opening, repliers[0], now=clock())
    firsts = [reply(top, repliers[1], now=clock()) for _ in range(SUBTREE_LIMIT - 2)]
    deep = [reply(firsts[0], repliers[2], now=clock()) for _ in range(5)]

    page = parse(member_client.get(thread_url(story)))

    # Direct replies to `top` come before any deeper reply, so nothing is shown without its parent.
    assert set(p.pk for p in firsts) <= set(page.reply_ids)
    assert len([pk for pk in page.reply_ids if pk in {p.pk for p in deep}]) == 2
    ((after, href, text),) = page.more
    assert after == firsts[0].pk
    assert href == reverse("forum:replies", args=[firsts[0].pk])
    assert "3 more replies to this" in " ".join(text.split())


def test_a_lively_reply_does_not_crowd_out_the_others(member_client, story, repliers):
    opening = opening_of(story)
    clock = ReplyClock()
    top = [reply(opening, repliers[n % 3], now=clock()) for n in range(PER_PAGE)]
    lively = [reply(top[0], repliers[n % 3], now=clock()) for n in range(SUBTREE_LIMIT + 8)]
    quiet = [[reply(post, repliers[n % 3], now=clock()) for n in range(2)] for post in top[1:]]

    page = parse(member_client.get(thread_url(story)))

    shown = set(page.reply_ids)
    # Every reply on the page shows how it was first answered, the lively one included...
    assert {top[0].pk, lively[0].pk} <= shown
    assert all(answers[0].pk in shown for answers in quiet)
    # ...and the page stays the same size however many answers there are.
    assert len(page.reply_ids) == PER_PAGE + PAGE_DESCENDANTS
    assert len(shown & {p.pk for p in lively}) < SUBTREE_LIMIT
    more = {after: text for after, _, text in page.more}
    hidden = len(lively) - len(shown & {p.pk for p in lively})
    assert f"{hidden} more replies to this" in " ".join(more[top[0].pk].split())


# --- sorting, pagination and bad input -------------------------------------------------------


def test_newest_first_reverses_the_top_level_order(member_client, story, repliers):
    opening = opening_of(story)
    clock = ReplyClock()
    top = [reply(opening, repliers[n % 3], now=clock()) for n in range(PER_PAGE + 4)]
    reply(top[0], repliers[1], now=clock())

    oldest = parse(member_client.get(thread_url(story)))
    newest = parse(member_client.get(thread_url(story) + "?sort=newest"))

    top_ids = [p.pk for p in top]
    assert [pk for pk, under in oldest.replies if under is None] == top_ids[:PER_PAGE]
    assert [pk for pk, under in newest.replies if under is None] == top_ids[::-1][:PER_PAGE]
    newest_two = parse(member_client.get(thread_url(story) + "?sort=newest&page=2"))
    assert [pk for pk, under in newest_two.replies if under is None] == top_ids[::-1][PER_PAGE:]
    assert "?sort=newest&amp;page=2" in member_client.get(thread_url(story) + "?sort=newest").content.decode()


@pytest.mark.parametrize(
    "query", ["?page=abc", "?page=-3", "?page=0", "?page=99999", "?sort=evil", "?page=2.5&sort=", "?page=%00"]
)
def test_bad_page_and_sort_values_still_show_the_story(member_client, story, repliers, query):
    opening = opening_of(story)
    first = reply(opening, repliers[0])
    reply(first, repliers[1])

    for url in (thread_url(story), reverse("forum:replies", args=[first.pk])):
        response = member_client.get(url + query)
        assert response.status_code == 200
        page = parse(response)
        assert page.opening == [opening.pk]
        assert page.reply_ids


def test_unknown_thread_and_post_are_404(member_client, story):
    missing = Post.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    assert member_client.get(reverse("forum:thread", args=[story.pk + 1000, "any"])).status_code == 404
    assert member_client.get(reverse("forum:thread_short", args=[story.pk + 1000])).status_code == 404
    for name in ("forum:post", "forum:replies", "forum:reply", "forum:post_edit", "forum:post_delete"):
        assert member_client.get(reverse(name, args=[missing])).status_code == 404, name
    # Ids too large for the database's integer columns are just as unknown.
    huge = 10**20
    assert member_client.get(reverse("forum:thread_short", args=[huge])).status_code == 404
    assert member_client.get(reverse("forum:post", args=[huge])).status_code == 404
    assert member_client.get(reverse("forum:replies", args=[huge])).status_code == 404


def test_slugless_and_wrong_slug_urls_redirect_to_the_canonical_one(member_client, story):
    canonical = thread_url(story)
    assert story.slug == "my-therapist-retired-without-a-goodbye"

    for url in (
        reverse("forum:thread_short", args=[story.pk]),
        reverse("forum:thread", args=[story.pk, "old"]),
    ):
        response = member_client.get(url)
        assert response.status_code == 301
        assert response.url == canonical
    response = member_client.get(reverse("forum:thread_short", args=[story.pk]) + "?page=2")
    assert response.url == canonical + "?page=2"


def test_continue_page_for_the_opening_post_redirects_to_the_thread(member_client, story):
    response = member_client.get(reverse("forum:replies", args=[opening_of(story).pk]))
    assert response.status_code == 302
    assert response.url == thread_url(story)


def test_opening_post_is_on_every_page(member_client, story, repliers):
    opening = opening_of(story)
    clock = ReplyClock()
    for n in range(2 * PER_PAGE + 1):
        reply(opening, repliers[n % 3], now=clock())

    for number in (1, 2, 3):
        response = member_client.get(f"{thread_url(story)}?page={number}")
        page = parse(response)
        assert page.opening == [opening.pk]
        assert "After eleven years she told me in a letter." in response.content.decode()
        assert f"Page {number} of 3" in response.content.decode()
