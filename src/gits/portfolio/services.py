"""Writes for the portfolio: objects and their lifecycle (R-18), roles, evaluations (R-19),
support, agreements (R-27), initiatives and communication plans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gits.bodies.models import Body
from gits.core.audit import audit_record, diff, snapshot
from gits.core.concurrency import bump_version, check_version
from gits.core.errors import DomainError
from gits.core.money import to_money
from gits.core.permissions import require
from gits.portfolio.models import (
    Agreement,
    CommunicationPlan,
    Criterion,
    Evaluation,
    Initiative,
    Judgement,
    ManagedObject,
    ObjectRole,
    Stakeholder,
    StateChange,
    SupportContact,
    SupportRequest,
)

S = ManagedObject.State
OBJECT_FIELDS = ["name", "short_name", "description", "area", "horizon"]
AGREEMENT_FIELDS = [
    "kind",
    "title",
    "managed_object",
    "counterparty",
    "start_date",
    "first_end",
    "renewal_years",
    "notice_months",
    "terminated_on",
    "notes",
]
INITIATIVE_FIELDS = ["title", "goal", "owner", "state", "start_date", "end_date", "budget"]

# The lifecycle: state -> states it may move to.
MOVES: dict[str, set[str]] = {
    S.PROPOSED: {S.EVALUATED},
    S.EVALUATED: {S.CO_MANAGEMENT_DECIDED, S.PROPOSED},
    S.CO_MANAGEMENT_DECIDED: {S.IN_MANAGEMENT},
    S.IN_MANAGEMENT: {S.DECOMMISSIONING_DECIDED},
    S.DECOMMISSIONING_DECIDED: {S.DECOMMISSIONED, S.IN_MANAGEMENT},
    S.DECOMMISSIONED: set(),
}
# Moves that SITIV decides: they must name the decision behind them.
NEEDS_DECISION = {S.CO_MANAGEMENT_DECIDED, S.DECOMMISSIONING_DECIDED}


def _label(state: str) -> str:
    return str(S(state).label).lower()


def _clean_object(obj: ManagedObject) -> None:
    obj.name, obj.short_name = (obj.name or "").strip(), (obj.short_name or "").strip()
    if not obj.name:
        raise DomainError(_("Ange objektets namn."), field="name")
    if not obj.short_name:
        raise DomainError(_("Ange ett kortnamn."), field="short_name")
    if ManagedObject.objects.exclude(pk=obj.pk).filter(short_name__iexact=obj.short_name).exists():
        raise DomainError(
            _("Kortnamnet %(n)s används redan.") % {"n": obj.short_name}, field="short_name"
        )
    if obj.area not in ManagedObject.Area.values:
        raise DomainError(_("Välj område."), field="area")
    if obj.horizon not in ManagedObject.Horizon.values:
        raise DomainError(_("Välj tidshorisont."), field="horizon")


def object_propose(*, actor: Any, check_right: bool = True, **fields: Any) -> ManagedObject:
    """Register a proposed object (förslag)."""
    with transaction.atomic():
        if check_right:
            require(actor, "portfolio.object:change")
        obj = ManagedObject(
            state=S.PROPOSED, **{k: v for k, v in fields.items() if k in OBJECT_FIELDS}
        )
        _clean_object(obj)
        obj.save()
        audit_record(
            action="portfolio.object.proposed",
            obj=obj,
            actor=actor,
            changes=diff({}, snapshot(obj, OBJECT_FIELDS)),
        )
    return obj


def object_update(
    *, actor: Any, managed_object: ManagedObject, version: int | None, **fields: Any
) -> ManagedObject:
    with transaction.atomic():
        require(actor, "portfolio.object:change")
        obj = ManagedObject.objects.select_for_update().get(pk=managed_object.pk)
        check_version(obj, version)
        before = snapshot(obj, OBJECT_FIELDS)
        for name, value in fields.items():
            if name not in OBJECT_FIELDS:
                raise DomainError(_("Okänt fält: %(f)s") % {"f": name}, field=name)
            setattr(obj, name, value if value is not None else "")
        _clean_object(obj)
        changes = diff(before, snapshot(obj, OBJECT_FIELDS))
        if changes:
            bump_version(obj)
            obj.save()
            audit_record(action="portfolio.object.changed", obj=obj, actor=actor, changes=changes)
    return obj


def object_move(
    *,
    actor: Any,
    managed_object: ManagedObject,
    to_state: str,
    decision: Any = None,
    decision_reference: str = "",
    date: dt.date | None = None,
    note: str = "",
    version: int | None = None,
    check_right: bool = True,
) -> ManagedObject:
    """Move an object in its lifecycle (R-18). A move SITIV decides (co-management,
    decommissioning) names the decision: a decision in the system, taken (not referred back)
    by a steering group, or for older decisions a reference. An evaluation must exist before
    an object counts as evaluated (R-19)."""
    with transaction.atomic():
        if check_right:
            require(actor, "portfolio.object:move")
        obj = ManagedObject.objects.select_for_update().get(pk=managed_object.pk)
        check_version(obj, version)
        if to_state not in MOVES.get(obj.state, set()):
            allowed = ", ".join(_label(s) for s in sorted(MOVES.get(obj.state, set()))) or _(
                "inget"
            )
            raise DomainError(
                _(
                    "Ett objekt i läget %(from)s kan inte bli %(to)s. Tillåtet härifrån: %(allowed)s."
                )
                % {
                    "from": _label(obj.state),
                    "to": _label(to_state) if to_state in S.values else to_state,
                    "allowed": allowed,
                },
                field="to_state",
            )
        if to_state == S.EVALUATED and not obj.evaluations.exists():
            raise DomainError(
                _("Värdera objektet mot kriterierna innan det markeras som värderat."),
                field="to_state",
            )
        reference = (decision_reference or "").strip()
        if to_state in NEEDS_DECISION:
            if decision is None and not reference:
                raise DomainError(
                    _("Att bli %(to)s beslutas av SITIV: ange beslutet.")
                    % {"to": _label(to_state)},
                    field="decision",
                )
            if decision is not None:
                if decision.outcome != "decided":
                    raise DomainError(
                        _("Beslutet är en återremiss eller ett avförande, inte ett beslut."),
                        field="decision",
                    )
                if decision.item.body.kind != Body.Kind.STEERING_GROUP:
                    raise DomainError(
                        _("Beslutet ska vara fattat av styrgruppen."), field="decision"
                    )
        change = StateChange.objects.create(
            managed_object=obj,
            from_state=obj.state,
            to_state=to_state,
            date=date or dt.date.today(),
            decision=decision,
            decision_reference=reference,
            note=note,
            actor_name=actor.get_username()
            if getattr(actor, "is_authenticated", False)
            else "system",
        )
        before = obj.state
        obj.state = to_state
        bump_version(obj)
        obj.save()
        audit_record(
            action="portfolio.object.moved",
            obj=obj,
            actor=actor,
            changes={
                "state": [S(before).label, S(to_state).label],
                "beslut": [None, change.decision_label or None],
            },
        )
    return obj


def role_assign(
    *,
    actor: Any,
    managed_object: ManagedObject,
    role: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    body: Any = None,
    person: Any = None,
    organisation: Any = None,
    holder_text: str = "",
    check_right: bool = True,
) -> ObjectRole:
    """Give a role for an object to a body, person or party for a term."""
    with transaction.atomic():
        if check_right:
            require(actor, "portfolio.object:change")
        if role not in ObjectRole.Role.values:
            raise DomainError(_("Välj roll."), field="role")
        if not any([body, person, organisation, (holder_text or "").strip()]):
            raise DomainError(
                _("Ange vem som har rollen: ett organ, en person eller en part."), field="person"
            )
        if role == ObjectRole.Role.COORDINATOR and person is None:
            raise DomainError(_("Funktionskoordinatorn är en person."), field="person")
        if role == ObjectRole.Role.INFORMATION_OWNER and (
            organisation is None or not organisation.is_party
        ):
            raise DomainError(_("Informationsägare är en av parterna."), field="organisation")
        if end_date is not None and end_date < start_date:
            raise DomainError(_("Rollen kan inte sluta före den börjar."), field="end_date")
        r = ObjectRole.objects.create(
            managed_object=managed_object,
            role=role,
            body=body,
            person=person,
            organisation=organisation,
            holder_text=holder_text,
            start_date=start_date,
            end_date=end_date,
        )
        audit_record(
            action="portfolio.role.assigned",
            obj=r,
            actor=actor,
            parent=managed_object,
            changes={
                "roll": [None, r.get_role_display()],
                "innehavare": [None, r.holder],
                "från": [None, start_date],
            },
        )
    return r


def role_end(*, actor: Any, role: ObjectRole, end_date: dt.date) -> ObjectRole:
    with transaction.atomic():
        require(actor, "portfolio.object:change")
        if end_date < role.start_date:
            raise DomainError(_("Rollen kan inte sluta före den börjar."), field="end_date")
        before = role.end_date
        role.end_date = end_date
        role.save()
        audit_record(
            action="portfolio.role.ended",
            obj=role,
            actor=actor,
            parent=role.managed_object,
            changes={"till": [before, end_date]},
        )
    return role


def evaluation_record(
    *,
    actor: Any,
    managed_object: ManagedObject,
    judgements: list[dict[str, Any]],
    users_region: int,
    users_municipalities: int,
    recommend: bool,
    recommendation: str = "",
    date: dt.date | None = None,
    check_right: bool = True,
) -> Evaluation:
    """Evaluate an object against every active criterion (R-19). Each judgement stores the
    criterion's text as it reads now, so the evaluation keeps its criteria if they change."""
    with transaction.atomic():
        if check_right:
            require(actor, "portfolio.evaluation:change")
        criteria = {c.pk: c for c in Criterion.objects.filter(active=True)}
        given = {int(j["criterion_id"]): j for j in judgements}
        missing = [c for pk, c in criteria.items() if pk not in given]
        if missing:
            raise DomainError(
                _("Bedöm alla kriterier; saknas: %(c)s.")
                % {"c": ", ".join(str(c) for c in missing)},
                field="judgements",
            )
        for pk, j in given.items():
            if pk not in criteria:
                raise DomainError(_("Okänt kriterium."), field="judgements")
            if j.get("verdict") not in Judgement.Verdict.values:
                raise DomainError(
                    _("Välj bedömning för %(c)s.") % {"c": criteria[pk]}, field=f"verdict_{pk}"
                )
        if users_region < 0 or users_municipalities < 0:
            raise DomainError(_("Antalet användare kan inte vara negativt."), field="users_region")
        evaluation = Evaluation.objects.create(
            managed_object=managed_object,
            date=date or dt.date.today(),
            users_region=users_region,
            users_municipalities=users_municipalities,
            recommend=recommend,
            recommendation=recommendation,
            created_by=actor.get_username()
            if getattr(actor, "is_authenticated", False)
            else "system",
        )
        Judgement.objects.bulk_create(
            [
                Judgement(
                    evaluation=evaluation,
                    criterion=criteria[pk],
                    criterion_text=f"{criteria[pk].number}. {criteria[pk].name}",
                    verdict=j["verdict"],
                    grounds=j.get("grounds", ""),
                )
                for pk, j in sorted(given.items(), key=lambda kv: criteria[kv[0]].number)
            ]
        )
        audit_record(
            action="portfolio.evaluation.recorded",
            obj=evaluation,
            actor=actor,
            parent=managed_object,
            changes={
                "rekommenderar": [None, recommend],
                "användare": [None, f"{users_region} + {users_municipalities}"],
            },
        )
    return evaluation


def contact_set(
    *,
    actor: Any,
    managed_object: ManagedObject,
    party: Any,
    kind: str,
    name: str,
    email: str = "",
    phone: str = "",
    check_right: bool = True,
) -> SupportContact:
    """Name a party's business or technical first-line contact for an object."""
    with transaction.atomic():
        if check_right:
            require(actor, "portfolio.contact:change")
        if not party.is_party:
            raise DomainError(
                _("Kontakter namnges av parterna (regionen och kommunerna)."), field="party"
            )
        if kind not in SupportContact.Kind.values:
            raise DomainError(_("Välj typ av kontakt."), field="kind")
        if not (name or "").strip():
            raise DomainError(_("Ange kontaktens namn."), field="name")
        contact, created = SupportContact.objects.update_or_create(
            managed_object=managed_object,
            party=party,
            kind=kind,
            defaults={"name": name.strip(), "email": email, "phone": phone},
        )
        audit_record(
            action="portfolio.contact.set",
            obj=contact,
            actor=actor,
            parent=managed_object,
            changes={
                "part": [None, str(party)],
                "typ": [None, contact.get_kind_display()],
                "namn": [None, contact.name],
            },
        )
    return contact


def support_request_create(
    *, actor: Any, managed_object: ManagedObject, title: str, description: str, party: Any = None
) -> SupportRequest:
    """A second-line support request to the management team (GITS does no first-line support)."""
    with transaction.atomic():
        require(actor, "portfolio.support:change")
        if not (title or "").strip():
            raise DomainError(_("Ange en rubrik."), field="title")
        if not (description or "").strip():
            raise DomainError(_("Beskriv ärendet."), field="description")
        req = SupportRequest.objects.create(
            managed_object=managed_object,
            party=party,
            title=title.strip(),
            description=description.strip(),
            reported_by=actor.get_username(),
        )
        audit_record(
            action="portfolio.support.created",
            obj=req,
            actor=actor,
            parent=managed_object,
            changes={"rubrik": [None, req.title]},
        )
    return req


SUPPORT_MOVES = {
    SupportRequest.State.NEW: {SupportRequest.State.IN_PROGRESS, SupportRequest.State.CLOSED},
    SupportRequest.State.IN_PROGRESS: {SupportRequest.State.RESOLVED, SupportRequest.State.CLOSED},
    SupportRequest.State.RESOLVED: {SupportRequest.State.CLOSED, SupportRequest.State.IN_PROGRESS},
    SupportRequest.State.CLOSED: set(),
}


def support_request_move(
    *, actor: Any, request: SupportRequest, to_state: str, version: int | None = None
) -> SupportRequest:
    with transaction.atomic():
        require(actor, "portfolio.support:change")
        req = SupportRequest.objects.select_for_update().get(pk=request.pk)
        check_version(req, version)
        if to_state not in SUPPORT_MOVES.get(req.state, set()):
            raise DomainError(
                _("Ett ärende som är %(a)s kan inte bli %(b)s.")
                % {"a": SupportRequest.State(req.state).label.lower(), "b": to_state},
                field="state",
            )
        before = req.state
        req.state = to_state
        bump_version(req)
        req.save()
        audit_record(
            action="portfolio.support.moved",
            obj=req,
            actor=actor,
            parent=req.managed_object,
            changes={
                "state": [SupportRequest.State(before).label, SupportRequest.State(to_state).label]
            },
        )
    return req


def _clean_agreement(a: Agreement) -> None:
    if not (a.title or "").strip():
        raise DomainError(_("Ange avtalets benämning."), field="title")
    if a.kind not in Agreement.Kind.values:
        raise DomainError(_("Välj typ av avtal."), field="kind")
    if a.start_date is None or a.first_end is None:
        raise DomainError(_("Ange första avtalsperioden."), field="start_date")
    if a.first_end < a.start_date:
        raise DomainError(_("Första perioden kan inte sluta före den börjar."), field="first_end")
    if a.kind != Agreement.Kind.JOINT_FUNCTION and a.managed_object_id is None:
        raise DomainError(
            _("Leverantörs- och driftavtal hör till ett förvaltningsobjekt."),
            field="managed_object",
        )


def agreement_create(
    *, actor: Any, parties: list[Any] | None = None, check_right: bool = True, **fields: Any
) -> Agreement:
    with transaction.atomic():
        if check_right:
            require(actor, "portfolio.agreement:change")
        a = Agreement(**{k: v for k, v in fields.items() if k in AGREEMENT_FIELDS})
        _clean_agreement(a)
        a.save()
        if parties:
            a.parties.set(parties)
        audit_record(
            action="portfolio.agreement.created",
            obj=a,
            actor=actor,
            changes={
                **diff({}, snapshot(a, AGREEMENT_FIELDS)),
                "parter": [None, [str(p) for p in parties or []]],
            },
        )
    return a


# What may be recorded on an existing agreement. Its terms change only by a new agreement
# signed by both parties, registered as its own record.
AGREEMENT_RECORDABLE = ["terminated_on", "notes", "counterparty"]


def agreement_update(
    *, actor: Any, agreement: Agreement, version: int | None, **fields: Any
) -> Agreement:
    """Record notice given (`terminated_on`), notes or the supplier's name on an agreement.
    Its terms (periods, renewal, notice period, parties) are refused: a changed agreement is a
    new agreement signed by both parties (R-27)."""
    with transaction.atomic():
        require(actor, "portfolio.agreement:change")
        a = Agreement.objects.select_for_update().get(pk=agreement.pk)
        check_version(a, version)
        before = snapshot(a, AGREEMENT_FIELDS)
        for name, value in fields.items():
            if name in AGREEMENT_FIELDS and name not in AGREEMENT_RECORDABLE:
                raise DomainError(
                    _(
                        "Avtalets villkor ändras bara genom ett nytt avtal som båda parter har undertecknat. Registrera det nya avtalet i stället."
                    ),
                    field=name,
                )
            if name not in AGREEMENT_RECORDABLE:
                raise DomainError(_("Okänt fält: %(f)s") % {"f": name}, field=name)
            setattr(a, name, value)
        if a.terminated_on is not None and a.terminated_on < a.start_date:
            raise DomainError(
                _("Avtalet kan inte upphöra innan det har börjat."), field="terminated_on"
            )
        changes = diff(before, snapshot(a, AGREEMENT_FIELDS))
        if changes:
            bump_version(a)
            a.save()
            audit_record(action="portfolio.agreement.changed", obj=a, actor=actor, changes=changes)
    return a


def initiative_save(
    *,
    actor: Any,
    managed_object: ManagedObject,
    initiative: Initiative | None = None,
    version: int | None = None,
    check_right: bool = True,
    **fields: Any,
) -> Initiative:
    """Create or change a development initiative (goal, owner, state, period, budget)."""
    with transaction.atomic():
        if check_right:
            require(actor, "portfolio.object:change")
        if initiative is None:
            initiative = Initiative(managed_object=managed_object)
            before: dict[str, Any] = {}
        else:
            initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
            check_version(initiative, version)
            before = snapshot(initiative, INITIATIVE_FIELDS)
            bump_version(initiative)
        for name, value in fields.items():
            if name not in INITIATIVE_FIELDS:
                raise DomainError(_("Okänt fält: %(f)s") % {"f": name}, field=name)
            setattr(initiative, name, value)
        if not (initiative.title or "").strip():
            raise DomainError(_("Ange benämning."), field="title")
        if initiative.budget is not None:
            try:
                initiative.budget = to_money(initiative.budget)
            except TypeError as exc:
                raise DomainError(
                    _("Budgeten anges i kronor och öre, inte som flyttal."), field="budget"
                ) from exc
            if initiative.budget < 0:
                raise DomainError(_("Budgeten kan inte vara negativ."), field="budget")
        if (
            initiative.start_date
            and initiative.end_date
            and initiative.end_date < initiative.start_date
        ):
            raise DomainError(_("Perioden kan inte sluta före den börjar."), field="end_date")
        initiative.save()
        audit_record(
            action="portfolio.initiative.saved",
            obj=initiative,
            actor=actor,
            parent=managed_object,
            changes=diff(before, snapshot(initiative, INITIATIVE_FIELDS)),
        )
    return initiative


def communication_plan_create(
    *,
    actor: Any,
    title: str,
    purpose: str = "",
    managed_object: ManagedObject | None = None,
    stakeholders: list[dict[str, str]] | None = None,
    check_right: bool = True,
) -> CommunicationPlan:
    """A communication plan with its stakeholders and their information needs."""
    with transaction.atomic():
        if check_right:
            require(actor, "portfolio.object:change")
        if not (title or "").strip():
            raise DomainError(_("Ange planens benämning."), field="title")
        plan = CommunicationPlan.objects.create(
            managed_object=managed_object, title=title.strip(), purpose=purpose
        )
        for row in stakeholders or []:
            if (row.get("name") or "").strip():
                Stakeholder.objects.create(
                    plan=plan,
                    name=row["name"].strip(),
                    information_needs=row.get("information_needs", ""),
                    channel=row.get("channel", ""),
                    timing=row.get("timing", ""),
                )
        audit_record(
            action="portfolio.communication.created",
            obj=plan,
            actor=actor,
            parent=managed_object,
            changes={"plan": [None, plan.title], "intressenter": [None, plan.stakeholders.count()]},
        )
    return plan


def stakeholder_add(
    *,
    actor: Any,
    plan: CommunicationPlan,
    name: str,
    information_needs: str = "",
    channel: str = "",
    timing: str = "",
) -> Stakeholder:
    with transaction.atomic():
        require(actor, "portfolio.object:change")
        if not (name or "").strip():
            raise DomainError(_("Ange intressent."), field="name")
        s = Stakeholder.objects.create(
            plan=plan,
            name=name.strip(),
            information_needs=information_needs,
            channel=channel,
            timing=timing,
        )
        audit_record(
            action="portfolio.communication.stakeholder",
            obj=s,
            actor=actor,
            parent=plan.managed_object or plan,
            changes={"intressent": [None, s.name]},
        )
    return s
