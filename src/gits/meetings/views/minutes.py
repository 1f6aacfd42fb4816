"""Minutes as versions (R-14): drawing, correcting, withdrawing, signing (after a
confirmation that says what follows) and the PDF."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gits.core.confirm import Follows, Link, confirm_page
from gits.core.formviews import button, post_action, record_form
from gits.meetings import services
from gits.meetings.forms import CorrectionForm, WithdrawForm
from gits.meetings.models import Meeting, Minutes
from gits.meetings.pdf import minutes_pdf
from gits.meetings.selectors import meeting_presiding


def _meeting(meeting: Meeting) -> str:
    return reverse("meetings:meeting", args=[meeting.pk])


@button(Meeting, success=gettext_lazy("Protokollet är upprättat som utkast."), back=_meeting)
def minutes_generate(request, meeting):
    return services.minutes_generate(actor=request.user, meeting=meeting)


@record_form(
    Meeting.objects.select_related("body"),
    CorrectionForm,
    right="meetings.minutes:generate",
    heading=lambda meeting: _("Rätta protokollet från %(m)s") % {"m": meeting},
    intro=lambda meeting: _(
        "En ny version av protokollet upprättas och ska justeras. Tills den är justerad gäller den justerade versionen; de som justerade den får skälet med e-post."
    ),
    submit=gettext_lazy("Rätta protokollet (ny version)"),
    success=gettext_lazy("En ny version av protokollet är upprättad och ska justeras."),
    back=_meeting,
)
def minutes_correct(request, meeting, data):
    return services.minutes_correct(actor=request.user, meeting=meeting, reason=data["reason"])


@record_form(
    Minutes.objects.defer("archive_pdf").select_related("meeting__body"),
    WithdrawForm,
    right="meetings.minutes:generate",
    heading=lambda minutes: (
        _("Dra tillbaka version %(v)s av protokollet från %(m)s")
        % {"v": minutes.version, "m": minutes.meeting}
    ),
    intro=lambda minutes: _(
        "Justeringen har påbörjats. För att ändra något drar du tillbaka versionen: justeringarna gäller inte längre och de som justerat får skälet med e-post. Därefter upprättas en ny version."
    ),
    submit=lambda minutes: _("Dra tillbaka version %(v)s") % {"v": minutes.version},
    success=lambda m: (
        _(
            "Version %(v)s är tillbakadragen och justeringarna gäller inte; de som justerat har fått e-post. Upprätta en ny version när sammanträdets uppgifter är rättade."
        )
        % {"v": m.version}
    ),
    back=lambda minutes: reverse("meetings:meeting", args=[minutes.meeting_id]),
    back_label=lambda minutes: minutes.meeting,
)
def minutes_withdraw(request, minutes, data):
    return services.minutes_withdraw(actor=request.user, minutes=minutes, reason=data["reason"])


def _confirm_sign(request, minutes):
    """What signing does (R-14), on the one confirmation page (core/confirm.py)."""
    meeting = minutes.meeting
    signatures = list(minutes.signatures.select_related("person"))
    back = reverse("meetings:meeting", args=[meeting.pk]) + "#minutes-heading"
    presiding = meeting_presiding(meeting)
    notes = []
    if signatures:
        notes.append(
            _("Redan justerat av: %(s)s")
            % {
                "s": ", ".join(
                    f"{s.person} ({s.get_capacity_display().lower()})" for s in signatures
                )
            }
        )
    if presiding:
        notes.append(
            _(
                "Protokollet justeras av %(p)s, som ledde sammanträdet, och en närvarande ledamot från den andra sidan."
            )
            % {"p": presiding.person}
        )
    last = (
        Follows(
            _(
                "Din justering är den andra: protokollet låses, arkivfilen (PDF/A) förseglas och besluten blir offentliga."
            ),
            important=True,
        )
        if signatures
        else _(
            "När också den andra justeraren har justerat låses protokollet, arkivfilen förseglas och besluten blir offentliga."
        )
    )
    return confirm_page(
        request,
        title=_("Justera protokollet version %(v)s, %(m)s") % {"v": minutes.version, "m": meeting},
        heading=_("Det här händer när du justerar"),
        follows=[
            _("Din justering kan inte ångras. Den gäller exakt den version du har läst."),
            _(
                "Sammanträdets närvaro, dagordning och beslut låses från första justeringen. En ändring kräver att sekreteraren drar tillbaka versionen med ett skäl, och då gäller justeringarna inte."
            ),
            last,
        ],
        notes=notes,
        links=[
            Link(
                reverse("meetings:minutes_pdf", args=[minutes.pk]),
                _("Läs protokollet version %(v)s (PDF)") % {"v": minutes.version},
            )
        ],
        back=Link(back, _("Sammanträdet")),
        action=reverse("meetings:minutes_sign", args=[minutes.pk]),
        data={"digest": request.GET.get("digest") or minutes.content_digest},
        button=_("Ja, justera version %(v)s") % {"v": minutes.version},
        cancel=back,
        right="meetings.minutes:sign",
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
        return _confirm_sign(request, minutes)
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
