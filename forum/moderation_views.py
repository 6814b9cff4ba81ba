"""Moderator pages. Every view needs the Moderators group and TOTP (moderator_required)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from forum.models import ModerationAction, QueueItem, SafetyRule
from forum.moderation_access import moderator_required
from forum.moderation_forms import (
    ActionForm,
    AuditFilterForm,
    ClaimForm,
    NoteForm,
    QueueFilterForm,
    RuleForm,
    RuleTestForm,
)
from forum.selectors import queue as queue_selectors
from forum.selectors.visibility import author_label
from forum.services import moderation, safety

Action = ModerationAction.Action


def _nav(request, **context):
    context["priority_counts"] = queue_selectors.priority_counts()
    return context


@moderator_required
def queue(request):
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = queue_selectors.QueueFilters(
        reason=data.get("reason") or "",
        category=data.get("category"),
        status=data.get("status") or "open",
        page=data.get("page") or 1,
    )
    page = queue_selectors.queue_page(request.user, filters)
    for item in page.items:
        item.post.shown_author = author_label(item.post, request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/queue.html",
        _nav(request, form=form, page=page, filters_query=query.urlencode()),
    )


@moderator_required
def item(request, item_id):
    return _item_response(request, queue_selectors.item_detail(item_id))


def _item_response(request, item, *, action_form=None, status=200):
    post = item.post
    post.shown_author = author_label(post, request.user)
    forms = {
        "action_form": action_form or ActionForm(initial={"version": item.version}),
        "claim_form": ClaimForm(initial={"version": item.version}),
    }
    reach_out_text = (
        f"Hello {post.author.display_name if post.author_id else ''},\n\n"
        "I'm one of the moderators at Endings. I read what you wrote and wanted to check in with you. "
        "You matter here, and you don't have to carry this alone. If things feel too much right now, the "
        "people on the lines below are there to listen, any time of day or night.\n\n"
        "Take care of yourself, and come back whenever you want to."
    )
    return render(
        request,
        "moderation/item.html",
        _nav(
            request,
            item=item,
            post=post,
            reach_out_text=reach_out_text,
            can_decide_appeal=item.excluded_moderator_id != request.user.pk,
            **forms,
        ),
        status=status,
    )


@moderator_required
@require_POST
def claim(request, item_id):
    form = ClaimForm(request.POST)
    if form.is_valid():
        try:
            if "release" in request.POST:
                moderation.queue_item_release(
                    moderator=request.user, item_id=item_id, version=form.cleaned_data["version"]
                )
                messages.success(request, "Released: others can pick it up.")
            else:
                moderation.queue_item_claim(
                    moderator=request.user,
                    item_id=item_id,
                    version=form.cleaned_data["version"],
                    take_over=form.cleaned_data["take_over"],
                )
                messages.success(request, "It is yours: others can see you are on it.")
        except QueueItem.DoesNotExist:
            raise Http404("No such queue item.") from None
        except moderation.ModerationRefused as refusal:
            messages.warning(request, str(refusal))
    return redirect("moderation:item", item_id)


@moderator_required
@require_POST
def act(request, item_id):
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.warning(request, "That action was incomplete, so nothing was done. Please try again.")
        return _item_response(request, queue_selectors.item_detail(item_id), action_form=form, status=400)
    data = form.cleaned_data
    try:
        outcome = moderation.queue_item_act(
            moderator=request.user,
            item_id=item_id,
            version=data["version"],
            action=data["action"],
            reason=data["reason"],
            excerpt=data["excerpt"],
            category=data["category"],
            period=data["period"],
            message=data["message"],
        )
    except moderation.ModerationConflict as conflict:
        messages.warning(request, str(conflict))
        return redirect("moderation:item", item_id)
    except QueueItem.DoesNotExist:
        raise Http404("No such queue item.") from None
    except moderation.ModerationRefused as refusal:
        form.add_error(None, str(refusal))
        return _item_response(request, queue_selectors.item_detail(item_id), action_form=form, status=400)
    messages.success(request, f"Done: {Action(outcome.action).label.lower()}. It is in the audit log.")
    if outcome.resolved:
        return redirect("moderation:queue")
    return redirect("moderation:item", item_id)


@moderator_required
def audit(request):
    form = AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    member_id = request.GET.get("member")
    page = queue_selectors.audit_page(
        action=data.get("action") or "",
        member_id=int(member_id) if member_id and member_id.isdigit() else None,
        page=data.get("page") or 1,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "moderation/audit.html", _nav(request, form=form, page=page, filters_query=query.urlencode())
    )


@moderator_required
def member(request, member_id):
    person = get_object_or_404(get_user_model(), pk=member_id)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.member_note_add(moderator=request.user, member=person, body=form.cleaned_data["body"])
        except moderation.ModerationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Note added.")
            return redirect("moderation:member", member_id)
    history = queue_selectors.member_history(person)
    return render(request, "moderation/member.html", _nav(request, person=person, history=history, form=form))


@moderator_required
def rules(request, rule_id=None):
    rule = get_object_or_404(SafetyRule, pk=rule_id) if rule_id else None
    form = RuleForm(request.POST or None, instance=rule, prefix="rule")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        safety.safety_rule_save(
            moderator=request.user,
            rule=rule,
            kind=data["kind"],
            pattern=data["pattern"],
            action=data["action"],
            description=data["description"],
            is_active=data["is_active"],
        )
        messages.success(request, "The rule is saved and applies to the next post.")
        return redirect("moderation:rules")
    test_form = RuleTestForm(request.GET if "text" in request.GET else None)
    matches = safety.rules_matching(test_form.cleaned_data["text"]) if test_form.is_valid() else None
    return render(
        request,
        "moderation/rules.html",
        _nav(
            request,
            form=form,
            rule=rule,
            rules=SafetyRule.objects.select_related("created_by"),
            test_form=test_form,
            matches=matches,
        ),
    )


@moderator_required
def dashboard(request):
    return render(
        request,
        "moderation/dashboard.html",
        _nav(
            request,
            figures=queue_selectors.dashboard(),
            on_alert_list=queue_selectors.on_alert_list(request.user),
        ),
    )


@moderator_required
@require_POST
def alerts(request):
    on = request.POST.get("on") == "1"
    moderation.alert_list_set(moderator=request.user, on=on)
    messages.success(request, "You are on the alert list." if on else "You are off the alert list.")
    return redirect(reverse("moderation:dashboard"))
