"""The thread page: the opening post, then one page of replies as a tree.

A page is rooted at a post: the opening post for the thread's own pages, or a
deeper reply for "continue this thread". Its direct replies are paginated
(PER_PAGE a page); under them, down to DISPLAY_DEPTH levels below the root,
the page shows at most PAGE_DESCENDANTS more replies, shared out in turns:
every reply on the page gets its nearest reply first, then its second, and
so on, at most SUBTREE_LIMIT each. A lively branch therefore never crowds
out the others, and a page shows at most PER_PAGE + PAGE_DESCENDANTS
replies whatever the size of the thread. Whatever is left out is one link
away ("more replies", "continue this thread"), so every reply is reachable.
"""

import functools
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, F, IntegerField, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import RowNumber, Substr
from django.http import Http404
from django.urls import reverse

from forum import permissions, tree
from forum.models import Post, PostRevision, Reaction, Thread, ThreadFollow, ThreadVisit
from forum.models.reactions import REACTION_COUNTERS
from forum.selectors.viewer_filters import posts_apply_viewer_filters
from forum.selectors.visibility import author_label, post_listed_for, posts_visible_to

PER_PAGE = 20
SUBTREE_LIMIT = 12
PAGE_DESCENDANTS = 30
DISPLAY_DEPTH = 5
SORTS = ("oldest", "newest")
# What a thread page never shows of a post: its Markdown source and what search reads.
NOT_SHOWN = ("body", "search_title", "search_document")


@dataclass
class ReplyNode:
    post: object
    level: int  # 1 for the root's direct replies
    shown_children: int = 0
    closes: list = field(default_factory=list)

    @property
    def hidden_children(self):
        return self.post.reply_count - self.shown_children

    @property
    def at_display_limit(self):
        return self.level >= DISPLAY_DEPTH


@dataclass
class ThreadPage:
    thread: object
    opening: object
    root: object  # the opening post, or the reply a "continue" page starts from
    ancestors: list  # between the opening post and the root, for context
    nodes: list
    page_number: int
    page_count: int
    sort: str
    following: bool
    last_seen_at: object

    @property
    def is_continuation(self):
        return self.root.depth > 0

    @property
    def has_previous(self):
        return self.page_number > 1

    @property
    def has_next(self):
        return self.page_number < self.page_count


@functools.cache
def _thread_attachments():
    """What apps above the forum attach one-to-one to a thread (an article's discussion).

    Loaded with the thread, so the page can link to it without a query of its own;
    the forum itself names none of them.
    """
    return tuple(f"thread__{rel.name}" for rel in Thread._meta.related_objects if rel.one_to_one)


def _root_query(user, *, thread_id=None, post_id=None):
    posts = (
        posts_visible_to(user)
        .select_related("thread__category", "author", *_thread_attachments())
        .defer(*NOT_SHOWN)
    )
    if user.is_authenticated:
        posts = posts.annotate(
            viewer_following=Subquery(
                ThreadFollow.objects.filter(member=user, thread=OuterRef("thread")).values("following")[:1]
            ),
            viewer_seen_at=Subquery(
                ThreadVisit.objects.filter(member=user, thread=OuterRef("thread")).values("seen_at")[:1]
            ),
        )
    try:
        if post_id is not None:
            return posts.get(pk=post_id)
        return posts.get(thread_id=thread_id, depth=0)
    except Post.DoesNotExist:
        raise Http404("No such story, or it is shared with members only.") from None


def _subtree(posts, root):
    if root.depth == 0:
        return posts
    return posts.filter(path__gt=root.path, path__lt=tree.successor(root.path))


def _page_count(root):
    return max(1, -(-root.reply_count // PER_PAGE))


def _clamp_page(raw, count):
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), count)


def thread_page(user, *, thread_id=None, root_post_id=None, page=1, sort="oldest"):
    """Everything the thread template needs, in a fixed number of queries."""
    root = _root_query(user, thread_id=thread_id, post_id=root_post_id)
    thread = root.thread
    sort = sort if sort in SORTS else "oldest"
    page_count = _page_count(root)
    page_number = _clamp_page(page, page_count)

    base = (
        Post.objects.filter(thread=thread)
        .filter(post_listed_for(user))
        .select_related("author")
        .defer(*NOT_SHOWN)
    )
    in_subtree = _subtree(base, root)
    children = list(
        in_subtree.filter(depth=root.depth + 1).order_by("path" if sort == "oldest" else "-path")[
            (page_number - 1) * PER_PAGE : page_number * PER_PAGE
        ]
    )
    descendants = _descendants(in_subtree, root, children, sort)
    ancestors = []
    opening = root
    if root.depth > 0:
        ancestors = list(base.filter(path__in=tree.ancestor_paths(root.path)).order_by("path"))
        opening = ancestors.pop(0)
    nodes = _arrange(root, children, descendants)

    last_seen_at = getattr(root, "viewer_seen_at", None)
    shown = [*ancestors, opening, root, *(node.post for node in nodes)]
    posts_prepare(shown, user, last_seen_at=last_seen_at)
    # Blocked members, muted words, hidden posts: one query (forum/selectors/viewer_filters.py).
    posts_apply_viewer_filters(user, shown)
    return ThreadPage(
        thread=thread,
        opening=opening,
        root=root,
        ancestors=ancestors,
        nodes=nodes,
        page_number=page_number,
        page_count=page_count,
        sort=sort,
        following=bool(getattr(root, "viewer_following", False)),
        last_seen_at=last_seen_at,
    )


def posts_prepare(posts, user, *, last_seen_at=None):
    """Work out here, once, what templates/forum/_post.html shows differently to
    each viewer, so that the template, which renders up to fifty posts a page,
    only prints: the author's name as this viewer may see it; whether the post
    is their own (or, for a signed-in viewer, someone else's), new since their
    last visit, theirs to edit, or open to their reactions; and the reaction
    buttons, with counts and the viewer's own.

    One query (the viewer's reactions to these posts), none when signed out.
    """
    posts = list(posts)
    given = {}
    if user.is_authenticated and posts:
        rows = Reaction.objects.filter(member=user, post_id__in={post.pk for post in posts})
        for post_id, kind in rows.values_list("post_id", "kind"):
            given.setdefault(post_id, set()).add(kind)
    viewer_id = user.pk if user.is_authenticated else None
    for post in posts:
        post.shown_author = author_label(post, user)
        post.is_own = viewer_id is not None and post.author_id == viewer_id
        post.by_someone_else = viewer_id is not None and not post.is_own
        post.is_new = bool(last_seen_at and post.created_at > last_seen_at and not post.is_own)
        post.can_edit = permissions.can_edit_post(user, post)
        post.can_react = permissions.can_react(user, post)
        post.viewer_reactions = given.get(post.pk, frozenset())
        post.reaction_buttons = [
            (kind, label, getattr(post, REACTION_COUNTERS[kind]), kind in post.viewer_reactions)
            for kind, label in Reaction.Kind.choices
        ]
    return posts


def _ranked(posts, root_depth):
    """The replies below the root's direct replies, down to the display depth, each
    with its branch (the direct reply it sits under) and its rank in that branch:
    nearest levels first, so a trimmed branch never shows a reply without its parent.
    """
    return (
        posts.filter(depth__gt=root_depth + 1, depth__lte=root_depth + DISPLAY_DEPTH)
        .annotate(branch=Substr("path", 1, (root_depth + 1) * tree.SEGMENT))
        .annotate(rank=Window(RowNumber(), partition_by=[F("branch")], order_by=[F("depth"), F("path")]))
    )


def _descendants(in_subtree, root, children, sort):
    if not children:
        return []
    # The page's replies are consecutive siblings, so everything under them is one
    # range of paths: bounding it lets the (thread, path) index read just this page's
    # branches instead of every reply in the thread at these depths.
    paths = [child.path for child in children]
    ranked = _ranked(in_subtree.filter(path__gt=min(paths), path__lt=tree.successor(max(paths))), root.depth)
    # Taken in turns: every branch's first reply, then every branch's second, ...
    # (the branch nearer the top of the page first within a turn).
    turns = ("rank", "branch" if sort == "oldest" else "-branch")
    # Chosen from the narrow rows of the ranking, then read in full (with authors): just those.
    chosen = ranked.filter(rank__lte=SUBTREE_LIMIT).order_by(*turns).values("pk")[:PAGE_DESCENDANTS]
    return list(in_subtree.filter(pk__in=chosen).order_by("path"))


def _arrange(root, children, descendants):
    """Depth-first nodes, each knowing how many nested lists close after it."""
    by_branch = {}
    width = (root.depth + 1) * tree.SEGMENT
    for post in descendants:
        by_branch.setdefault(post.path[:width], []).append(post)
    nodes = []
    for child in children:
        nodes.append(ReplyNode(child, level=1))
        for post in by_branch.get(child.path, ()):
            nodes.append(ReplyNode(post, level=post.depth - root.depth))
    chain = []  # the node's ancestors on this page, nearest last
    for node in nodes:
        while chain and chain[-1].level >= node.level:
            chain.pop()
        if chain:
            chain[-1].shown_children += 1
        chain.append(node)
    # Which nested lists end after each node, innermost first, so the template
    # can close them (and offer "more replies" for each) in order.
    chain = []
    for index, node in enumerate(nodes):
        chain.append(node)
        next_level = nodes[index + 1].level if index + 1 < len(nodes) else 1
        ended = []
        while chain and chain[-1].level >= next_level:
            ended.append(chain.pop())
        node.closes = [closed for closed in ended if closed is not node]
    return nodes


def post_for_viewer(user, post_id):
    """A single post the viewer may read, with its thread and category, or 404."""
    try:
        return posts_visible_to(user).select_related("thread__category", "author", "parent").get(pk=post_id)
    except (Post.DoesNotExist, ValueError):
        raise Http404("No such post, or it is shared with members only.") from None


class _Count(Subquery):
    """COUNT(*) of a queryset as a scalar subquery, so that one query can fetch several counts."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def _count(rows):
    return _Count(rows.order_by().values("pk"))


class _Landing:
    """One page that might show a post: the page, among those rooted at one of its
    ancestors (`root_depth` levels down), whose branch holds the post.

    A post below the display depth needs a page rooted deeper, and one in a
    trimmed part of a branch needs the next page down, where it sits nearer the
    top of the tree. `post_location` asks about every candidate at once.
    """

    def __init__(self, posts, post, root_depth):
        self.posts = posts
        self.post = post
        self.root_depth = root_depth
        self.root_path = tree.prefix_at_depth(post.path, root_depth)
        self.branch_path = tree.prefix_at_depth(post.path, root_depth + 1)
        # The root's direct replies: the page's branches.
        self.level = posts.filter(depth=root_depth + 1)
        if self.root_path:
            self.level = self.level.filter(path__gt=self.root_path, path__lt=tree.successor(self.root_path))
        self.key = f"at_{root_depth}_"

    @property
    def in_branch(self):
        return self.post.depth > self.root_depth + 1  # not one of the root's direct replies

    def questions(self):
        """Subqueries, each planned on its own index: how many of the root's replies
        come before the post's branch (so, which page), how many replies come
        before the post in its branch, how many replies the root has, its id."""
        posts, post = self.posts, self.post
        wanted = {"siblings_before": _count(self.level.filter(path__lt=self.branch_path))}
        if self.in_branch:
            wanted["ahead"] = _count(
                posts.filter(path__gt=self.branch_path, path__lt=tree.successor(self.branch_path))
                .filter(depth__lte=self.root_depth + DISPLAY_DEPTH)
                .filter(Q(depth__lt=post.depth) | Q(depth=post.depth, path__lt=post.path))
            )
            # As the page counts them (held replies join the count when approved).
            wanted["siblings"] = Subquery(posts.filter(path=self.root_path).values("reply_count")[:1])
        if self.root_depth:
            wanted["root_id"] = Subquery(posts.filter(path=self.root_path).values("pk")[:1])
        return {self.key + name: value for name, value in wanted.items()}

    def read(self, answers):
        found = {name[len(self.key) :]: value for name, value in answers.items() if name.startswith(self.key)}
        self.page_index, self.place = divmod(found["siblings_before"], PER_PAGE)
        self.root_id = found.get("root_id")
        self.shown = True
        if self.in_branch:
            self.rank = found["ahead"] + 1
            self.siblings = found["siblings"]
            self.shown = self._shown_without_counting()

    def _shown_without_counting(self):
        """True or False when the counts so far settle it, else None.

        `_descendants` shares replies out in turns, one from each branch a turn,
        so ahead of the post (rank r in its branch, `place` branches above it on
        the page) come, from every branch B on the page, min(size of B, r - 1),
        and one more from each branch above its own that reaches rank r: at most
        (r - 1) for each branch on the page, plus `place`.
        """
        if self.rank > SUBTREE_LIMIT:
            return False
        on_page = min(PER_PAGE, self.siblings - self.page_index * PER_PAGE)
        if (self.rank - 1) * on_page + self.place < PAGE_DESCENDANTS:
            return True
        return None

    def shared_out_ahead(self):
        """How many replies the page shares out before the post, exactly."""
        # The page's branches run from its first reply up to the next page's first.
        ordered = self.level.order_by("path").values("path")
        start = self.page_index * PER_PAGE
        page_posts = self.posts.filter(path__gt=Subquery(ordered[start : start + 1]))
        if start + PER_PAGE < self.siblings:
            page_posts = page_posts.filter(
                path__lt=Subquery(ordered[start + PER_PAGE : start + PER_PAGE + 1])
            )
        elif self.root_path:
            page_posts = page_posts.filter(path__lt=tree.successor(self.root_path))
        # The replies whose rank, less one in the branches above the post's, is below its rank.
        above = Case(When(branch__lt=self.branch_path, then=Value(1)), default=Value(0))
        ahead = (
            _ranked(page_posts, self.root_depth).annotate(turn=F("rank") - above).filter(turn__lt=self.rank)
        )
        return {self.key + "shared_ahead": _count(ahead)}

    def url(self):
        if self.root_depth == 0:
            url = self.post.thread.get_absolute_url()
        else:
            url = reverse("forum:replies", args=[self.root_id])
        query = f"?page={self.page_index + 1}" if self.page_index else ""
        return f"{url}{query}#post-{self.post.pk}"


def post_location(post):
    """The URL of the page that shows this post, with its ancestors, and its anchor:
    one of the story's own pages if one shows it, else the nearest page a reader
    reaches through "continue this thread" and "more replies".

    One query (a reply's redirect runs this too), and a second when the post
    sits where replies are shared out between branches and its turn must be counted.
    """
    if post.depth == 0:
        return post.thread.get_absolute_url() + f"#post-{post.pk}"
    # As everyone sees the thread: posts waiting for review take no place on its pages.
    posts = Post.objects.filter(thread_id=post.thread_id).filter(post_listed_for(AnonymousUser()))
    # Pages show DISPLAY_DEPTH levels below their root; "continue this thread" starts the next ones.
    nearest = (post.depth - 1) // DISPLAY_DEPTH * DISPLAY_DEPTH
    landings = [_Landing(posts, post, root_depth) for root_depth in range(nearest, post.depth)]
    only_this = Post.objects.filter(pk=post.pk)
    questions = {}
    for landing in landings:
        questions.update(landing.questions())
    answers = only_this.values(**questions).get()
    for landing in landings:
        landing.read(answers)
    # The last candidate, the page rooted at the post's parent, shows it among its direct replies.
    sure = next(index for index, landing in enumerate(landings) if landing.shown)
    undecided = [landing for landing in landings[:sure] if landing.shown is None]
    if undecided:
        questions = {}
        for landing in undecided:
            questions.update(landing.shared_out_ahead())
        answers = only_this.values(**questions).get()
        for landing in undecided:
            landing.shown = answers[landing.key + "shared_ahead"] < PAGE_DESCENDANTS
    return next(landing for landing in landings if landing.shown).url()


def revisions_for(user, post):
    if not permissions.can_see_revisions(user):
        raise Http404("No such page.")
    return list(PostRevision.objects.filter(post=post).select_related("replaced_by"))
