"""Minutes as versions (R-14): drawing, correcting, withdrawing, signing (after a
confirmation that says what follows) and the PDF."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gits.core.formviews import post_action
from gits.meetings import services
from gits.meetings.forms import CorrectionForm, WithdrawForm
from gits.meetings.models import Meeting, Minutes
from gits.meetings.pdf import minutes_pdf
from gits.meetings.selectors import meeting_presiding
from gits.meetings.views.common import posted_form


@login_required
@require_POST
def minutes_generate(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return post_action(
        request,
        lambda: services.minutes_generate(actor=request.user, meeting=meeting),
        success=_("Protokollet är upprättat som utkast."),
        next_url=reverse("meetings:meeting", args=[pk]),
    )


@login_required
@require_POST
def minutes_correct(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return posted_form(
        request,
        CorrectionForm(request.POST),
        lambda data: services.minutes_correct(
            actor=request.user, meeting=meeting, reason=data["reason"]
        ),
        invalid=_("Ange varför protokollet rättas."),
        success=_("En ny version av protokollet är upprättad och ska justeras."),
        next_url=reverse("meetings:meeting", args=[pk]),
    )


@login_required
@require_POST
def minutes_withdraw(request, pk):
    minutes = get_object_or_404(Minutes.objects.defer("archive_pdf"), pk=pk)
    return posted_form(
        request,
        WithdrawForm(request.POST),
        lambda data: services.minutes_withdraw(
            actor=request.user, minutes=minutes, reason=data["reason"]
        ),
        invalid=_("Ange varför versionen dras tillbaka."),
        success=lambda m: (
            _(
                "Version %(v)s är tillbakadragen och justeringarna gäller inte; de som justerat har fått e-post. Upprätta en ny version när sammanträdets uppgifter är rättade."
            )
            % {"v": m.version}
        ),
        next_url=reverse("meetings:meeting", args=[minutes.meeting_id]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_sign(request, pk):
    """Signing is irreversible (R-14): the meeting page asks for it, this page says what
    follows and asks again; the POST signs."""
    minutes = get_object_or_404(
        Minutes.objects.defer("archive_pdf").select_related("meeting__body"), pk=pk
    )
    if request.method == "GET":
        meeting = minutes.meeting
        signatures = list(minutes.signatures.select_related("person"))
        return render(
            request,
            "meetings/minutes_sign_confirm.html",
            {
                "minutes": minutes,
                "meeting": meeting,
                "signatures": signatures,
                "locks": len(signatures) >= 1,
                "presiding": meeting_presiding(meeting),
                "digest": request.GET.get("digest") or minutes.content_digest,
            },
        )
    return post_action(
        request,
        lambda: services.minutes_sign(
            actor=request.user, minutes=minutes, digest=request.POST.get("digest", "")
        ),
        success=lambda signature: (
            _("Du har justerat protokollet som %(cap)s.")
            % {"cap": signature.get_capacity_display().lower()}
        ),
        next_url=reverse("meetings:meeting", args=[minutes.meeting_id]),
    )


def minutes_download(request, pk):
    """A locked version is its stored, sealed file (public, R-17); drafts and withdrawn
    versions are rendered for signed-in users only."""
    minutes = get_object_or_404(
        Minutes.objects.defer("archive_pdf").select_related("meeting__body"), pk=pk
    )
    if not minutes.is_signed and not request.user.is_authenticated:
        raise PermissionDenied
    response = HttpResponse(minutes_pdf(minutes), content_type="application/pdf")
    if minutes.archive_sha256:
        response["X-Content-SHA256"] = minutes.archive_sha256
    name = f"protokoll-{minutes.meeting.body.short_name}-{minutes.meeting.date}-v{minutes.version}.pdf".replace(
        " ", "-"
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
