"""Pages for invoicing each party (R-23, R-25, R-26): the runs (a levy per inhabitant or a
share of a budget line to each municipality or party) with their progress, a run's parties
and invoices, and the payment and accounting settings per party."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gits.core.audit import history_for, object_key
from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.formviews import form_page, initial_from, refuse_without
from gits.core.models import AuditEntry
from gits.finance import services
from gits.finance.models import PartyRun, PartySettings
from gits.finance.overviews import parties_with_settings, run_overview, runs_with_counts
from gits.finance.party_forms import LevyRunForm, PartySettingsForm, ShareRunForm
from gits.finance.views.common import reader, rights
from gits.organisations.models import Organisation


@reader
def party_runs(request, levy_form=None, share_form=None):
    return render(
        request,
        "finance/party_runs.html",
        {
            "runs": runs_with_counts(),
            "levy_form": levy_form or LevyRunForm(initial={"rate": None}),
            "share_form": share_form or ShareRunForm(),
            **rights(request.user),
        },
        status=400 if (levy_form or share_form) else 200,
    )


def _ran(request, result):
    messages.success(
        request,
        _("%(n)s fakturor utfärdade, %(e)s fanns redan.")
        % {"n": len(result.created), "e": len(result.existing)},
    )
    return redirect("finance:party_run", pk=result.run.pk)


@reader
@require_POST
def party_levy_run(request):
    form = LevyRunForm(request.POST)
    if form.is_valid():
        result = call_service(
            form, lambda: services.levy_run(actor=request.user, **form.cleaned_data)
        )
        if result is not None:
            return _ran(request, result)
    return party_runs(request, levy_form=form)


@reader
@require_POST
def party_share_run(request):
    form = ShareRunForm(request.POST)
    if form.is_valid():
        result = call_service(
            form, lambda: services.share_run(actor=request.user, **form.cleaned_data)
        )
        if result is not None:
            return _ran(request, result)
    return party_runs(request, share_form=form)


def _run_history(run: PartyRun):
    """The run's own entries (started, resumed); each of its invoices (one per party, 49 or
    290 of them) has its entries on the invoice's page, not here."""
    object_type, object_id = object_key(run)
    return AuditEntry.objects.filter(object_type=object_type, object_id=object_id).select_related(
        "actor"
    )


@reader
def party_run(request, pk):
    run = get_object_or_404(PartyRun.objects.select_related("seller", "line__budget"), pk=pk)
    shown = rights(request.user)
    return render(
        request,
        "finance/party_run.html",
        {
            "overview": run_overview(run),
            "history": _run_history(run) if shown["can_history"] else None,
            **shown,
        },
    )


@reader
@require_POST
def party_run_resume(request, pk):
    run = get_object_or_404(PartyRun, pk=pk)
    try:
        result = services.run_resume(actor=request.user, run=run)
    except DomainError as err:
        messages.error(request, str(err.message))
        return redirect("finance:party_run", pk=pk)
    return _ran(request, result)


@reader
def party_settings(request):
    return render(
        request,
        "finance/party_settings.html",
        {"parties": parties_with_settings(), **rights(request.user)},
    )


@reader
def party_settings_edit(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    refused = refuse_without(request, "finance.settings:change", "finance:party_settings")
    if refused:
        return refused
    settings = PartySettings.objects.filter(organisation=organisation).first()
    initial = initial_from(settings, services.SETTINGS_FIELDS) or {
        f.name: f.default
        for f in PartySettings._meta.concrete_fields
        if f.name in services.SETTINGS_FIELDS
    }
    form = PartySettingsForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        template="finance/party_settings_form.html",
        save=lambda data, version: services.party_settings_save(
            actor=request.user, organisation=organisation, version=version, **data
        ),
        success=_("Betalnings- och bokföringsuppgifterna för %(o)s är sparade.")
        % {"o": organisation},
        next_url=reverse("finance:party_settings"),
        context={
            "organisation": organisation,
            "settings": settings,
            "history": history_for(settings)
            if settings and rights(request.user)["can_history"]
            else None,
        },
        error_status=400,
    )
