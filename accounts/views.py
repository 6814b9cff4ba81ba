from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.forms import MemberSettingsForm
from accounts.services import member_settings_update


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
