"""The safety check every new or edited post goes through.

Rules are regular expressions stored in the database (SafetyRule) and edited
by moderators. They are compiled once and cached; a change to any rule
clears the cache, so every process sees the new list on its next post.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache

from forum.models import Post, SafetyRule

RULES_CACHE_KEY = "forum:safety-rules:v1"
RULES_CACHE_SECONDS = 300
LINK = re.compile(r"(https?://|www\.|\]\()", re.IGNORECASE)


@dataclass(frozen=True)
class RuleMatch:
    rule_id: int
    kind: str
    action: str
    pattern: str
    description: str
    excerpt: str


@dataclass
class SafetyReview:
    """What the check found in one text, and what it means for the post."""

    matches: list = field(default_factory=list)
    # Reasons the post waits for review (Reason values), with the rule or check behind each.
    hold: list = field(default_factory=list)
    # Reasons to publish but put the post in the queue.
    report: list = field(default_factory=list)
    at_risk: list = field(default_factory=list)
    blocked: bool = False

    @property
    def is_held(self):
        return bool(self.hold)


def _compiled_rules():
    rules = cache.get(RULES_CACHE_KEY)
    if rules is None:
        rules = list(
            SafetyRule.objects.filter(is_active=True).values_list(
                "pk", "kind", "action", "pattern", "description"
            )
        )
        cache.set(RULES_CACHE_KEY, rules, RULES_CACHE_SECONDS)
    compiled = []
    for pk, kind, action, pattern, description in rules:
        try:
            compiled.append((re.compile(pattern, re.IGNORECASE), pk, kind, action, pattern, description))
        except re.error:
            continue  # refused when saved; an old invalid row must not stop posting
    return compiled


def rules_changed():
    cache.delete(RULES_CACHE_KEY)


def pattern_error(pattern):
    """Why a pattern cannot be used, or None."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        return f"This is not a valid regular expression ({error})."
    if compiled.search(""):
        return "This pattern matches empty text, so it would match every post."
    return None


def _excerpt(text, match, width=40):
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def rules_matching(text):
    """Every active rule that matches the text (the "test this text" box)."""
    found = []
    for regex, pk, kind, action, pattern, description in _compiled_rules():
        match = regex.search(text)
        if match:
            found.append(RuleMatch(pk, kind, action, pattern, description, _excerpt(text, match)))
    return found


def post_review(*, author, text, now, is_edit=False, published_posts=None):
    """Run the rules and the new-member checks on a post's text."""
    from forum.models import Reason

    review = SafetyReview(matches=rules_matching(text))
    for match in review.matches:
        source = f"Rule: {match.description or match.pattern}"
        if match.kind == SafetyRule.Kind.AT_RISK:
            review.at_risk.append((Reason.AT_RISK, source))
        elif match.kind == SafetyRule.Kind.METHOD:
            review.hold.append((Reason.METHOD, source))
        elif match.action == SafetyRule.Action.BLOCK:
            review.blocked = True
        elif match.action == SafetyRule.Action.HOLD:
            review.hold.append((Reason.WATCHED_WORD, source))
        else:
            review.report.append((Reason.WATCHED_WORD, source))
    if not is_edit:
        first_posts = settings.MODERATION_HOLD_FIRST_POSTS
        if published_posts is None:
            published_posts = Post.objects.filter(author=author, status=Post.Status.PUBLISHED).count()
        if first_posts and published_posts < first_posts:
            review.hold.append((Reason.FIRST_POSTS, f"One of the member's first {first_posts} posts"))
        link_days = settings.MODERATION_HOLD_LINKS_DAYS
        if link_days and now - author.date_joined < timedelta(days=link_days) and LINK.search(text):
            review.hold.append((Reason.SPAM, "A link from a member in their first days"))
    return review


def safety_rule_save(*, moderator, kind, pattern, action, description, is_active=True, rule=None, now=None):
    """Add or change a rule. The caller has checked the pattern with pattern_error()."""
    from django.db import transaction
    from django.utils import timezone

    from forum.models import ModerationAction
    from forum.services.audit import audit_record

    now = now or timezone.now()
    with transaction.atomic():
        before = {}
        if rule is None:
            rule = SafetyRule(created_by=moderator)
        else:
            before = {
                "kind": rule.kind,
                "pattern": rule.pattern,
                "action": rule.action,
                "active": rule.is_active,
            }
        rule.kind, rule.pattern, rule.action = kind, pattern, action
        rule.description, rule.is_active, rule.updated_at = description, is_active, now
        rule.save()
        audit_record(
            action=ModerationAction.Action.RULE_CHANGE,
            moderator=moderator,
            reason=description or pattern,
            before=before,
            after={"kind": kind, "pattern": pattern, "action": action, "active": is_active},
            now=now,
        )
        # Now for this process, and again after commit in case another process
        # cached the old list in between.
        rules_changed()
        transaction.on_commit(rules_changed)
    return rule
