from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gits.core.audit import history_for
from gits.core.errors import DomainError
from gits.core.formviews import edit_page, form_page
from gits.core.permissions import can, require
from gits.organisations import services
from gits.organisations.forms import OrganisationForm, PopulationForm, PopulationImportForm
from gits.organisations.importing import DEFAULT_SOURCE, ImportRejected, read_population_file
from gits.organisations.models import Organisation, PopulationFigure
from gits.organisations.selectors import municipalities_with_latest_population


def organisation_list(request):
    kind = request.GET.get("typ", "")
    federation = request.GET.get("forbund", "")
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
    municipalities = list(municipalities) if kind in ("", "municipality") else []
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
            "total_population": sum(m.latest_population or 0 for m in municipalities),
            # A figure older than the newest one in the register is marked as such.
            "newest_date": max(
                (m.latest_population_date for m in municipalities if m.latest_population_date),
                default=None,
            ),
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


def _organisation_form_view(request, org=None):
    return edit_page(
        request,
        obj=org,
        form_class=OrganisationForm,
        template="organisations/form.html",
        fields=services.ORGANISATION_FIELDS,
        create=services.organisation_create,
        update=services.organisation_update,
        entity="organisation",
        context={"org": org},
        next_url=lambda saved: reverse("organisations:detail", args=[saved.pk]),
        success=lambda saved: _("%(name)s har sparats.") % {"name": saved.name},
        right="organisations.organisation:change",
        refuse_to="organisations:list",
    )


@login_required
def organisation_create(request):
    return _organisation_form_view(request)


@login_required
def organisation_edit(request, pk):
    return _organisation_form_view(request, get_object_or_404(Organisation, pk=pk))


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
    )


@login_required
def population_import(request):
    form = PopulationImportForm(request.POST or None, request.FILES or None)
    problems = []
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            require(request.user, "organisations.population:change")
            rows = read_population_file(
                form.cleaned_data["file"].read(),
                default_date=form.cleaned_data.get("reference_date"),
                default_source=form.cleaned_data.get("source") or DEFAULT_SOURCE,
            )
            result = services.population_import(actor=request.user, rows=rows)
        except ImportRejected as err:
            problems = err.problems
            form.add_error(
                "file",
                _("Inget importerades: filen har %(n)s fel, se listan.") % {"n": len(problems)},
            )
        except DomainError as err:
            form.add_error(err.field if err.field in form.fields else None, str(err.message))
        if result is not None:
            messages.success(
                request,
                _("Importen är klar: %(c)s nya, %(u)s ändrade och %(s)s oförändrade siffror.")
                % {"c": result["created"], "u": result["updated"], "s": result["unchanged"]},
            )
            return redirect("organisations:list")
    return render(
        request, "organisations/population_import.html", {"form": form, "problems": problems}
    )


def population_list(request):
    figures = PopulationFigure.objects.select_related("municipality").order_by(
        "municipality__name", "-reference_date"
    )
    return render(request, "organisations/population_list.html", {"figures": figures})
