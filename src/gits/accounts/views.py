"""The API keys page (/konto/api-nycklar/): a signed-in user creates a key (shown once),
sees and revokes their own; an administrator sees and revokes everybody's."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gits.accounts import services
from gits.accounts.forms import TokenForm
from gits.core.forms import call_service
from gits.core.formviews import post_action
from gits.core.permissions import can


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    created = raw = None
    if request.method == "POST" and form.is_valid():
        result = call_service(
            form,
            lambda: services.token_create(
                actor=request.user,
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            ),
        )
        if result is not None:
            created, raw = result
            form = TokenForm()
    listed = list(services.tokens_visible_to(request.user))
    response = render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "created": created,
            "raw": raw,
            "tokens": listed,
            "can_create": can(request.user, "accounts.token:create"),
            "sees_all": can(request.user, "accounts.token:manage"),
        },
        status=400 if form.errors else 200,
    )
    if raw:
        response["Cache-Control"] = "no-store"  # the key is shown once, never cached
    return response


@login_required
def token_revoke(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    token = get_object_or_404(services.tokens_visible_to(request.user), pk=pk)
    return post_action(
        request,
        lambda: services.token_revoke(actor=request.user, token=token),
        success=lambda t: _("API-nyckeln %(token)s är återkallad.") % {"token": t.shown_prefix},
        next_url=reverse("accounts:tokens"),
    )
