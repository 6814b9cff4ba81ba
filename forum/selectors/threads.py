"""The thread page: the opening post, then one page of replies as a tree.

A page is rooted at a post: the opening post for the thread's own pages, or a
deeper reply for "continue this thread". Its direct replies are paginated;
under each, at most SUBTREE_LIMIT descendants are shown, nearest levels first,
down to DISPLAY_DEPTH levels below the root. Whatever is left out is one link
away ("more replies", "continue this thread"), so every reply is reachable.
The page never loads more than PER_PAGE * (SUBTREE_LIMIT + 1) posts.
"""

from dataclasses import dataclass, field

from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber, Substr
from django.http import Http404
from django.urls import reverse

from forum import permissions, tree
from forum.models import Post, PostRevision, Reaction, ThreadFollow, ThreadVisit
from forum.selectors.visibility import author_label, posts_visible_to

PER_PAGE = 20
SUBTREE_LIMIT = 12
DISPLAY_DEPTH = 5
SORTS = ("oldest", "newest")


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
    reacted: set  # (post id, kind) the viewer has given

    @property
    def is_continuation(self):
        return self.root.depth > 0

    @property
    def has_previous(self):
        return self.page_number > 1

    @property
    def has_next(self):
        return self.page_number < self.page_count


def _root_query(user, *, thread_id=None, post_id=None):
    posts = posts_visible_to(user).select_related("thread__category", "author")
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

    base = Post.objects.filter(thread=thread).select_related("author")
    in_subtree = _subtree(base, root)
    children = list(
        in_subtree.filter(depth=root.depth + 1).order_by("path" if sort == "oldest" else "-path")[
            (page_number - 1) * PER_PAGE : page_number * PER_PAGE
        ]
    )
    descendants = _descendants(in_subtree, root, children)
    ancestors = []
    opening = root
    if root.depth > 0:
        ancestors = list(base.filter(path__in=tree.ancestor_paths(root.path)).order_by("path"))
        opening = ancestors.pop(0)
    nodes = _arrange(root, children, descendants)

    shown = [root, *ancestors, opening, *(node.post for node in nodes)]
    reacted = set()
    if user.is_authenticated:
        reacted = set(
            Reaction.objects.filter(member=user, post_id__in={p.pk for p in shown}).values_list(
                "post_id", "kind"
            )
        )
    kinds = {}
    for post_id, kind in reacted:
        kinds.setdefault(post_id, set()).add(kind)
    for post in shown:
        post.shown_author = author_label(post, user)
        post.viewer_reactions = kinds.get(post.pk, frozenset())
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
        last_seen_at=getattr(root, "viewer_seen_at", None),
        reacted=reacted,
    )


def _descendants(in_subtree, root, children):
    if not children:
        return []
    width = (root.depth + 1) * tree.SEGMENT
    # The page's replies are consecutive siblings, so everything under them is one
    # range of paths: bounding it lets the (thread, path) index read just this page's
    # branches instead of every reply in the thread at these depths.
    paths = [child.path for child in children]
    ranked = (
        in_subtree.filter(path__gt=min(paths), path__lt=tree.successor(max(paths)))
        .filter(depth__gt=root.depth + 1, depth__lte=root.depth + DISPLAY_DEPTH)
        .annotate(branch=Substr("path", 1, width))
        .filter(branch__in=[child.path for child in children])
        .annotate(
            # Nearest levels first, so a trimmed branch never shows a reply without its parent.
            rank=Window(RowNumber(), partition_by=[F("branch")], order_by=[F("depth"), F("path")])
        )
    )
    return list(ranked.filter(rank__lte=SUBTREE_LIMIT).order_by("path"))


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


def post_location(post):
    """The URL of the page that shows this post, and its anchor.

    Starting from the opening post, find the page whose tree includes the
    post; when the post sits below the display depth or in a trimmed part of
    a branch, move the root down one step and look again.
    """
    thread = post.thread
    if post.depth == 0:
        return thread.get_absolute_url() + f"#post-{post.pk}"
    posts = Post.objects.filter(thread=thread)
    root_depth = 0
    while True:
        if post.depth - root_depth > DISPLAY_DEPTH:
            root_depth += DISPLAY_DEPTH
            continue
        branch_path = tree.prefix_at_depth(post.path, root_depth + 1)
        root_path = tree.prefix_at_depth(post.path, root_depth)
        siblings = posts.filter(depth=root_depth + 1, path__lt=branch_path)
        if root_path:
            siblings = siblings.filter(path__gt=root_path)
        # One query a step (a reply's redirect runs this too), each part a subquery
        # planned on its own index: the root's replies before the post's branch,
        # the replies ahead of the post in its branch, and the root's id.
        wanted = {"siblings_before": _count(siblings)}
        if post.depth > root_depth + 1:
            wanted["ahead"] = _count(
                posts.filter(path__gt=branch_path, path__lt=tree.successor(branch_path))
                .filter(depth__lte=root_depth + DISPLAY_DEPTH)
                .filter(Q(depth__lt=post.depth) | Q(depth=post.depth, path__lt=post.path))
            )
        if root_depth:
            wanted["root_id"] = Subquery(posts.filter(path=root_path).values("pk")[:1])
        found = Post.objects.filter(pk=post.pk).values(**wanted).get()
        if found.get("ahead", 0) >= SUBTREE_LIMIT:
            root_depth += 1
            continue
        page = found["siblings_before"] // PER_PAGE + 1
        if root_depth == 0:
            url = thread.get_absolute_url()
        else:
            url = reverse("forum:replies", args=[found["root_id"]])
        query = f"?page={page}" if page > 1 else ""
        return f"{url}{query}#post-{post.pk}"


def revisions_for(user, post):
    if not permissions.can_see_revisions(user):
        raise Http404("No such page.")
    return list(PostRevision.objects.filter(post=post).select_related("replaced_by"))
