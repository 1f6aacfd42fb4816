import copy
import datetime as dt

from django.http import HttpResponse
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from gits.api.auth import optional
from gits.api.common import (
    ERRORS,
    In,
    Year,
    filtered,
    get_or_404,
    patch_of,
    resolve_ids,
    text_of,
)
from gits.api.paging import paged
from gits.api.resources import Resource
from gits.bodies.models import Body, Person
from gits.core.errors import RightMissing
from gits.meetings import services
from gits.meetings.models import AgendaItem, Assignment, Case, Decision, Meeting, Minutes
from gits.meetings.pdf import minutes_pdf
from gits.meetings.selectors import (
    decision_register,
    locked_minutes,
    meeting_presiding,
    year_plan,
)
from gits.portfolio.models import ManagedObject

router = Router(tags=["Ärenden, sammanträden och beslut"])


class CaseOut(Schema):
    id: int
    diary_number: str
    body_id: int
    year: int
    number: int
    title: str
    description: str
    managed_object_id: int | None
    state: str
    preparer_region_id: int | None
    preparer_municipalities_id: int | None
    preparation: str
    proposal: str
    version: int


class CaseIn(In):
    __model__ = Case

    body_id: int
    title: str
    description: str = ""
    managed_object_id: int | None = None
    proposal: str = ""


class CasePatch(patch_of(CaseIn, exclude={"body_id", "proposal"})):
    preparer_region_id: int | None = None
    preparer_municipalities_id: int | None = None
    preparation: str | None = None
    proposal: str | None = None


class CaseMoveIn(In):
    __model__ = Case

    state: Case.State
    version: int | None = None


class AttachmentOut(Schema):
    id: int
    original_name: str
    size: int
    content_type: str


class MeetingIn(In):
    __model__ = Meeting

    body_id: int
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    kind: Meeting.Kind = Meeting.Kind.ORDINARY
    material_days: int | None = None
    # The agenda starts as the body's standard agenda (GET /bodies/{id}/agenda-template).
    standard_agenda: bool = False


class DecisionFields(Schema):
    id: int
    item_id: int
    paragraph: int
    outcome: str
    text: str
    objections: str

    @staticmethod
    def resolve_paragraph(obj):
        return obj.item.number


class DecisionOut(DecisionFields):
    """A decision; `version` is the one a change of its wording names (PATCH)."""

    version: int


class ItemOut(Schema):
    id: int
    number: int
    title: str
    text: str
    kind: str
    case_id: int | None
    decision: DecisionOut | None = None

    @staticmethod
    def resolve_decision(obj):
        return getattr(obj, "shown_decision", getattr(obj, "decision", None))


class AttendanceOut(Schema):
    person_id: int
    side: str
    role: str
    counts_for_quorum: bool
    present: bool


class MeetingOut(Schema):
    id: int
    body_id: int
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    kind: str
    material_deadline: dt.date
    chair_id: int | None
    held: bool
    version: int


class MinutesSignatureOut(Schema):
    person_id: int
    capacity: str
    side: str
    signed_at: dt.datetime


class MinutesOut(Schema):
    """A version of the minutes (R-14): `state` is draft, signing, locked or withdrawn;
    `digest` names the content a signer reads; a locked version has the SHA-256 of its
    stored, sealed PDF/A."""

    id: int
    meeting_id: int
    version: int
    state: str
    drafted_at: dt.datetime | None
    presiding_id: int | None
    digest: str = Field(validation_alias="content_digest")
    signed_at: dt.datetime | None
    sha256: str = Field(validation_alias="archive_sha256")
    correction_reason: str
    withdrawn_at: dt.datetime | None
    withdrawal_reason: str
    signatures: list[MinutesSignatureOut]

    @staticmethod
    def resolve_state(obj):
        if obj.is_signed:
            return "locked"
        if obj.is_withdrawn:
            return "withdrawn"
        return "signing" if obj.signatures.exists() else "draft"


class MeetingDetailOut(MeetingOut):
    """A meeting with its paragraphs. Anonymous callers see decision text only from the
    latest locked minutes (R-17) and only locked versions of the minutes."""

    items: list[ItemOut] = Field(validation_alias="shown_items")
    attendance: list[AttendanceOut]
    presiding_id: int | None
    correction_pending: bool
    minutes: list[MinutesOut] = Field(validation_alias="minutes_shown")


class YearPlanOut(Schema):
    body_id: int
    year: int
    warning: str | None
    meetings: list[MeetingOut]


class AgendaIn(In):
    case_id: int


class AttendanceIn(In):
    present: list[int]
    version: int | None = None  # the meeting's, as read: a change since is refused (409)


class DecisionIn(In):
    __model__ = Decision

    outcome: Decision.Outcome
    text: str = ""
    objections: str = ""


class RegisterOut(DecisionFields):
    """A row of the decision register (gits.meetings.selectors.RegisterRow)."""

    body: str
    meeting_date: dt.date
    diary_number: str
    correction_pending: bool

    @staticmethod
    def resolve_paragraph(obj):
        return obj.paragraph

    @staticmethod
    def resolve_text(obj):
        return obj.shown_text


class CorrectIn(In):
    reason: text_of(Minutes, "correction_reason")


class MinutesSignIn(In):
    __model__ = Minutes
    digest: text_of(Minutes, "sha256") | None = None


class AssignmentIn(In):
    __model__ = Assignment

    description: str
    due_date: dt.date
    assignee_body_id: int | None = None
    assignee_person_id: int | None = None
    expected_report: str = ""


class AssignmentOut(Schema):
    id: int
    decision_id: int
    assignee_body_id: int | None
    assignee_person_id: int | None
    description: str
    expected_report: str
    due_date: dt.date
    reported_at: dt.date | None
    report: str
    version: int


class ReportIn(In):
    __model__ = Assignment

    reported_at: dt.date
    report: str
    version: int | None = None


def _signed_in(request):
    if not request.auth.is_authenticated:
        raise RightMissing("Logga in (API-nyckel) för att se ärenden och utkast.")


@router.get("/cases", response={200: list[CaseOut], **ERRORS}, auth=optional)
def list_cases(
    request, body_id: int | None = None, state: str | None = None, year: int | None = None
):
    _signed_in(request)
    qs = Case.objects.select_related("body").order_by("-year", "-number")
    return list(filtered(qs, body_id=body_id, state=state, year=year))


@router.get("/cases/{case_id}", response={200: CaseOut, **ERRORS}, auth=optional)
def get_case(request, case_id: int):
    _signed_in(request)
    return get_or_404(Case.objects.select_related("body"), pk=case_id)


cases = Resource(router, "/cases/{case_id}", Case, CaseOut, services, name="case")
cases.create(
    CaseIn,
    service="case_register",
    doc="Register a case; it gets the next diary number of the body and year (R-10).",
    body=Body,
    managed_object=ManagedObject,
)
cases.update(
    CasePatch,
    managed_object=ManagedObject,
    preparer_region=Person,
    preparer_municipalities=Person,
)


cases.move(
    CaseMoveIn,
    doc="""Move a case by hand (anmält → under beredning → berett, back to beredning after
    återremiss); a refused move answers 400 with the reason.""",
)


@router.post("/cases/{case_id}/attachments", response={201: AttachmentOut, **ERRORS})
def attach(request, case_id: int, file: UploadedFile = File(...)):
    return Status(
        201,
        services.case_attach(actor=request.auth, case=get_or_404(Case, pk=case_id), upload=file),
    )


@router.get("/meetings", response={200: YearPlanOut, **ERRORS}, auth=optional)
def list_meetings(request, body_id: int, year: Year):
    """A body's meetings in a year, with a warning when fewer than its minimum (R-15)."""
    plan = year_plan(get_or_404(Body, pk=body_id), year)
    return {"body_id": body_id, "year": year, "warning": plan.warning, "meetings": plan.meetings}


@router.get("/meetings/{meeting_id}", response={200: MeetingDetailOut, **ERRORS}, auth=optional)
def get_meeting(request, meeting_id: int):
    meeting = get_or_404(Meeting.objects.select_related("body"), pk=meeting_id)
    public = not request.auth.is_authenticated
    items = list(meeting.items.select_related("decision__item", "case"))
    for item in items:
        decision = getattr(item, "decision", None)
        if public and decision is not None:
            if decision.published_in_id is None:
                decision = None
            else:
                decision = copy.copy(decision)  # shown, never saved
                decision.text = decision.published_text
        item.shown_decision = decision
    meeting.shown_items = items
    minutes = list(meeting.minutes.defer("archive_pdf").order_by("version"))
    record = locked_minutes(meeting)
    meeting.minutes_shown = [m for m in minutes if m.is_signed or not public]
    meeting.correction_pending = bool(
        record and minutes and minutes[-1].pk != record.pk and not minutes[-1].is_withdrawn
    )
    presiding = meeting_presiding(meeting) if meeting.held else None
    meeting.presiding_id = presiding.person.pk if presiding else None
    return meeting


meetings = Resource(router, "/meetings/{meeting_id}", Meeting, MeetingOut, services, name="meeting")
meetings.create(MeetingIn, verb="plan", body=Body)


@router.post("/meetings/{meeting_id}/agenda", response={201: ItemOut, **ERRORS})
def add_to_agenda(request, meeting_id: int, payload: AgendaIn):
    meeting = get_or_404(Meeting, pk=meeting_id)
    return Status(
        201,
        services.agenda_add(
            actor=request.auth, meeting=meeting, case=get_or_404(Case, pk=payload.case_id)
        ),
    )


@router.post("/meetings/{meeting_id}/attendance", response={200: list[AttendanceOut], **ERRORS})
def record_attendance(request, meeting_id: int, payload: AttendanceIn):
    return services.attendance_record(
        actor=request.auth,
        meeting=get_or_404(Meeting, pk=meeting_id),
        present=set(payload.present),
        version=payload.version,
    )


@router.post("/agenda-items/{item_id}/decision", response={201: DecisionOut, **ERRORS})
def record_decision(request, item_id: int, payload: DecisionIn):
    """Record a decision, a referral back or a striking off. A decision over an objection, or
    with a side absent, is refused (R-11, R-13)."""
    item = get_or_404(AgendaItem, pk=item_id)
    return Status(201, services.decision_record(actor=request.auth, item=item, **payload.dict()))


@router.post("/meetings/{meeting_id}/minutes", response={201: MinutesOut, **ERRORS})
def generate_minutes(request, meeting_id: int):
    return Status(
        201,
        services.minutes_generate(actor=request.auth, meeting=get_or_404(Meeting, pk=meeting_id)),
    )


@router.post("/meetings/{meeting_id}/minutes/correct", response={201: MinutesOut, **ERRORS})
def correct_minutes(request, meeting_id: int, payload: CorrectIn):
    return Status(
        201,
        services.minutes_correct(
            actor=request.auth, meeting=get_or_404(Meeting, pk=meeting_id), reason=payload.reason
        ),
    )


@router.post("/minutes/{minutes_id}/sign", response={201: MinutesSignatureOut, **ERRORS})
def sign_minutes(request, minutes_id: int, payload: MinutesSignIn | None = None):
    """Sign a version with the token's own account (R-14): the person who presided, or a
    member present from the other side. `digest` (from the version) names the content read;
    a version that is no longer the current draft, or a draft redrawn since, is refused."""
    return Status(
        201,
        services.minutes_sign(
            actor=request.auth,
            minutes=get_or_404(Minutes.objects.defer("archive_pdf"), pk=minutes_id),
            digest=payload.digest if payload else None,
        ),
    )


@router.post("/minutes/{minutes_id}/withdraw", response={200: MinutesOut, **ERRORS})
def withdraw_minutes(request, minutes_id: int, payload: CorrectIn):
    """Withdraw a version being signed, with a reason (R-14): its signatures are void and
    the signers are told by e-mail; then draw a new version."""
    return services.minutes_withdraw(
        actor=request.auth,
        minutes=get_or_404(Minutes.objects.defer("archive_pdf"), pk=minutes_id),
        reason=payload.reason,
    )


@router.get("/minutes/{minutes_id}", response={200: MinutesOut, **ERRORS}, auth=optional)
def get_minutes(request, minutes_id: int):
    minutes = get_or_404(Minutes.objects.defer("archive_pdf"), pk=minutes_id)
    if not minutes.is_signed:
        _signed_in(request)
    return minutes


@router.get("/minutes/{minutes_id}/pdf", auth=optional, response={200: None, **ERRORS})
def minutes_as_pdf(request, minutes_id: int):
    """A locked version: its stored, sealed PDF/A, byte for byte (public). A draft or a
    withdrawn version: rendered, for signed-in callers only."""
    minutes = get_or_404(
        Minutes.objects.defer("archive_pdf").select_related("meeting__body"), pk=minutes_id
    )
    if not minutes.is_signed:
        _signed_in(request)
    response = HttpResponse(minutes_pdf(minutes), content_type="application/pdf")
    if minutes.archive_sha256:
        response["X-Content-SHA256"] = minutes.archive_sha256
    return response


@paged(router, "/decisions", RegisterOut)
def list_decisions(
    request,
    q: str = "",
    body_id: int | None = None,
    year: int | None = None,
    object_id: int | None = None,
    outcome: str = "",
):
    """The decision register (R-17). Anonymous callers see decisions from locked minutes, with
    the text of the latest locked version (also while a correction is being signed). Paged
    (issue 15): `limit` and `offset`, the total in `X-Total-Count`."""
    return decision_register(
        public=not request.auth.is_authenticated,
        q=q,
        body=body_id,
        year=year,
        managed_object=object_id,
        outcome=outcome,
    )


@router.post("/decisions/{decision_id}/assignments", response={201: AssignmentOut, **ERRORS})
def give_assignment(request, decision_id: int, payload: AssignmentIn):
    decision = get_or_404(Decision, pk=decision_id)
    data = resolve_ids(payload.dict(), assignee_body=Body, assignee_person=Person)
    return Status(201, services.assignment_give(actor=request.auth, decision=decision, **data))


@router.post("/assignments/{assignment_id}/report", response={200: AssignmentOut, **ERRORS})
def report_assignment(request, assignment_id: int, payload: ReportIn):
    return services.assignment_report(
        actor=request.auth, assignment=get_or_404(Assignment, pk=assignment_id), **payload.dict()
    )


class AmendIn(In):
    __model__ = Decision

    text: str
    version: int | None = None


@router.patch("/decisions/{decision_id}", response={200: DecisionOut, **ERRORS})
def amend_decision(request, decision_id: int, payload: AmendIn):
    """Change a decision's wording before the minutes are signed, or during a correction.
    With `version` (from the decision as read), a change made since is refused with 409."""
    return services.decision_amend(
        actor=request.auth, decision=get_or_404(Decision, pk=decision_id), **payload.dict()
    )
