import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from gits.core.audit import history_for
from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.permissions import can
from gits.meetings.models import Decision
from gits.portfolio import services
from gits.portfolio.forms import (
    AgreementForm,
    CommunicationForm,
    ContactForm,
    InitiativeForm,
    MoveForm,
    ObjectForm,
    RoleForm,
    StakeholderForm,
    SupportForm,
)
from gits.portfolio.models import (
    CommunicationPlan,
    Criterion,
    Judgement,
    ManagedObject,
    ObjectRole,
    SupportRequest,
)
from gits.portfolio.selectors import (
    agreement_statuses,
    municipalities_without_contacts,
    notice_due,
    notice_events,
    object_page_queryset,
    roadmap,
    roles_on,
)


def _date(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        return dt.date.today()


def object_list(request):
    filters = {k: request.GET.get(k, "") for k in ("area", "state", "horizon")}
    qs = ManagedObject.objects.order_by("name")
    for key, value in filters.items():
        if value:
            qs = qs.filter(**{key: value})
    form = ObjectForm(request.POST or None, initial={"area": "other", "horizon": "short"})
    if request.method == "POST" and request.user.is_authenticated and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version")
        obj = call_service(form, lambda: services.object_propose(actor=request.user, **data))
        if obj is not None:
            messages.success(request, _("%(o)s är registrerat som förslag.") % {"o": obj.name})
            return redirect("portfolio:object", pk=obj.pk)
    return render(
        request,
        "portfolio/list.html",
        {
            "objects": qs,
            "filters": filters,
            "areas": ManagedObject.Area.choices,
            "states": ManagedObject.State.choices,
            "horizons": ManagedObject.Horizon.choices,
            "form": form if can(request.user, "portfolio.object:change") else None,
        },
        status=400 if request.method == "POST" else 200,
    )


def roadmap_view(request):
    filters = {k: request.GET.get(k, "") for k in ("area", "state")}
    columns = roadmap(**filters)
    return render(
        request,
        "portfolio/roadmap.html",
        {
            "columns": [(label, columns[value]) for value, label in ManagedObject.Horizon.choices],
            "filters": filters,
            "areas": ManagedObject.Area.choices,
            "states": ManagedObject.State.choices,
        },
    )


def object_detail(request, pk, forms=None):
    obj = get_object_or_404(object_page_queryset(), pk=pk)
    date = _date(request)
    forms = forms or {}
    user = request.user
    may_change = can(user, "portfolio.object:change")
    decisions = Decision.objects.filter(item__case__managed_object=obj).select_related(
        "item__meeting__body"
    )
    missing = municipalities_without_contacts([obj])[0].missing
    return render(
        request,
        "portfolio/detail.html",
        {
            "obj": obj,
            "date": date,
            "roles": roles_on(obj, date),
            "decisions": decisions,
            "contacts": obj.contacts.select_related("party"),
            "missing_contacts": missing,
            "statuses": agreement_statuses(dt.date.today(), obj.agreements.all()),
            "move_form": forms.get("move")
            or (
                MoveForm(initial={"date": dt.date.today(), "version": obj.version})
                if can(user, "portfolio.object:move")
                else None
            ),
            "role_form": forms.get("role")
            or (RoleForm(initial={"start_date": dt.date.today()}) if may_change else None),
            "contact_form": forms.get("contact")
            or (ContactForm() if can(user, "portfolio.contact:change") else None),
            "support_form": forms.get("support")
            or (SupportForm() if can(user, "portfolio.support:change") else None),
            "initiative_form": forms.get("initiative")
            or (InitiativeForm(initial={"state": "planned"}) if may_change else None),
            "communication_form": forms.get("communication")
            or (CommunicationForm() if may_change else None),
            "stakeholder_form": StakeholderForm() if may_change else None,
            "edit_form": forms.get("edit")
            or (
                ObjectForm(
                    initial={
                        **{f: getattr(obj, f) for f in services.OBJECT_FIELDS},
                        "version": obj.version,
                    }
                )
                if may_change
                else None
            ),
            "can_evaluate": can(user, "portfolio.evaluation:change"),
            "can_support": can(user, "portfolio.support:change"),
            "support_states": SupportRequest.State.choices,
            "history": history_for(obj) if can(user, "core.audit:view") else None,
        },
        status=400 if forms else 200,
    )


FORMS = {
    "move": MoveForm,
    "role": RoleForm,
    "contact": ContactForm,
    "support": SupportForm,
    "initiative": InitiativeForm,
    "communication": CommunicationForm,
    "edit": ObjectForm,
}


@login_required
@require_POST
def object_action(request, pk, action):
    obj = get_object_or_404(ManagedObject, pk=pk)
    if action == "stakeholder":
        plan = get_object_or_404(CommunicationPlan, pk=request.POST.get("plan"), managed_object=obj)
        form = StakeholderForm(request.POST)
        if form.is_valid():
            try:
                services.stakeholder_add(actor=request.user, plan=plan, **form.cleaned_data)
                messages.success(request, _("Intressenten är tillagd."))
            except DomainError as err:
                messages.error(request, str(err.message))
        else:
            messages.error(request, _("Ange intressent."))
        return redirect("portfolio:object", pk=pk)
    if action == "support_state":
        req = get_object_or_404(SupportRequest, pk=request.POST.get("request"), managed_object=obj)
        try:
            services.support_request_move(
                actor=request.user, request=req, to_state=request.POST.get("state", "")
            )
            messages.success(request, _("Supportärendet är uppdaterat."))
        except DomainError as err:
            messages.error(request, str(err.message))
        return redirect("portfolio:object", pk=pk)
    if action == "end_role":
        role = get_object_or_404(ObjectRole, pk=request.POST.get("role"), managed_object=obj)
        try:
            services.role_end(
                actor=request.user,
                role=role,
                end_date=dt.date.fromisoformat(request.POST.get("end_date", "")),
            )
            messages.success(request, _("Rollen är avslutad."))
        except (DomainError, ValueError) as err:
            messages.error(request, str(getattr(err, "message", _("Ange ett giltigt datum."))))
        return redirect("portfolio:object", pk=pk)
    form_class = FORMS.get(action)
    if form_class is None:
        return redirect("portfolio:object", pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        calls = {
            "move": lambda: services.object_move(actor=request.user, managed_object=obj, **data),
            "role": lambda: services.role_assign(actor=request.user, managed_object=obj, **data),
            "contact": lambda: services.contact_set(actor=request.user, managed_object=obj, **data),
            "support": lambda: services.support_request_create(
                actor=request.user, managed_object=obj, **data
            ),
            "initiative": lambda: services.initiative_save(
                actor=request.user, managed_object=obj, **data
            ),
            "communication": lambda: services.communication_plan_create(
                actor=request.user, managed_object=obj, **data
            ),
            "edit": lambda: services.object_update(actor=request.user, managed_object=obj, **data),
        }
        if call_service(form, calls[action]) is not None:
            messages.success(request, _("Sparat."))
            return redirect("portfolio:object", pk=pk)
    return object_detail(request, pk, forms={action: form})


@login_required
def evaluation_create(request, pk):
    obj = get_object_or_404(ManagedObject, pk=pk)
    criteria = list(Criterion.objects.filter(active=True))
    error = None
    if request.method == "POST":
        try:
            judgements = [
                {
                    "criterion_id": c.pk,
                    "verdict": request.POST.get(f"verdict_{c.pk}", ""),
                    "grounds": request.POST.get(f"grounds_{c.pk}", ""),
                }
                for c in criteria
            ]
            services.evaluation_record(
                actor=request.user,
                managed_object=obj,
                judgements=judgements,
                users_region=int(request.POST.get("users_region") or 0),
                users_municipalities=int(request.POST.get("users_municipalities") or 0),
                recommend=request.POST.get("recommend") == "yes",
                recommendation=request.POST.get("recommendation", ""),
            )
            messages.success(request, _("Värderingen är registrerad."))
            return redirect("portfolio:object", pk=pk)
        except DomainError as err:
            error = err
        except ValueError:
            error = DomainError(_("Antalet användare ska vara heltal."), field="users_region")
    return render(
        request,
        "portfolio/evaluation_form.html",
        {
            "obj": obj,
            "criteria": criteria,
            "verdicts": Judgement.Verdict.choices,
            "error": error,
            "post": request.POST,
        },
        status=400 if error else 200,
    )


def contacts_missing(request):
    return render(
        request, "portfolio/contacts_missing.html", {"rows": municipalities_without_contacts()}
    )


def agreement_list(request):
    on = _date(request)
    try:
        months = int(request.GET.get("manader") or 6)
    except ValueError:
        months = 6
    form = AgreementForm(request.POST or None, initial={"renewal_years": 1, "notice_months": 6})
    if request.method == "POST" and request.user.is_authenticated and form.is_valid():
        data = dict(form.cleaned_data)
        parties = list(data.pop("parties"))
        if (
            call_service(
                form, lambda: services.agreement_create(actor=request.user, parties=parties, **data)
            )
            is not None
        ):
            messages.success(request, _("Avtalet är registrerat."))
            return redirect("portfolio:agreements")
    return render(
        request,
        "portfolio/agreements.html",
        {
            "statuses": agreement_statuses(on),
            "due": notice_due(months, on),
            "on": on,
            "months": months,
            "form": form if can(request.user, "portfolio.agreement:change") else None,
        },
        status=400 if request.method == "POST" else 200,
    )


def agreement_calendar(request):
    today = dt.date.today()
    cal = Calendar()
    cal.add("prodid", "-//GITS//Avtal//SV")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Avtal – sista dag för uppsägning")
    stamp = dt.datetime.now(tz=dt.UTC)
    for date, summary, uid in notice_events(
        today - dt.timedelta(days=365), today + dt.timedelta(days=3 * 365)
    ):
        event = Event()
        event.add("uid", f"{uid}@{request.get_host()}")
        event.add("dtstamp", stamp)
        event.add("summary", summary)
        event.add("dtstart", date)
        event.add("dtend", date + dt.timedelta(days=1))
        cal.add_component(event)
    return HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
