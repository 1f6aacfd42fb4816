"""Demo: the 2010 and 2025 portfolios, the agreements of 2010 and 2011 (the 2011 agreement
replaces the 2010 one; both signed by both parties, with contact persons), roles, an
evaluation, contacts, an initiative and the review's communication plan (texts in
demo_data.json)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, TypedDict

from django.contrib.auth import get_user_model

from gits.bodies.models import Body, Person
from gits.organisations.models import Organisation
from gits.portfolio import services
from gits.portfolio.models import (
    Agreement,
    Criterion,
    Judgement,
    ManagedObject,
    ObjectRole,
    StateChange,
    SupportContact,
)

DATA = Path(__file__).resolve().parent / "demo_data.json"


class _System(TypedDict):
    actor: None
    check_right: bool


# The demo is loaded by the system, not by a user with rights.
AS_SYSTEM: _System = {"actor": None, "check_right": False}


def load(today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    if ManagedObject.objects.filter(short_name="SAMSA").exists():
        return
    objects = {}
    for spec in data["objects"]:
        spec = dict(spec)
        target = spec.pop("state")
        obj = services.object_propose(**AS_SYSTEM, **spec)
        objects[obj.short_name] = obj
        if target != "proposed":
            # Earlier history, decided before the system existed: recorded by reference.
            StateChange.objects.create(
                managed_object=obj,
                from_state=obj.state,
                to_state=target,
                date=dt.date(2010, 12, 10),
                decision_reference=data["history_reference"],
                actor_name="system",
            )
            obj.state = target
            obj.save(update_fields=["state"])
    sitiv = Body.objects.get(short_name="SITIV")
    region = Organisation.objects.get(kind=Organisation.Kind.REGION)
    coordinator = Person.objects.filter(last_name="Förlagsson").first()
    start = dt.date(today.year - 1, 1, 1)
    holders: list[dict[str, Any]] = [
        {"role": ObjectRole.Role.SYSTEM_OWNER, "body": sitiv},
        {"role": ObjectRole.Role.SYSTEM_MANAGER, "holder_text": "GITS"},
        {"role": ObjectRole.Role.INFORMATION_OWNER, "organisation": region},
    ]
    if coordinator is not None:
        holders.append({"role": ObjectRole.Role.COORDINATOR, "person": coordinator})
    for obj in objects.values():
        if obj.state != ManagedObject.State.IN_MANAGEMENT:
            continue
        for holder in holders:
            services.role_assign(**AS_SYSTEM, managed_object=obj, start_date=start, **holder)
    samsa = objects["SAMSA"]
    services.role_assign(
        **AS_SYSTEM,
        managed_object=samsa,
        role=ObjectRole.Role.PROCESS_OWNER,
        holder_text="Styrgruppen för samordnad hälsa, vård och omsorg",
        start_date=start,
    )
    contacts = [
        (Organisation.objects.filter(scb_code=code).first(), kind, name)
        for code, kind, name in (
            ("1480", SupportContact.Kind.BUSINESS, "Kommunkontakt e-hälsa (fiktiv)"),
            ("1480", SupportContact.Kind.TECHNICAL, "IT-support första linjen (fiktiv)"),
            ("1490", SupportContact.Kind.BUSINESS, "Rut Utkastsdotter"),
        )
    ]
    contacts.append((region, SupportContact.Kind.TECHNICAL, "Regionens IT-servicedesk (fiktiv)"))
    for party, kind, name in contacts:
        if party is not None:
            services.contact_set(
                **AS_SYSTEM, managed_object=samsa, party=party, kind=kind, name=name
            )
    # A problem Borås' contact reported to the second line, which the coordinator has taken
    # on: on both their start pages until it is solved.
    reporter = get_user_model().objects.filter(username="kommunkontakt").first()
    if reporter is not None:
        request = services.support_request_create(
            actor=reporter,
            managed_object=samsa,
            title="Remisser från hemtjänsten syns inte i SAMSA",
            description="Sedan uppdateringen i måndags når remisserna inte vårdcentralerna.",
        )
        if coordinator is not None and coordinator.user is not None:
            services.support_request_move(
                actor=coordinator.user, request=request, to_state="in_progress"
            )
    services.initiative_save(
        **AS_SYSTEM,
        managed_object=samsa,
        title="Samexistens SAMSA/Millennium",
        goal="Informationsöverföringen fungerar när regionen byter vårdinformationssystem.",
        owner=coordinator,
        state="ongoing",
        start_date=dt.date(today.year, 1, 1),
        end_date=dt.date(today.year + 1, 6, 30),
        budget=Decimal("1200000.00"),
    )
    # A new proposal, evaluated against the five criteria, ready for SITIV.
    proposal = services.object_propose(
        **AS_SYSTEM,
        name="Digitala hjälpmedel i samverkan",
        short_name="Hjälpmedel",
        area="health_care",
        horizon="medium",
        description="Förvaltning och utveckling av digitala hjälpmedel i samverkan.",
    )
    verdicts = [
        Judgement.Verdict.MET,
        Judgement.Verdict.MET,
        Judgement.Verdict.PARTLY,
        Judgement.Verdict.MET,
        Judgement.Verdict.PARTLY,
    ]
    services.evaluation_record(
        **AS_SYSTEM,
        managed_object=proposal,
        judgements=[
            {"criterion_id": c.pk, "verdict": v, "grounds": "Bedömt av förvaltargruppen."}
            for c, v in zip(Criterion.objects.filter(active=True), verdicts, strict=False)
        ],
        users_region=420,
        users_municipalities=1350,
        recommend=True,
        recommendation="Förvaltargruppen rekommenderar samförvaltning från nästa år.",
    )
    services.object_move(
        **AS_SYSTEM,
        managed_object=proposal,
        to_state=ManagedObject.State.EVALUATED,
    )
    _agreements(data["agreements"], objects, region)
    services.communication_plan_create(
        **AS_SYSTEM,
        managed_object=None,
        title="Översyn av GITS omfattning och uppdrag (2022)",
        purpose="Intressenter och deras informationsbehov under översynen.",
        stakeholders=[
            {"name": n, "information_needs": i, "channel": c, "timing": t}
            for n, i, c, t in data["stakeholders"]
        ],
    )
    services.communication_plan_create(
        **AS_SYSTEM,
        managed_object=proposal,
        title="Kommunikation inför etablering av Digitala hjälpmedel",
        purpose="Generell plan för kommunikation till parterna innan objektet etableras (uppdragshandlingen 2011).",
        stakeholders=[
            {
                "name": "Kommunalförbunden",
                "information_needs": "Vad samförvaltningen innebär och kostar",
                "channel": "Förbundens nätverk",
                "timing": "Före SITIV-beslutet",
            }
        ],
    )


def _party(key: str, region: Organisation) -> dict[str, Any]:
    """A party as the demo names it: the region, the association of the municipalities or the
    counterparty."""
    if key == "counterparty":
        return {"counterparty": True}
    if key == "region":
        return {"party": region}
    return {"party": Organisation.objects.get(kind=Organisation.Kind.ASSOCIATION)}


def _person(last_name: str) -> Person | None:
    return Person.objects.filter(last_name=last_name).first() if last_name else None


def _agreements(specs: list[dict[str, Any]], objects: dict[str, ManagedObject], region) -> None:
    """Each agreement drafted (or drafted as the replacement of an earlier one), with its
    contact persons, then signed by every party as the seeds date it."""
    by_title: dict[str, Agreement] = {}
    for spec in specs:
        spec = dict(spec)
        signatures = spec.pop("signatures", [])
        contacts = spec.pop("contacts", [])
        replaces = spec.pop("replaces", None)
        of_object = objects.get(spec.pop("object", ""))
        for key in ("start_date", "first_end"):
            spec[key] = dt.date.fromisoformat(spec[key])
        parties = [region]
        if spec["kind"] == Agreement.Kind.JOINT_FUNCTION:
            parties.append(Organisation.objects.get(kind=Organisation.Kind.ASSOCIATION))
        if replaces:
            draft = services.agreement_replace(**AS_SYSTEM, agreement=by_title[replaces])
            agreement = services.agreement_update(
                **AS_SYSTEM,
                agreement=draft,
                version=draft.version,
                parties=parties,
                managed_object=of_object,
                **spec,
            )
        else:
            agreement = services.agreement_create(
                **AS_SYSTEM, parties=parties, managed_object=of_object, **spec
            )
        for party, last_name, role in contacts:
            person = _person(last_name)
            if person is not None:
                services.agreement_contact_add(
                    **AS_SYSTEM,
                    agreement=agreement,
                    person=person,
                    role=role,
                    **_party(party, region),
                )
        for party, last_name, name, day in signatures:
            person = _person(last_name)
            agreement = services.agreement_sign(
                **AS_SYSTEM,
                agreement=agreement,
                person=person,
                signer_name=name or ("" if person else last_name or "Okänd (demo)"),
                signed_on=dt.date.fromisoformat(day),
                **_party(party, region),
            )
        by_title[agreement.title] = agreement
