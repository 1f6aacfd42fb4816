"""Management plans, status reports, meeting packs and deviations through the API. The
quarterly and annual reports and the activity plan are in `reports`."""

import datetime as dt
from decimal import Decimal

from django.http import HttpResponse
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from gits.api.common import (
    ERRORS,
    In,
    Out,
    Year,
    created,
    document_file,
    filtered,
    get_or_404,
    patch_of,
)
from gits.api.resources import Resource
from gits.core.permissions import require
from gits.meetings.models import Decision, Meeting
from gits.plans import services
from gits.plans.documents import plan_document, status_report_document
from gits.plans.models import (
    SECTION_FIELDS,
    STATUS_TEXT_FIELDS,
    Deviation,
    ManagementPlan,
    MeetingPack,
    PlanResource,
    StatusReport,
)
from gits.plans.selectors import person_for, plan_content, status_overview
from gits.plans.word_import import MAX_BYTES, find_object, read_status_report
from gits.portfolio.models import ManagedObject

router = Router(tags=["Planer och rapporter"])
# The texts of a status report, as its form has them.
REPORT_TEXTS = ["coordinators", *STATUS_TEXT_FIELDS]


def _plan(plan_id: int) -> ManagementPlan:
    return get_or_404(ManagementPlan, pk=plan_id)


class ResourceSchema(Schema):
    role: str
    activities: str = ""
    employment_form: PlanResource.EmploymentForm
    fte: Decimal = Decimal("1.00")


class ResourceIn(In):
    __model__ = PlanResource

    role: str
    activities: str = ""
    employment_form: PlanResource.EmploymentForm
    fte: Decimal = Decimal("1.00")


class PlanOut(Out, texts=SECTION_FIELDS):
    id: int
    managed_object_id: int
    year: int
    state: str
    budget: Decimal | None
    meeting_id: int | None
    approved_by_id: int | None
    changed_since_approval: bool
    resources: list[ResourceSchema]
    version: int

    @staticmethod
    def resolve_changed_since_approval(obj):
        return bool(obj.approved_content) and obj.approved_content != plan_content(obj)


class PlanIn(In, texts=SECTION_FIELDS):
    __model__ = ManagementPlan

    managed_object_id: int
    year: Year
    budget: Decimal | None = None


PlanPatch = patch_of(PlanIn, exclude={"managed_object_id", "year"})


class StatusIn(In, texts=REPORT_TEXTS):
    __model__ = StatusReport

    date: dt.date
    submit: bool = False
    version: int | None = None


class StatusOut(Out, texts=REPORT_TEXTS):
    id: int
    managed_object_id: int
    meeting_id: int
    date: dt.date
    submitted_at: dt.datetime | None
    is_late: bool
    version: int


class OverviewRow(Schema):
    managed_object_id: int
    managed_object: str
    state: str
    report_id: int | None


class DeviationIn(In):
    __model__ = Deviation

    managed_object_id: int
    description: str
    severity: Deviation.Severity
    action: str = ""
    date: dt.date | None = None


class DeviationOut(Schema):
    id: int
    managed_object_id: int
    date: dt.date
    description: str
    severity: str
    action: str


class MeetingRef(In):
    meeting_id: int


class DecisionRef(In):
    decision_id: int


class PackOut(Schema):
    id: int
    meeting_id: int
    compiled_at: dt.datetime
    automatic: bool


@router.get("/plans", response=list[PlanOut])
def list_plans(request, year: Year | None = None):
    qs = ManagementPlan.objects.prefetch_related("resources").order_by(
        "-year", "managed_object__name"
    )
    return list(filtered(qs, year=year))


plans = Resource(router, "/plans/{plan_id}", ManagementPlan, PlanOut, services, name="plan")
plans.get()
plans.create(PlanIn, managed_object=ManagedObject)
plans.update(PlanPatch)


@router.get("/plans/{plan_id}/document.{fmt}", response={200: None, **ERRORS})
def plan_file(request, plan_id: int, fmt: str):
    return document_file(plan_document(_plan(plan_id)), fmt)


@router.put("/plans/{plan_id}/resources", response={200: PlanOut, **ERRORS})
def set_resources(request, plan_id: int, payload: list[ResourceIn]):
    plan = _plan(plan_id)
    services.plan_resources_set(actor=request.auth, plan=plan, rows=[r.dict() for r in payload])
    return ManagementPlan.objects.get(pk=plan.pk)


@router.post("/plans/{plan_id}/submit", response={200: PlanOut, **ERRORS})
def submit_plan(request, plan_id: int, payload: MeetingRef):
    meeting = get_or_404(Meeting, pk=payload.meeting_id)
    return services.plan_submit(actor=request.auth, plan=_plan(plan_id), meeting=meeting)


@router.post("/plans/{plan_id}/approve", response={200: PlanOut, **ERRORS})
def approve_plan(request, plan_id: int, payload: DecisionRef):
    """Register SITIV's approval: a decision taken by the steering group (not a referral)."""
    decision = get_or_404(Decision, pk=payload.decision_id)
    return services.plan_approve(actor=request.auth, plan=_plan(plan_id), decision=decision)


@router.post("/plans/{plan_id}/copy", response={201: PlanOut, **ERRORS})
def copy_plan(request, plan_id: int):
    return Status(201, services.plan_copy_to_next_year(actor=request.auth, plan=_plan(plan_id)))


@router.get("/meetings/{meeting_id}/status-reports", response={200: list[OverviewRow], **ERRORS})
def report_overview(request, meeting_id: int):
    """Per object: submitted, late, draft or missing (R-16)."""
    rows = status_overview(get_or_404(Meeting, pk=meeting_id))
    return [
        {
            "managed_object_id": r.managed_object.pk,
            "managed_object": r.managed_object.name,
            "state": r.state,
            "report_id": r.report.pk if r.report else None,
        }
        for r in rows
    ]


@router.put(
    "/meetings/{meeting_id}/status-reports/{object_id}", response={200: StatusOut, **ERRORS}
)
def save_status_report(request, meeting_id: int, object_id: int, payload: StatusIn):
    """Save (or with `submit: true` hand in) a status report; a wrong field is named."""
    data = payload.dict()
    submit, version = data.pop("submit"), data.pop("version")
    return services.status_report_save(
        actor=request.auth,
        managed_object=get_or_404(ManagedObject, pk=object_id),
        meeting=get_or_404(Meeting, pk=meeting_id),
        submit=submit,
        version=version,
        coordinator=person_for(request.auth),
        **data,
    )


class WordReportOut(Out, texts=REPORT_TEXTS):
    managed_object: str
    managed_object_id: int | None
    date: dt.date | None
    empty_fields: list[str]


@router.post("/status-reports/word", response={200: WordReportOut, **ERRORS})
def read_word_status_report(request, file: UploadedFile = File(...)):
    """Read the eight fields of the old Word form for status reports (.docx, seed 003): a
    table or headed paragraphs. Nothing is saved: send the fields on with PUT
    /meetings/{id}/status-reports/{object_id}. A file that cannot be read answers 400 with
    the field it concerns (`file`, `date`, or the field missing from the form)."""
    require(request.auth, "plans.status:write")
    report = read_status_report(file.read(MAX_BYTES + 1))
    obj = find_object(report.managed_object, ManagedObject.objects.order_by("name"))
    return {**report.as_dict(), "managed_object_id": obj.pk if obj else None}


@router.get("/status-reports/{report_id}/document.{fmt}", response={200: None, **ERRORS})
def status_report_file(request, report_id: int, fmt: str):
    return document_file(status_report_document(get_or_404(StatusReport, pk=report_id)), fmt)


@router.post("/meetings/{meeting_id}/pack", response={201: PackOut, **ERRORS})
def compile_pack(request, meeting_id: int):
    return Status(
        201, services.pack_compile(actor=request.auth, meeting=get_or_404(Meeting, pk=meeting_id))
    )


@router.get("/packs/{pack_id}/pdf", response={200: None, **ERRORS})
def pack_pdf(request, pack_id: int):
    return HttpResponse(
        bytes(get_or_404(MeetingPack, pk=pack_id).pdf), content_type="application/pdf"
    )


@router.get("/deviations", response=list[DeviationOut])
def list_deviations(request):
    return list(Deviation.objects.all()[:500])


@router.post("/deviations", response={201: DeviationOut, **ERRORS})
def record_deviation(request, payload: DeviationIn):
    return created(services.deviation_record, request, payload, managed_object=ManagedObject)
