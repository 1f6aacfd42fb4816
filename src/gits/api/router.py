from http import HTTPStatus

from django.db import DataError, IntegrityError
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gits.api import (
    accounts,
    bodies,
    finance,
    meetings,
    organisations,
    plans,
    portfolio,
    reviews,
)
from gits.api.auth import bearer
from gits.api.common import validation_message
from gits.api.meetings import agenda as meetings_agenda
from gits.api.plans import reports as plans_reports
from gits.core.errors import DomainError

# Modules split out of one keep the operation ids of the module they came from (issue 12).
SPLIT_MODULES = {
    "gits.api.portfolio.agreements": "gits.api.portfolio",
    "gits.api.meetings.agenda": "gits.api.meetings",
    "gits.api.plans.reports": "gits.api.plans",
}


class GitsAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        module = operation.view_func.__module__
        module = SPLIT_MODULES.get(module, module)
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")

    def get_openapi_schema(self, *args, **kwargs):
        """Every operation documents the errors every operation can answer with (the same
        JSON shape), so that a client knows them all: a wrong value (400/422), a missing or
        locked-out key (401/429), a missing right (403), an unknown id (404), someone else's
        save in between (409) and a request too large (413)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        error = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        }
        for path in schema["paths"].values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                for status, text in COMMON_ERRORS.items():
                    # Ninja keys a declared response by the number: a second key "400" beside
                    # 400 would be the same key twice in the JSON, which parsers refuse.
                    key = status if status in responses else str(status)
                    entry = responses.setdefault(key, {"description": text, **error})
                    if entry.get("description") == HTTPStatus(status).phrase:
                        entry["description"] = text
        return schema


COMMON_ERRORS = {
    400: "Felaktiga uppgifter",
    401: "Nyckel saknas, är ogiltig eller har gått ut",
    403: "Behörighet saknas",
    404: "Posten finns inte",
    409: "Posten har ändrats av någon annan",
    413: "Begäran är för stor",
    422: "Ogiltiga värden",
    429: "För många misslyckade inloggningar",
}


class Docs(Swagger):
    """The API's documentation page (Swagger UI, served by the app) made to pass WCAG 2.1 AA
    as every other page (rule 6): the page's language, colours with enough contrast
    (gits/api_docs.css), names for the controls Swagger leaves unnamed (gits/api_docs.js),
    and no links nested in the operations' buttons (no deep links) or buttons in buttons (the
    schema list, which each operation shows anyway, is folded away)."""

    template = "gits/api_docs.html"

    def __init__(self) -> None:
        super().__init__(
            settings={
                "deepLinking": False,
                "defaultModelsExpandDepth": -1,
                # Swagger's syntax colours fall short of the contrast; plain text does not.
                "syntaxHighlight": {"activated": False},
            }
        )


api = GitsAPI(
    title="GITS API",
    version="1",
    description=(
        "Allt som går att göra i webbgränssnittet går att göra här, med samma regler och "
        "behörigheter. Autentisering: `Authorization: Bearer <nyckel>` (skapa med "
        "`gits token create ANVÄNDARNAMN`). Läsning är öppen som de publika sidorna. "
        "Fel returneras som JSON: `{detail, field, code}`."
    ),
    auth=bearer,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=Docs(),
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = []
    # An unknown field first: a misspelt name explains the missing one.
    for e in sorted(exc.errors, key=lambda e: e.get("type") != "extra_forbidden"):
        loc = [
            str(p)
            for p in e.get("loc", [])
            if p not in ("body", "payload", "query", "path", "form")
        ]
        errors.append({"field": ".".join(loc) or None, "message": validation_message(e)})
    first = errors[0] if errors else {"field": None, "message": ""}
    return api.create_response(
        request,
        {
            "detail": _("Ogiltiga uppgifter i fältet %(f)s: %(m)s")
            % {"f": first["field"], "m": first["message"]},
            "field": first["field"],
            "code": "invalid",
            "errors": errors,
        },
        status=422,
    )


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request, exc):
    """A number beyond what the database holds: a clear 400, never a server error."""
    return api.create_response(
        request,
        {
            "detail": _("Ett värde ligger utanför det tillåtna intervallet."),
            "field": None,
            "code": "out_of_range",
        },
        status=400,
    )


@api.exception_handler(IntegrityError)
def collision(request, exc):
    """A uniqueness another write took at the same moment, outside the one write path (which
    answers it itself, gits.core.changes): a conflict, never a server error (issue 12)."""
    return api.create_response(
        request,
        {
            "detail": _(
                "Någon annan sparade samma uppgift samtidigt, eller så finns den redan. "
                "Ladda om sidan och försök igen."
            ),
            "field": None,
            "code": "conflict",
        },
        status=409,
    )


@api.exception_handler(AuthenticationError)
def auth_error(request, exc):
    return api.create_response(
        request,
        {"detail": _("Ogiltig eller saknad API-nyckel."), "field": None, "code": "unauthorized"},
        status=401,
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return api.create_response(
        request, {"detail": str(exc), "field": None, "code": "error"}, status=exc.status_code
    )


api.add_router("/", accounts.router)
api.add_router("/", organisations.router)
api.add_router("/", bodies.router)
api.add_router("/", meetings.router)
api.add_router("/", meetings_agenda.router)
api.add_router("/", plans.router)
api.add_router("/", plans_reports.router)
api.add_router("/", portfolio.router)
api.add_router("/", finance.router)
api.add_router("/", reviews.router)
