from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gits.api import bodies, finance, meetings, organisations, plans, portfolio
from gits.api.auth import bearer
from gits.core.errors import DomainError

api = NinjaAPI(
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
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = []
    for e in exc.errors:
        loc = [
            str(p)
            for p in e.get("loc", [])
            if p not in ("body", "payload", "query", "path", "form")
        ]
        errors.append({"field": ".".join(loc) or None, "message": e.get("msg", "")})
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


api.add_router("/", organisations.router)
api.add_router("/", bodies.router)
api.add_router("/", meetings.router)
api.add_router("/", plans.router)
api.add_router("/", portfolio.router)
api.add_router("/", finance.router)
