from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.roles import is_moderator
from endings.digests import emails, schedule, selectors, services
from endings.digests.forms import EmailPreferencesForm


@login_required
def preferences(request):
    """The member's email choices (linked from the settings pages and from every email)."""
    member = request.user
    current = selectors.preferences_for(member)
    form = EmailPreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=EmailPreferencesForm.initial_for(current),
        show_moderator_alerts=is_moderator(member),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.email_preferences_update(
            member=member,
            digest=data["digest"],
            digest_hour=data["digest_hour"],
            digest_weekday=data["digest_weekday"],
            replies=data["replies"],
            discreet=data["discreet"],
            moderator_alerts=data.get("moderator_alerts", current.moderator_alerts),
            all_stopped=data["all_stopped"],
        )
        messages.success(request, "Saved. We will email you this way from now on.")
        return redirect("digests:preferences")
    next_digest = None
    if current.wants_digest and current.next_digest_at:
        next_digest = current.next_digest_at.astimezone(schedule.member_zone(member.time_zone))
    return render(
        request,
        "digests/preferences.html",
        {"form": form, "preferences": current, "next_digest": next_digest},
    )


# RFC 8058 one-click unsubscribe: mail apps POST here with no cookies and no CSRF
# token, so the signed token in the address is the only credential. A GET (a link
# opened, or a mail scanner fetching it) only asks; it changes nothing.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = emails.unsubscribe_token_read(token)
    if found is None:
        return render(request, "digests/unsubscribe_invalid.html", status=400)
    member_id, kind = found
    what = emails.UNSUBSCRIBE_KINDS[kind]
    if request.method == "GET":
        return render(request, "digests/unsubscribe.html", {"what": what, "token": token})
    if services.email_unsubscribe(member_id=member_id, kind=kind) is None:
        return render(request, "digests/unsubscribe_invalid.html", status=400)
    return render(request, "digests/unsubscribed.html", {"what": what})
