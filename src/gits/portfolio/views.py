import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gits.core.audit import history_for
from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.formviews import (
    edit_page,
    form_page,
    initial_from,
    post_action,
    posted_record,
    posted_version,
)
from gits.core.pagination import get_page, query_int, query_string
from gits.core.permissions import acts_for_every_party, can, party_of
from gits.meetings.calendar import Feed
from gits.meetings.selectors import decision_register
from gits.organisations.models import Organisation
from gits.portfolio import services
from gits.portfolio.forms import (
    AgreementContactForm,
    AgreementForm,
    AgreementNoticeForm,
    CommunicationForm,
    ContactForm,
    EvaluationForm,
    InitiativeForm,
    MoveForm,
    ObjectForm,
    RoleForm,
    SignatureForm,
    StakeholderForm,
    SupportForm,
)
from gits.portfolio.models import (
    Agreement,
    AgreementContact,
    CommunicationPlan,
    Criterion,
    ManagedObject,
    ObjectRole,
    SupportRequest,
)
from gits.portfolio.selectors import (
    CONTACT_PARTIES,
    agreement_page_queryset,
    agreement_rows,
    agreement_status,
    agreement_statuses,
    contacts_lacking,
    municipalities_without_contacts,
    notice_due,
    notice_events,
    object_page_queryset,
    object_rows,
    roadmap,
    roles_on,
    signing_parties,
    signing_rows,
)


def _date(request) -> dt.date:
    """The date the page shows (`?datum=`), today when none or one far outside any
    agreement's periods."""
    try:
        date = dt.date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        return dt.date.today()
    return date if 1900 <= date.year <= 2999 else dt.date.today()


def _list_with_form(request, form, *, right, template, save, success, next_url, context):
    """A list page with a form to add to it, shown to those with the right; a POST that does
    not save answers 400 with the form and the reason beside its field."""
    response = form_page(
        request,
        form,
        template=template,
        save=lambda data, _version: save(data),
        success=success,
        next_url=next_url,
        context={**context, "form": form if can(request.user, right) else None},
    )
    if request.method == "POST" and response.status_code == 200:
        response.status_code = 400
    return response


# Long lists are shown a page at a time (issue 15), as the case list and the history page.
PAGE_SIZE = 50


def object_list(request):
    filters = {k: request.GET.get(k, "") for k in ("area", "state", "horizon")}
    qs = ManagedObject.objects.order_by("name", "pk")
    for key, value in filters.items():
        if value:
            qs = qs.filter(**{key: value})
    page = get_page(request, qs, PAGE_SIZE)
    return _list_with_form(
        request,
        ObjectForm(request.POST or None, initial={"area": "other", "horizon": "short"}),
        right="portfolio.object:change",
        template="portfolio/list.html",
        save=lambda data: services.object_propose(actor=request.user, **data),
        success=lambda obj: _("%(o)s är registrerat som förslag.") % {"o": obj.name},
        next_url=lambda obj: reverse("portfolio:object", args=[obj.pk]),
        context={
            "objects": object_rows(page),
            "page_obj": page,
            "query_string": query_string(request),
            "filters": filters,
            "areas": ManagedObject.Area.choices,
            "states": ManagedObject.State.choices,
            "horizons": ManagedObject.Horizon.choices,
        },
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


# The forms on an object's page: action -> (form, service, the right that shows it). Every
# service takes the object as `managed_object`; a refusal shows beside its field on the page.
FORM_ACTIONS = {
    "move": (MoveForm, services.object_move, "portfolio.object:move"),
    "role": (RoleForm, services.role_assign, "portfolio.object:change"),
    "contact": (ContactForm, services.contact_set, "portfolio.contact:change"),
    "support": (SupportForm, services.support_request_create, "portfolio.support:change"),
    "initiative": (InitiativeForm, services.initiative_save, "portfolio.object:change"),
    "communication": (
        CommunicationForm,
        services.communication_plan_create,
        "portfolio.object:change",
    ),
    "edit": (ObjectForm, services.object_update, "portfolio.object:change"),
}


def _page_forms(user, obj, failed):
    """The forms for what the user may do on the object's page: the one that was refused as
    it was posted, the others blank."""
    today = dt.date.today()
    initial = {
        "move": {"date": today, "version": obj.version},
        "role": {"start_date": today},
        "initiative": {"state": "planned"},
        "edit": initial_from(obj, services.OBJECT_FIELDS),
    }
    forms = {
        f"{action}_form": failed.get(action)
        or (form_class(initial=initial.get(action)) if can(user, right) else None)
        for action, (form_class, _service, right) in FORM_ACTIONS.items()
    }
    _own_party_only(user, forms, obj)
    if forms["move_form"] is not None:
        forms["move_form"] = forms["move_form"].offered_for(obj)
    return forms


def _own_party_only(user, forms, obj):
    """A user who acts for one party is offered only that party in the contact and support
    forms (rights per party; the service refuses any other party anyway), already chosen;
    the contact form stands open on the first kind of contact the party lacks."""
    if acts_for_every_party(user):
        return
    party = party_of(user)
    for name in ("contact_form", "support_form"):
        form = forms.get(name)
        if form is not None:
            field = form.fields["party"]
            field.queryset = field.queryset.filter(pk__in=[party.pk] if party else [])
            if party is not None and not form.is_bound:
                form.initial.setdefault("party", party.pk)
    contact = forms.get("contact_form")
    if party is not None and contact is not None and not contact.is_bound:
        lacking = contacts_lacking(party, obj)
        if lacking:
            contact.initial.setdefault("kind", lacking[0][1][0].value)
            forms["contact_form_open"] = True


DECISIONS_SHOWN = 20


def object_detail(request, pk, forms=None):
    obj = get_object_or_404(object_page_queryset(), pk=pk)
    date = _date(request)
    user = request.user
    # the public sees decision text only from locked minutes (decision_register).
    # The newest decisions; the rest are in the register, filtered on the object (issue 15).
    decisions = list(
        decision_register(public=not user.is_authenticated, managed_object=obj.pk)[
            : DECISIONS_SHOWN + 1
        ]
    )
    missing = municipalities_without_contacts([obj])[0].missing
    return render(
        request,
        "portfolio/detail.html",
        {
            "obj": obj,
            "date": date,
            "roles": roles_on(obj, date),
            "decisions": decisions[:DECISIONS_SHOWN],
            "decisions_url": reverse("meetings:decisions") + f"?objekt={obj.pk}"
            if len(decisions) > DECISIONS_SHOWN
            else None,
            "contacts": obj.contacts.select_related("party"),
            "missing_contacts": missing,
            "statuses": agreement_statuses(dt.date.today(), obj.agreements.all()),
            **_page_forms(user, obj, forms or {}),
            "stakeholder_form": StakeholderForm() if can(user, "portfolio.object:change") else None,
            "can_evaluate": can(user, "portfolio.evaluation:change"),
            "can_register_agreement": can(user, AGREEMENT_RIGHT),
            "can_support": can(user, "portfolio.support:change"),
            "history": history_for(obj) if can(user, "core.audit:view") else None,
        },
        status=400 if forms else 200,
    )


def _stakeholder_add(request, obj):
    plan = posted_record(request, "plan", CommunicationPlan, managed_object=obj)
    form = StakeholderForm(request.POST)
    if not form.is_valid():
        raise DomainError(_("Ange intressent."), field="name")
    return services.stakeholder_add(actor=request.user, plan=plan, **form.cleaned_data)


def _support_move(request, obj):
    req = posted_record(request, "request", SupportRequest, managed_object=obj)
    return services.support_request_move(
        actor=request.user, request=req, to_state=request.POST.get("state", "")
    )


def _role_end(request, obj):
    role = posted_record(request, "role", ObjectRole, managed_object=obj)
    try:
        end_date = dt.date.fromisoformat(request.POST.get("end_date", ""))
    except ValueError as exc:
        raise DomainError(_("Ange ett giltigt datum."), field="end_date") from exc
    return services.role_end(actor=request.user, role=role, end_date=end_date)


# The buttons on an object's page: action -> (what it does, what it says when done).
BUTTON_ACTIONS = {
    "stakeholder": (_stakeholder_add, gettext_lazy("Intressenten är tillagd.")),
    "support_state": (_support_move, gettext_lazy("Supportärendet är uppdaterat.")),
    "end_role": (_role_end, gettext_lazy("Rollen är avslutad.")),
}


@login_required
@require_POST
def object_action(request, pk, action):
    obj = get_object_or_404(ManagedObject, pk=pk)
    back = reverse("portfolio:object", args=[pk])
    if action in BUTTON_ACTIONS:
        run, success = BUTTON_ACTIONS[action]
        return post_action(request, lambda: run(request, obj), success=success, next_url=back)
    if action not in FORM_ACTIONS:
        return redirect(back)
    form_class, service, _right = FORM_ACTIONS[action]
    form = form_class(request.POST)
    if form.is_valid() and (
        call_service(
            form, lambda: service(actor=request.user, managed_object=obj, **form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, _("Sparat."))
        return redirect(back)
    return object_detail(request, pk, forms={action: form})


@login_required
def evaluation_create(request, pk):
    """Evaluate an object against the criteria (R-19) on a page of its own; a refusal is
    shown beside its field with everything typed kept (rule 4)."""
    obj = get_object_or_404(ManagedObject, pk=pk)
    form = EvaluationForm(request.POST or None, criteria=Criterion.objects.filter(active=True))
    return form_page(
        request,
        form,
        template="portfolio/evaluation_form.html",
        save=lambda data, _version: services.evaluation_record(
            actor=request.user, managed_object=obj, **form.service_data(data)
        ),
        success=gettext_lazy("Värderingen är registrerad."),
        next_url=reverse("portfolio:object", args=[pk]),
        context={"obj": obj},
        error_status=400,
        right="portfolio.evaluation:change",
        refuse_to=reverse("portfolio:object", args=[pk]),
    )


def contacts_missing(request):
    """Per object, the municipalities that have named no contact; with `?part=ID`, the
    objects for which that party (the region or a municipality) lacks a kind of contact."""
    party = Organisation.objects.filter(
        pk=query_int(request, "part"), kind__in=CONTACT_PARTIES
    ).first()
    if party is not None:
        rows = [(obj, [k.label for k in missing]) for obj, missing in contacts_lacking(party)]
        return render(
            request, "portfolio/contacts_missing.html", {"party": party, "party_rows": rows}
        )
    return render(
        request, "portfolio/contacts_missing.html", {"rows": municipalities_without_contacts()}
    )


# The horizon of "last day of notice within N months", as the page's field allows.
NOTICE_MONTHS = range(1, 61)


def _notice_months(request) -> int:
    try:
        months = int(request.GET.get("manader") or 6)
    except ValueError:
        return 6
    return min(max(months, NOTICE_MONTHS.start), NOTICE_MONTHS.stop - 1)


def agreement_list(request):
    on = _date(request)
    months = _notice_months(request)
    agreements = Agreement.objects.select_related("managed_object", "replaces")
    page = get_page(request, agreements.order_by("kind", "start_date", "pk"), PAGE_SIZE)
    return render(
        request,
        "portfolio/agreements.html",
        {
            # The status of the page's agreements only; the notice days by their dates.
            "rows": agreement_rows(page, on),
            "page_obj": page,
            "query_string": query_string(request),
            # (title, last day of notice, the end it gives): due ones have both days.
            "due": [
                (a.title, s.earliest_end_notice.isoformat(), s.earliest_end.isoformat())
                for a, s in ((d.agreement, d.status) for d in notice_due(months, on))
            ],
            "on": on,
            "months": months,
            "can_create": can(request.user, AGREEMENT_RIGHT),
        },
    )


AGREEMENT_RIGHT = "portfolio.agreement:change"
# The terms of a draft and its notes, as its edit page shows them.
DRAFT_FIELDS = [n for n in services.AGREEMENT_FIELDS if n != "terminated_on"]


@login_required
def agreement_create(request):
    """Register an agreement as a draft, on its own page: its form offers every object and
    party, too long a form for every view of the list (issue 15)."""
    # From an object's page (`?objekt=<id>`) the object is chosen already.
    asked = query_int(request, "objekt")
    chosen = ManagedObject.objects.filter(pk=asked).first() if asked else None
    initial = {"renewal_years": 1, "notice_months": 6, "managed_object": chosen}
    return form_page(
        request,
        AgreementForm(request.POST or None, initial=initial),
        template="portfolio/agreement_new.html",
        save=lambda data, _version: services.agreement_create(
            actor=request.user, parties=list(data.pop("parties")), **data
        ),
        success=_(
            "Avtalet är registrerat som utkast. Det gäller när alla parter har undertecknat det."
        ),
        next_url=lambda agreement: reverse("portfolio:agreement", args=[agreement.pk]),
        error_status=400,
        right=AGREEMENT_RIGHT,
        refuse_to="portfolio:agreements",
    )


def _agreement_forms(request, a: Agreement, failed: dict) -> dict:
    """The forms for what the user may do on the agreement's page: the one that was refused
    as it was posted, the others blank."""
    today = dt.date.today()
    allowed = can(request.user, AGREEMENT_RIGHT)
    unsigned = [row.party for row in signing_rows(a) if row.signature is None]
    blank = {
        "sign": lambda: (
            SignatureForm(parties=unsigned, initial={"signed_on": today, "version": a.version})
            if a.is_draft and unsigned
            else None
        ),
        "notice": lambda: (
            AgreementNoticeForm(initial=initial_from(a, ["terminated_on", "notes"]))
            if a.state == Agreement.State.SIGNED
            else None
        ),
        "contact": lambda: AgreementContactForm(parties=signing_parties(a)),
    }
    return {
        f"{action}_form": failed.get(action) or (make() if allowed else None)
        for action, make in blank.items()
    }


def agreement_detail(request, pk, forms=None):
    a = get_object_or_404(agreement_page_queryset(), pk=pk)
    user = request.user
    today = dt.date.today()
    return render(
        request,
        "portfolio/agreement_detail.html",
        {
            "agreement": a,
            "today": today,
            "status": agreement_status(a, today),
            "rows": signing_rows(a),
            "replacement": a.replacement,
            "can_change": can(user, AGREEMENT_RIGHT),
            **_agreement_forms(request, a, forms or {}),
            "history": history_for(a) if can(user, "core.audit:view") else None,
        },
        status=400 if forms else 200,
    )


@login_required
def agreement_edit(request, pk):
    a = get_object_or_404(Agreement, pk=pk)
    if not a.is_draft:
        messages.error(request, str(services.TERMS_FROZEN))
        return redirect("portfolio:agreement", pk=pk)
    return edit_page(
        request,
        obj=a,
        form_class=AgreementForm,
        template="portfolio/agreement_form.html",
        fields=[*DRAFT_FIELDS, "parties"],
        create=services.agreement_create,
        update=services.agreement_update,
        entity="agreement",
        next_url=lambda saved: reverse("portfolio:agreement", args=[saved.pk]),
        success=_("Utkastet är ändrat."),
        right=AGREEMENT_RIGHT,
        refuse_to="portfolio:agreements",
        context={"signatures": list(a.signatures.select_related("party", "person", "user"))},
    )


def _signing_party(a: Agreement, key: str):
    for party in signing_parties(a):
        if party.key == key:
            return party
    raise DomainError(_("Välj en part som inte har undertecknat."), field="party")


def _sign(request, a: Agreement, data: dict) -> Agreement:
    party = _signing_party(a, data["party"])
    return services.agreement_sign(
        actor=request.user,
        agreement=a,
        version=data.get("version"),
        party=party.organisation,
        counterparty=party.organisation is None,
        person=data.get("person"),
        by_actor=data.get("by_actor", False),
        signer_name=data.get("signer_name", ""),
        signed_on=data["signed_on"],
    )


def _notice(request, a: Agreement, data: dict) -> Agreement:
    return services.agreement_update(
        actor=request.user,
        agreement=a,
        version=data.get("version"),
        terminated_on=data.get("terminated_on"),
        notes=data.get("notes", ""),
    )


def _contact(request, a: Agreement, data: dict):
    party = _signing_party(a, data["party"])
    return services.agreement_contact_add(
        actor=request.user,
        agreement=a,
        person=data["person"],
        party=party.organisation,
        counterparty=party.organisation is None,
        role=data.get("role", ""),
    )


def _signed_message(a: Agreement) -> str:
    if a.state == Agreement.State.SIGNED:
        return _("Alla parter har undertecknat. Avtalet gäller och dess villkor är låsta.")
    return _("Underskriften är registrerad.")


# The forms on an agreement's page: action -> (form, what it does, what it says when done).
AGREEMENT_FORMS = {
    "sign": (SignatureForm, _sign, _signed_message),
    "notice": (AgreementNoticeForm, _notice, lambda a: _("Sparat.")),
    "contact": (AgreementContactForm, _contact, lambda c: _("Kontaktpersonen är sparad.")),
}


def _replace(request, a: Agreement) -> Agreement:
    return services.agreement_replace(
        actor=request.user, agreement=a, version=posted_version(request)
    )


def _contact_remove(request, a: Agreement):
    contact = posted_record(request, "contact", AgreementContact, agreement=a)
    return services.agreement_contact_remove(actor=request.user, contact=contact)


@login_required
@require_POST
def agreement_action(request, pk, action):
    a = get_object_or_404(Agreement, pk=pk)
    back = reverse("portfolio:agreement", args=[pk])
    if action == "replace":
        return post_action(
            request,
            lambda: _replace(request, a),
            success=_(
                "Ett utkast till nytt avtal är upprättat. Ändra villkoren och låt parterna underteckna det; då ersätter det det gamla avtalet."
            ),
            next_url=back,
            done_url=lambda new: reverse("portfolio:agreement", args=[new.pk]),
        )
    if action == "delete":
        return post_action(
            request,
            lambda: services.agreement_draft_delete(
                actor=request.user, agreement=a, version=posted_version(request)
            ),
            success=_("Utkastet är borttaget."),
            next_url=back,
            done_url=lambda _deleted: reverse("portfolio:agreements"),
        )
    if action == "contact_remove":
        return post_action(
            request,
            lambda: _contact_remove(request, a),
            success=_("Kontaktpersonen är borttagen."),
            next_url=back,
        )
    if action not in AGREEMENT_FORMS:
        return redirect(back)
    form_class, run, success = AGREEMENT_FORMS[action]
    # Any party may be named: the service says why one that has signed cannot sign again.
    kwargs = {"parties": signing_parties(a)} if action in ("sign", "contact") else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        done = call_service(form, lambda: run(request, a, dict(form.cleaned_data)))
        if done is not None:
            messages.success(request, success(done))
            return redirect(back)
    return agreement_detail(request, pk, forms={action: form})


def agreement_calendar(request):
    today = dt.date.today()
    feed = Feed("Avtal", "Avtal – sista dag för uppsägning", request.get_host())
    for date, summary, uid in notice_events(
        today - dt.timedelta(days=365), today + dt.timedelta(days=3 * 365)
    ):
        feed.day(uid, summary, date)
    return HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
