from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import data_export, deletion, selectors, services
from accounts.forms import (
    BlockForm,
    BreakForm,
    DeleteAccountForm,
    MemberSettingsForm,
    ProfileForm,
    ReadingPreferencesForm,
)
from accounts.models import User
from accounts.muting import muted_words_list
from accounts.redirects import redirect_back
from accounts.services import member_settings_update


def _posted(request):
    """The submitted data, or None on GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


@login_required
def member_settings(request):
    member = request.user
    form = MemberSettingsForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        member_settings_update(member=member, **form.cleaned_data)
        messages.success(request, "Your settings are saved.")
        return redirect("accounts:settings")
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "current_policy_version": settings.PRIVACY_POLICY_VERSION},
    )


@login_required
def reading(request):
    """What you see: content notes and muted words."""
    member = request.user
    initial = {
        "content_notes": "show" if member.show_content_notes else "fold",
        "muted_words": "\n".join(muted_words_list(member)),
    }
    form = ReadingPreferencesForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.reading_preferences_update(
            member=member,
            muted_words=form.cleaned_data["muted_words"],
            show_content_notes=form.cleaned_data["content_notes"] == "show",
        )
        messages.success(request, "Saved. Stories and replies will be shown to you this way from now on.")
        return redirect("accounts:reading")
    return render(request, "accounts/reading.html", {"form": form})


@login_required
def profile(request):
    member = request.user
    form = ProfileForm(
        _posted(request),
        initial={"about": member.profile_about, "show_stories": member.profile_show_stories},
    )
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            member=member, about=form.cleaned_data["about"], show_stories=form.cleaned_data["show_stories"]
        )
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile_settings.html", {"form": form})


@login_required
def blocked(request):
    form = BlockForm(_posted(request), member=request.user)
    if request.method == "POST" and form.is_valid():
        other = form.cleaned_data["display_name"]
        services.block_create(blocker=request.user, blocked=other)
        messages.success(
            request, f"You blocked {other.display_name}. You will not see their posts unless you open them."
        )
        return redirect("accounts:blocked")
    return render(
        request, "accounts/blocked.html", {"form": form, "blocks": selectors.blocks_made_by(request.user)}
    )


@login_required
@require_POST
def block(request, member_id):
    """Block from a member's profile."""
    other = User.objects.filter(pk=member_id, is_active=True).first()
    try:
        services.block_create(blocker=request.user, blocked=other)
    except services.ControlRefused as refusal:
        messages.info(request, str(refusal))
    else:
        messages.success(
            request,
            f"You blocked {other.display_name}. Their posts are folded away for you, they cannot reply "
            "to your posts, and neither of you hears about the other. They are not told.",
        )
    return redirect_back(request, "accounts:blocked")


@login_required
@require_POST
def unblock(request, member_id):
    if services.block_remove(blocker=request.user, blocked_id=member_id):
        messages.success(request, "Unblocked. Their posts show as usual again.")
    return redirect_back(request, "accounts:blocked")


@login_required
def take_break(request):
    member = request.user
    form = BreakForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.break_start(member=member, length=form.cleaned_data["length"])
        logout(request)
        return redirect("accounts:break_started")
    return render(
        request, "accounts/break.html", {"form": form, "on_break": member.is_on_break(), "member": member}
    )


@login_required
@require_POST
def break_end(request):
    services.break_end(member=request.user)
    messages.success(request, "Your break is over. Notifications are on again. Welcome back.")
    return redirect("accounts:break")


def break_started(request):
    return render(request, "accounts/break_started.html")


@login_required
def data(request):
    exports = selectors.data_exports_for(request.user)
    for export in exports:
        if export.is_downloadable():
            export.download_url = data_export.download_url(export)
    return render(request, "accounts/data.html", {"exports": exports, "export_days": data_export.EXPORT_DAYS})


@login_required
@require_POST
def data_request(request):
    _export, created = data_export.data_export_request(member=request.user)
    if created:
        messages.success(
            request,
            "We are preparing your copy. It usually takes a minute or two; you will find a message "
            "in your notifications when it is ready.",
        )
    else:
        messages.info(request, "Your copy is still being prepared. You will be told when it is ready.")
    return redirect("accounts:data")


@login_required
def data_download(request, export_id, token):
    export = data_export.export_for_download(member=request.user, export_id=export_id, token=token)
    if export is None:
        raise Http404(
            "This download link has expired or is not yours. You can ask for a new copy in your settings."
        )
    return FileResponse(
        data_export.export_open(export),
        as_attachment=True,
        filename=f"endings-data-{export.ready_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@login_required
@reauthentication_required
def delete_account(request):
    """After the password (or the second step) is asked again: choose, confirm."""
    form = DeleteAccountForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        request_made = deletion.account_deletion_request(
            member=request.user, choice=form.cleaned_data["choice"]
        )
        logout(request)
        request.session["deletion_due_at"] = request_made.due_at.isoformat()
        return redirect("accounts:deletion_requested")
    return render(
        request, "accounts/delete_account.html", {"form": form, "grace_days": deletion.GRACE_PERIOD.days}
    )


def deletion_requested(request):
    from django.utils.dateparse import parse_datetime

    due_at = parse_datetime(request.session.get("deletion_due_at", "") or "")
    return render(request, "accounts/deletion_requested.html", {"due_at": due_at})
