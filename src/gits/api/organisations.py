import datetime as dt

from django.db.models import Q
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from gits.api.auth import optional
from gits.api.common import ERRORS, In, filtered, get_or_404, patch_of, text_of
from gits.api.resources import Resource
from gits.core.permissions import require
from gits.core.uploads import CSV_TYPES, read_upload
from gits.organisations import services
from gits.organisations.importing import (
    DEFAULT_SOURCE,
    POPULATION_MAX_BYTES,
    read_population_file,
)
from gits.organisations.models import Organisation, PopulationFigure
from gits.organisations.selectors import municipalities_with_latest_population

router = Router(tags=["Organisationer"])


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    is_party: bool
    side: str | None
    org_number: str
    scb_code: text_of(Organisation, "scb_code")
    federation_id: int | None
    website: str
    version: int


class MunicipalityOut(OrganisationOut):
    latest_population: int | None = None
    latest_population_date: dt.date | None = None


class OrganisationIn(In):
    __model__ = Organisation

    name: str
    short_name: str = ""
    kind: Organisation.Kind
    org_number: str = ""
    scb_code: str = ""
    federation_id: int | None = None
    website: str = ""


OrganisationPatch = patch_of(OrganisationIn)


class PopulationOut(Schema):
    id: int
    municipality_id: int
    scb_code: text_of(Organisation, "scb_code")
    reference_date: dt.date
    population: int
    source: str
    note: str
    is_year_end: bool

    @staticmethod
    def resolve_scb_code(obj):
        return obj.municipality.scb_code


class PopulationIn(In):
    __model__ = PopulationFigure

    scb_code: text_of(Organisation, "scb_code")
    reference_date: dt.date
    population: int
    source: str
    note: str = ""


class ImportResult(Schema):
    created: int
    updated: int
    unchanged: int


@router.get("/organisations", response=list[OrganisationOut], auth=optional)
def list_organisations(
    request, kind: str | None = None, federation: int | None = None, q: str = ""
):
    """All organisations in the register; filter by kind, federation or a text."""
    qs = Organisation.objects.order_by("name")
    qs = filtered(qs, kind=kind, federation_id=federation)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(scb_code=q) | Q(org_number__icontains=q))
    return list(qs)


@router.get("/parties", response=list[OrganisationOut], auth=optional)
def list_parties(request):
    """The parties (huvudmän) of the agreement: the region and the municipalities."""
    return list(
        Organisation.objects.filter(
            kind__in=[Organisation.Kind.REGION, Organisation.Kind.MUNICIPALITY]
        ).order_by("kind", "name")
    )


@router.get("/municipalities", response=list[MunicipalityOut], auth=optional)
def list_municipalities(request):
    """The municipalities with their latest population figure."""
    return list(municipalities_with_latest_population())


@router.get("/municipalities/{scb_code}", response={200: MunicipalityOut, **ERRORS}, auth=optional)
def get_municipality(request, scb_code: str):
    return get_or_404(municipalities_with_latest_population(), scb_code=scb_code)


organisations = Resource(
    router, "/organisations/{org_id}", Organisation, OrganisationOut, services, name="organisation"
)
organisations.get(auth=optional)
organisations.create(OrganisationIn, federation=Organisation)
organisations.update(
    OrganisationPatch,
    doc="Change fields; `version` must be the version you read (else 409).",
    federation=Organisation,
)
organisations.history()


@router.get("/population", response=list[PopulationOut], auth=optional)
def list_population(request, scb_code: str | None = None, reference_date: dt.date | None = None):
    """Population figures with their reference date and source (R-2)."""
    qs = PopulationFigure.objects.select_related("municipality").order_by(
        "municipality__name", "-reference_date"
    )
    return list(filtered(qs, municipality__scb_code=scb_code, reference_date=reference_date))


@router.post("/population", response={201: PopulationOut, **ERRORS})
def record_population(request, payload: PopulationIn):
    municipality = get_or_404(
        Organisation, scb_code=payload.scb_code, kind=Organisation.Kind.MUNICIPALITY
    )
    figure = services.population_record(
        actor=request.auth,
        municipality=municipality,
        reference_date=payload.reference_date,
        population=payload.population,
        source=payload.source,
        note=payload.note,
    )
    return Status(201, figure)


@router.post("/population/import", response={200: ImportResult, **ERRORS})
def import_population(
    request,
    file: UploadedFile = File(...),
    reference_date: dt.date | None = Form(None),
    source: text_of(PopulationFigure, "source") = Form(""),
):
    """Import an SCB population table (CSV). All or nothing: on any bad row the answer is 400
    listing every row and column at fault, and nothing is written."""
    require(request.auth, "organisations.population:change")
    rows = read_population_file(
        read_upload(file, types=CSV_TYPES, max_bytes=POPULATION_MAX_BYTES),
        default_date=reference_date,
        default_source=source or DEFAULT_SOURCE,
    )
    return services.population_import(actor=request.auth, rows=rows)
