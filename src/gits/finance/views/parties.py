"""Pages for invoicing each party (R-23, R-25, R-26): the runs (a levy per inhabitant or a
share of a budget line to each municipality or party) with their progress, a run's parties
and invoices, and the payment and accounting settings per party."""

import datetime as dt
from decimal import Decimal
from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from gits.core.audit import history_for, object_key
from gits.core.confirm import Follows, Link, confirm_page
from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.formviews import form_page, initial_from
from gits.core.models import AuditEntry
from gits.finance import services
from gits.finance.formatting import kr
from gits.finance.models import PartyRun, PartySettings
from gits.finance.overviews import parties_with_settings, run_overview, runs_with_counts
from gits.finance.party_forms import LevyRunForm, PartySettingsForm, ShareRunForm
from gits.finance.services.party_plans import Planned, levy_plan, share_plan
from gits.finance.views.common import confirm_issue, reader, rights, run_view
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


def _period_text(year: int, quarter: int) -> str:
    if quarter:
        return _("kvartal %(q)s %(y)s") % {"q": quarter, "y": year}
    return _("hela %(y)s") % {"y": year}


def run_follows(planned: list[Planned], *, period: str, payback: bool = False) -> list:
    """What a run to each party does (issue 13): how many documents get numbers, the total,
    the basis each one shows and that none can be changed once issued."""
    rows = [p for p in planned if p.amount]
    total = sum((p.amount for p in rows), Decimal("0"))
    n = len(rows)
    if payback:
        first = ngettext(
            "%(n)s återbetalning (en faktura med negativt belopp) skapas för %(p)s och får fakturanummer; summa %(t)s.",
            "%(n)s återbetalningar (fakturor med negativt belopp) skapas för %(p)s, en per part, och får fakturanummer; summa %(t)s.",
            n,
        )
    else:
        first = ngettext(
            "%(n)s faktura skapas för %(p)s och får fakturanummer; summa %(t)s.",
            "%(n)s fakturor skapas för %(p)s, en per part, och får fakturanummer; summa %(t)s.",
            n,
        )
    return [
        first % {"n": n, "p": period, "t": kr(abs(total))},
        _("Varje faktura visar partens underlag (t.ex. folkmängd och det datum siffran avser)."),
        Follows(
            _("Fakturorna kan inte ändras efter utfärdandet, bara krediteras."), important=True
        ),
        _(
            "En körning med samma uppgifter igen skapar inget nytt; en avbruten körning fortsätter där den slutade."
        ),
    ]


def _earlier_figures(planned: list[Planned], reference_date: dt.date) -> list[str]:
    """The municipalities whose invoices will show an earlier population figure (R-2)."""
    late = [
        f"{p.party} ({p.figure_date.isoformat()})"
        for p in planned
        if p.figure_date is not None and p.figure_date != reference_date
    ]
    if not late:
        return []
    return [
        _("Folkmängden per %(d)s saknas för %(n)s; tidigare siffror används: %(l)s.")
        % {"d": reference_date.isoformat(), "n": len(late), "l": ", ".join(late)}
    ]


def _planned_or_error(form, plan):
    """The plan of a run for its confirmation, or None with the reason beside the field
    (the same refusal the run gives: a missing basis, nothing to invoice)."""
    planned = call_service(form, plan)
    if planned is None:
        return None
    if not any(p.amount for p in planned):
        form.add_error(None, _("Det finns inget att fakturera: varje parts belopp är noll."))
        return None
    return planned


def _confirm_levy(request, form):
    data = form.cleaned_data
    planned = _planned_or_error(
        form,
        lambda: levy_plan(
            data["rate"],
            data["reference_date"],
            accept_earlier=data["accept_earlier"],
            quarter=data["quarter"],
        ),
    )
    if planned is None:
        return party_runs(request, levy_form=form)
    return confirm_issue(
        request,
        form,
        title=_("Fakturera varje kommun: %(t)s") % {"t": data["title"]},
        follows=[
            _("%(r)s per invånare och år, efter folkmängden per %(d)s.")
            % {"r": kr(data["rate"]), "d": data["reference_date"].isoformat()},
            *run_follows(planned, period=_period_text(data["year"], data["quarter"])),
        ],
        warnings=_earlier_figures(planned, data["reference_date"]),
        action=reverse("finance:party_levy_run"),
        button=_("Ja, utfärda fakturorna"),
        cancel=reverse("finance:party_runs"),
        progress=_("Fakturerar varje kommun …"),
    )


def _line_seller(line):
    return (
        line.budget.seller
        or Organisation.objects.filter(kind=Organisation.Kind.REGION).order_by("pk").first()
    )


def _confirm_share(request, form):
    data = form.cleaned_data
    line = data["line"]
    seller = _line_seller(line)
    if seller is None:
        form.add_error("line", _("Ange fakturerande part."))
        return party_runs(request, share_form=form)
    planned = _planned_or_error(
        form, lambda: share_plan(line, seller=seller, quarter=data["quarter"])
    )
    if planned is None:
        return party_runs(request, share_form=form)
    return confirm_issue(
        request,
        form,
        title=_("Fakturera varje part: %(n)s %(y)s") % {"n": line.name, "y": line.budget.year},
        follows=[
            _(
                "Varje finansiär får sin andel av raden; kommunernas andel fördelas enligt radens fördelningsmetod."
            ),
            *run_follows(planned, period=_period_text(line.budget.year, data["quarter"])),
        ],
        action=reverse("finance:party_share_run"),
        button=_("Ja, utfärda fakturorna"),
        cancel=reverse("finance:party_runs"),
        progress=_("Fakturerar varje part …"),
    )


party_levy_run = run_view(
    LevyRunForm, _confirm_levy, services.levy_run, _ran, again=(party_runs, "levy_form")
)
party_share_run = run_view(
    ShareRunForm, _confirm_share, services.share_run, _ran, again=(party_runs, "share_form")
)


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
@require_http_methods(["GET", "POST"])
def party_run_resume(request, pk):
    run = get_object_or_404(PartyRun.objects.select_related("seller"), pk=pk)
    back = reverse("finance:party_run", args=[pk])
    if request.method == "GET":
        overview = run_overview(run)
        missing = [r for r in overview.rows if r.invoice is None]
        return confirm_page(
            request,
            title=_("Fakturera de parter som saknas: %(t)s") % {"t": run.title},
            follows=[
                ngettext(
                    "%(n)s faktura skapas och får fakturanummer: %(p)s.",
                    "%(n)s fakturor skapas och får fakturanummer, en per part: %(p)s.",
                    len(missing),
                )
                % {"n": len(missing), "p": ", ".join(str(r.party) for r in missing)},
                _("De fakturor som redan är utfärdade står kvar."),
                Follows(
                    _("Fakturorna kan inte ändras efter utfärdandet, bara krediteras."),
                    important=True,
                ),
            ],
            action=reverse("finance:party_run_resume", args=[pk]),
            button=_("Ja, utfärda fakturorna"),
            cancel=back,
            back=Link(back, run.title),
            right="finance.invoice:run",
            progress=_("Fakturerar …"),
            blocked=None if missing else _("Varje part har redan sin faktura; inget nytt skapas."),
        )
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
        service=partial(services.party_settings_save, organisation=organisation),
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
        right="finance.settings:change",
        refuse_to="finance:party_settings",
    )
