from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gits.core.audit import history_for
from gits.core.formviews import EditPage, form_page, import_page
from gits.core.pagination import query_int
from gits.core.permissions import can
from gits.organisations import services
from gits.organisations.forms import OrganisationForm, PopulationForm, PopulationImportForm
from gits.organisations.importing import DEFAULT_SOURCE, ImportRejected, read_population_file
from gits.organisations.models import Organisation, PopulationFigure
from gits.organisations.selectors import municipalities_with_latest_population


@dataclass(frozen=True)
class MunicipalityRow:
    """A municipality as the register's table shows it, its values already written out:
    every party of a nation is one row, so the template only places strings."""

    url: str
    name: str
    scb_code: str
    federation: str
    population: int | None
    population_text: str
    date_text: str
    older: bool  # its latest figure is older than the newest in the list


def _municipality_rows(municipalities) -> list[MunicipalityRow]:
    rows = list(
        municipalities.values_list(
            "pk",
            "name",
            "scb_code",
            "federation__short_name",
            "federation__name",
            "latest_population",
            "latest_population_date",
        )
    )
    newest = max((r[6] for r in rows if r[6]), default=None)
    # One reverse for the table, not one per row.
    url = reverse("organisations:detail", args=[0]).removesuffix("0/")
    return [
        MunicipalityRow(
            url=f"{url}{pk}/",
            name=name,
            scb_code=scb_code,
            federation=short or fed_name or "",
            population=population,
            population_text=intcomma(population) if population is not None else "–",
            date_text=date.isoformat() if date else "–",
            older=bool(date and newest and date < newest),
        )
        for pk, name, scb_code, short, fed_name, population, date in rows
    ]


def organisation_list(request):
    kind = request.GET.get("typ", "")
    federation = query_int(request, "forbund")
    query = request.GET.get("q", "").strip()
    municipalities = municipalities_with_latest_population()
    if federation:
        municipalities = municipalities.filter(federation_id=federation)
    if query:
        municipalities = municipalities.filter(
            Q(name__icontains=query) | Q(scb_code=query) | Q(org_number__icontains=query)
        )
    others = Organisation.objects.exclude(kind=Organisation.Kind.MUNICIPALITY).order_by(
        "kind", "name"
    )
    if query:
        others = others.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    municipalities = _municipality_rows(municipalities) if kind in ("", "municipality") else []
    others = list(others) if kind != "municipality" else []
    return render(
        request,
        "organisations/list.html",
        {
            "municipalities": municipalities,
            "others": others,
            "federations": [
                o for o in Organisation.objects.filter(kind=Organisation.Kind.FEDERATION)
            ],
            "filters": {"typ": kind, "forbund": federation, "q": query},
            "total_population": sum(m.population or 0 for m in municipalities),
            "can_change": can(request.user, "organisations.organisation:change"),
            "can_import": can(request.user, "organisations.population:change"),
        },
    )


def organisation_detail(request, pk):
    org = get_object_or_404(Organisation.objects.select_related("federation"), pk=pk)
    return render(
        request,
        "organisations/detail.html",
        {
            "org": org,
            "figures": org.population_figures.order_by("-reference_date"),
            "members": org.members.order_by("name")
            if org.kind == Organisation.Kind.FEDERATION
            else [],
            "people": org.people.order_by("last_name", "first_name"),
            "history": history_for(org) if can(request.user, "core.audit:view") else None,
            "can_change": can(request.user, "organisations.organisation:change"),
            "can_population": can(request.user, "organisations.population:change"),
        },
    )


def municipality_by_code(request, scb_code):
    org = get_object_or_404(Organisation, scb_code=scb_code)
    return redirect("organisations:detail", pk=org.pk)


organisation_form = EditPage(
    Organisation, OrganisationForm, services.organisation_create, services.organisation_update
)


@login_required
def population_add(request, pk):
    org = get_object_or_404(Organisation, pk=pk, kind=Organisation.Kind.MUNICIPALITY)
    return form_page(
        request,
        PopulationForm(request.POST or None),
        template="organisations/population_form.html",
        context={"org": org},
        save=lambda data, _version: services.population_record(
            actor=request.user, municipality=org, **data
        ),
        success=_("Folkmängden har registrerats."),
        next_url=reverse("organisations:detail", args=[org.pk]),
        right="organisations.population:change",
        refuse_to=reverse("organisations:detail", args=[org.pk]),
    )


@login_required
def population_import(request):
    def run(data):
        rows = read_population_file(
            data["file"].read(),
            default_date=data.get("reference_date"),
            default_source=data.get("source") or DEFAULT_SOURCE,
        )
        return services.population_import(actor=request.user, rows=rows)

    return import_page(
        request,
        PopulationImportForm(request.POST or None, request.FILES or None),
        template="organisations/population_import.html",
        run=run,
        rejected=ImportRejected,
        success=lambda result: (
            _("Importen är klar: %(c)s nya, %(u)s ändrade och %(s)s oförändrade siffror.")
            % {"c": result["created"], "u": result["updated"], "s": result["unchanged"]}
        ),
        next_url=reverse("organisations:list"),
        right="organisations.population:change",
        refuse_to="organisations:population_list",
    )


def population_list(request):
    figures = PopulationFigure.objects.select_related("municipality").order_by(
        "municipality__name", "-reference_date"
    )
    return render(request, "organisations/population_list.html", {"figures": figures})
