"""Writes for agreements (R-27; seed 002, Bilaga 2: "Detta avtal kan endast ändras genom ett
nytt, av bägge parter, undertecknat avtal. Nytt avtal ersätter tidigare avtal.").

- A draft is edited freely. A signature is recorded per party (who, for which party, when);
  a change of the terms of a draft voids the signatures already given, so that every party
  signs the same terms.
- When every party has signed, the agreement is signed and its terms are frozen: only notice
  (`terminated_on`) and notes are recorded on it.
- A change of terms is a new agreement: `agreement_replace` drafts a copy linked to the old
  one; when the copy is signed by every party, the old one is replaced and ends on the new
  one's start.
- Named contact persons per party are not terms: they can be changed on any agreement.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gits.core.changes import Recorded
from gits.core.errors import DomainError
from gits.portfolio import agreements
from gits.portfolio.models import Agreement, AgreementContact, AgreementSignature
from gits.portfolio.selectors import SigningParty, signing_parties

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

# The terms: what the parties sign. On a draft they can be changed; on a signed agreement
# only by a new agreement (the parties are terms too).
TERMS = [name for name in AGREEMENT_FIELDS if name not in ("terminated_on", "notes")]

# What may be recorded on a signed agreement: notice given and notes.
AGREEMENT_RECORDABLE = ["terminated_on", "notes"]

CONTACT_FIELDS = ["party", "person", "role"]

# The bounds the forms offer too.
MAX_RENEWAL_YEARS = 10
MAX_NOTICE_MONTHS = 36

S = Agreement.State

AGREEMENT = Recorded(Agreement, AGREEMENT_FIELDS)
# What a signature, and the replacement by a new agreement, change on an agreement.
SIGNING = Recorded(Agreement, ["state", "signed_on"])
REPLACING = Recorded(Agreement, ["state", "replaced_on"])
CONTACT = Recorded(AgreementContact, CONTACT_FIELDS, name="portfolio.agreement", parent="agreement")


# The rule, as every refusal to change the terms of a signed agreement says it.
TERMS_FROZEN = gettext_lazy(
    "Avtalets villkor ändras bara genom ett nytt avtal som båda parter har undertecknat (R-27). Välj ”Ersätt med nytt avtal” och låt parterna underteckna det nya avtalet."
)


def _refuse_terms(field: str | None) -> DomainError:
    return DomainError(TERMS_FROZEN, field=field)


def _clean_agreement(a: Agreement) -> None:
    if not (a.title or "").strip():
        raise DomainError(_("Ange avtalets benämning."), field="title")
    a.title = a.title.strip()
    a.counterparty = (a.counterparty or "").strip()
    if a.kind not in Agreement.Kind.values:
        raise DomainError(_("Välj typ av avtal."), field="kind")
    if a.start_date is None or a.first_end is None:
        raise DomainError(_("Ange första avtalsperioden."), field="start_date")
    if a.first_end < a.start_date:
        raise DomainError(_("Första perioden kan inte sluta före den börjar."), field="first_end")
    for name, most, message in (
        ("renewal_years", MAX_RENEWAL_YEARS, _("Ange förlängningen i hela år, 0–%(n)s.")),
        ("notice_months", MAX_NOTICE_MONTHS, _("Ange uppsägningstiden i hela månader, 0–%(n)s.")),
    ):
        value = getattr(a, name)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
            raise DomainError(message % {"n": most}, field=name)
    if a.kind != Agreement.Kind.JOINT_FUNCTION and a.managed_object_id is None:
        raise DomainError(
            _("Leverantörs- och driftavtal hör till ett förvaltningsobjekt."),
            field="managed_object",
        )
    if a.replaces is not None:
        _check_starts_after(a, a.replaces)


def _check_starts_after(new: Agreement, old: Agreement) -> None:
    """A new agreement replaces the old one from its start: it starts after the old one."""
    if new.start_date <= old.start_date:
        raise DomainError(
            _("Det nya avtalet ersätter %(old)s och måste börja efter det (som började %(start)s).")
            % {"old": old, "start": old.start_date.isoformat()},
            field="start_date",
        )


def _refuse_notice_on_draft(values: dict[str, Any]) -> None:
    if values.get("terminated_on") is not None:
        raise DomainError(
            _(
                "Uppsägning registreras på ett undertecknat avtal. Ett utkast gäller inte än och behöver inte sägas upp."
            ),
            field="terminated_on",
        )


def _party_names(parties: Any) -> list[str]:
    return sorted(str(p) for p in parties)


def agreement_create(
    *, actor: Any, parties: list[Any] | None = None, check_right: bool = True, **fields: Any
) -> Agreement:
    """Register a draft agreement with its parties; it is in force when every party has
    signed (`agreement_sign`)."""
    _refuse_notice_on_draft(fields)
    with AGREEMENT.creating(actor=actor, check_right=check_right, values=fields) as change:
        _clean_agreement(change.obj)
        if parties:
            change.note("parter", None, _party_names(parties))
            change.after_save.append(lambda a: a.parties.set(parties))
    return change.obj


def _void_signatures(a: Agreement) -> None:
    a.signatures.all().delete()


def _signature_texts(a: Agreement) -> list[str]:
    return [
        f"{s.party_label}: {s.signer} {s.signed_on.isoformat()}"
        for s in a.signatures.select_related("party", "person", "user")
    ]


def agreement_update(
    *,
    actor: Any,
    agreement: Agreement,
    version: int | None,
    parties: list[Any] | None = None,
    check_right: bool = True,
    **fields: Any,
) -> Agreement:
    """Change a draft (its terms, parties and notes), or record notice given
    (`terminated_on`) and notes on a signed agreement. The terms of a signed agreement are
    refused: a change is a new agreement signed by both parties (R-27). A change of the terms
    of a draft voids the signatures already given."""
    with AGREEMENT.updating(
        agreement, actor=actor, version=version, check_right=check_right
    ) as change:
        a = change.obj
        if a.state == S.DRAFT:
            _refuse_notice_on_draft(fields)
            fields.pop("terminated_on", None)  # no notice on a draft: empty is what it has
            change.set(fields, [n for n in AGREEMENT_FIELDS if n != "terminated_on"])
            _clean_agreement(a)
            terms_changed = any(name in TERMS for name in change.changes())
            if parties is not None:
                before, after = _party_names(a.parties.all()), _party_names(parties)
                if before != after:
                    terms_changed = True
                    change.note("parter", before, after)
                    change.after_save.append(lambda saved: saved.parties.set(parties))
            signed = _signature_texts(a)
            if terms_changed and signed:
                # Every party signs the same terms: changed terms are signed anew.
                change.note("signatures", signed, [])
                change.after_save.append(_void_signatures)
        else:
            terms = [name for name in fields if name in TERMS]
            if parties is not None:
                terms.append("parties")
            if terms:
                raise _refuse_terms(terms[0])
            change.set(fields, AGREEMENT_RECORDABLE)
            if a.state == S.REPLACED and change.changes().get("terminated_on"):
                raise DomainError(
                    _(
                        "Avtalet är ersatt av %(new)s och har upphört; uppsägning registreras på det nya avtalet."
                    )
                    % {"new": a.replacement},
                    field="terminated_on",
                )
            if a.terminated_on is not None and a.terminated_on < a.start_date:
                raise DomainError(
                    _("Avtalet kan inte upphöra innan det har börjat."), field="terminated_on"
                )
    return change.obj


def _signer(actor: Any, person: Any, by_actor: bool, name: str) -> dict[str, Any]:
    """Who signed, as a signature records it: a named person (or a name, for someone outside
    the person register), the user recording the signature (and the person linked to their
    account), or both."""
    name = (name or "").strip()
    user = None
    if by_actor:
        if not getattr(actor, "is_authenticated", False):
            raise DomainError(_("Logga in för att underteckna själv."), field="by_actor")
        user = actor
        if person is None and not name:
            person = getattr(actor, "person", None)
    if person is None and user is None and not name:
        raise DomainError(
            _(
                "Ange vem som undertecknade: en person i registret, ett namn, eller att du själv undertecknar."
            ),
            field="person",
        )
    return {"person": person, "user": user, "signer_name": name}


def _signing_party(a: Agreement, party: Any, counterparty: bool) -> SigningParty:
    parties = signing_parties(a)
    if counterparty:
        wanted = [p for p in parties if p.organisation is None]
        if not wanted:
            raise DomainError(_("Avtalet har ingen motpart."), field="party")
        return wanted[0]
    if party is None:
        raise DomainError(_("Ange för vilken part avtalet undertecknas."), field="party")
    wanted = [p for p in parties if p.organisation is not None and p.organisation.pk == party.pk]
    if not wanted:
        raise DomainError(_("%(party)s är inte part i avtalet.") % {"party": party}, field="party")
    return wanted[0]


def agreement_sign(
    *,
    actor: Any,
    agreement: Agreement,
    version: int | None = None,
    party: Any = None,
    counterparty: bool = False,
    person: Any = None,
    by_actor: bool = False,
    signer_name: str = "",
    signed_on: dt.date | None = None,
    check_right: bool = True,
) -> Agreement:
    """Record one party's signature of a draft: who signed (a person, a name, the user), for
    which party (one of the agreement's parties, or its counterparty) and when. When every
    party has signed, the agreement is signed and its terms are frozen; if it replaces an
    agreement, that one is replaced from the new one's start."""
    with SIGNING.updating(
        agreement, actor=actor, version=version, check_right=check_right, verb="signed", always=True
    ) as change:
        a = change.obj
        if a.state == S.SIGNED:
            raise DomainError(_("Avtalet är redan undertecknat av alla parter."), field="party")
        if a.state == S.REPLACED:
            raise DomainError(
                _("Avtalet är ersatt av %(new)s och kan inte undertecknas.")
                % {"new": a.replacement},
                field="party",
            )
        parties = signing_parties(a)
        if len(parties) < 2:
            raise DomainError(
                _(
                    "Ett avtal har minst två parter. Ange parterna (och motparten för leverantörs- och driftavtal) innan avtalet undertecknas."
                ),
                field="parties",
            )
        signing = _signing_party(a, party, counterparty)
        change.owner = signing.organisation  # one signs only for the party one acts for
        signatures = list(a.signatures.all())
        given = {s.party_id: s for s in signatures}
        key = signing.organisation.pk if signing.organisation else None
        if key in given:
            raise DomainError(
                _("%(party)s har redan undertecknat avtalet (%(day)s).")
                % {"party": signing.label, "day": given[key].signed_on.isoformat()},
                field="party",
            )
        signed_on = signed_on or dt.date.today()
        if signed_on > dt.date.today():
            raise DomainError(
                _("Ett avtal kan inte undertecknas i förväg: ange dagen det undertecknades."),
                field="signed_on",
            )
        signer = _signer(actor, person, by_actor, signer_name)
        signature = AgreementSignature(
            agreement=a, party=signing.organisation, signed_on=signed_on, **signer
        )
        change.note("signatory_party", None, signing.label)
        change.note("signatory", None, signature.signer)
        change.note("signature_date", None, signed_on.isoformat())
        change.after_save.append(lambda saved: signature.save())
        if len(given) + 1 == len(parties):
            a.state = S.SIGNED
            a.signed_on = max([signed_on, *(s.signed_on for s in signatures)])
            if a.replaces_id is not None:
                change.after_save.append(lambda saved: _replace(actor, saved, check_right))
    return change.obj


def _replace(actor: Any, new: Agreement, check_right: bool) -> None:
    """The old agreement is replaced: it ends the day before the new one starts."""
    old = new.replaces
    assert old is not None
    with REPLACING.updating(
        old, actor=actor, version=None, check_right=check_right, verb="replaced", parent=new
    ) as change:
        if change.obj.state != S.SIGNED:
            raise DomainError(
                _("Avtalet som det nya avtalet ska ersätta (%(old)s) är inte längre i kraft.")
                % {"old": change.obj},
                field="party",
            )
        _check_starts_after(new, change.obj)
        change.obj.state = S.REPLACED
        change.obj.replaced_on = new.start_date
        change.note("replaced_by", None, str(new))


def _suggested_period(old: Agreement, today: dt.date) -> tuple[dt.date, dt.date]:
    """The new agreement's first period as suggested: from the day after the old one's
    current period, as long as the old one's first period. The parties may change it."""
    period = agreements.period_on(old, today)
    if period is not None:
        start = period.end + dt.timedelta(days=1)
    else:
        start = max(today, old.start_date + dt.timedelta(days=1))
    after = old.first_end + dt.timedelta(days=1)
    months = (after.year - old.start_date.year) * 12 + after.month - old.start_date.month
    end = agreements.add_months(start, max(months, 1)) - dt.timedelta(days=1)
    return start, end


def agreement_replace(
    *,
    actor: Any,
    agreement: Agreement,
    version: int | None = None,
    today: dt.date | None = None,
    check_right: bool = True,
) -> Agreement:
    """Draft a new agreement that replaces a signed one: a copy of its terms, parties and
    contact persons, linked to it both ways. The old one stays in force until the new one is
    signed by every party."""
    with AGREEMENT.updating(
        agreement,
        actor=actor,
        version=version,
        check_right=check_right,
        verb="replacement_drafted",
        fields=[],  # the entry says what replaces it
        always=True,
    ) as change:
        old = change.obj
        if old.state == S.DRAFT:
            raise DomainError(
                _("Ett utkast ändras direkt; det ersätts inte av ett nytt avtal."), field=None
            )
        replacement = old.replacement
        if replacement is not None:
            message = (
                _("Avtalet är redan ersatt av %(new)s.")
                if old.state == S.REPLACED
                else _("Det finns redan ett utkast till nytt avtal som ska ersätta detta: %(new)s.")
            )
            raise DomainError(message % {"new": replacement}, field=None)
        start, end = _suggested_period(old, today or dt.date.today())
        parties = list(old.parties.all())
        contacts = list(old.contacts.all())
        terms = {name: getattr(old, name) for name in TERMS}
        with AGREEMENT.creating(
            obj=Agreement(replaces=old),
            actor=actor,
            check_right=check_right,
            values={**terms, "start_date": start, "first_end": end},
            fields=[*AGREEMENT_FIELDS, "replaces"],
        ) as created:
            _clean_agreement(created.obj)
            created.note("parter", None, _party_names(parties))

            def copy(new: Agreement) -> None:
                new.parties.set(parties)
                AgreementContact.objects.bulk_create(
                    AgreementContact(agreement=new, party=c.party, person=c.person, role=c.role)
                    for c in contacts
                )

            created.after_save.append(copy)
        change.parent = created.obj
        change.note("replaced_by", None, str(created.obj))
    return created.obj


def agreement_draft_delete(
    *, actor: Any, agreement: Agreement, version: int | None = None, check_right: bool = True
) -> Agreement:
    """Remove a draft that will not be signed (an abandoned replacement frees the old
    agreement for another). A signed agreement is never removed; the history keeps the
    draft's terms."""
    with AGREEMENT.deleting(
        agreement, actor=actor, version=version, check_right=check_right, verb="draft_deleted"
    ) as change:
        draft = change.obj
        if draft.state != S.DRAFT:
            raise DomainError(
                _(
                    "Ett undertecknat avtal tas inte bort; det upphör genom uppsägning eller ersätts av ett nytt avtal."
                ),
                field=None,
            )
        change.parent = draft.replaces
        change.note("parter", _party_names(draft.parties.all()), None)
    return agreement


def _contact_party(a: Agreement, party: Any, counterparty: bool) -> Any:
    return _signing_party(a, party, counterparty).organisation


def agreement_contact_add(
    *,
    actor: Any,
    agreement: Agreement,
    person: Any,
    party: Any = None,
    counterparty: bool = False,
    role: str = "",
    check_right: bool = True,
) -> AgreementContact:
    """Name a contact person of a party (seed 002: "Kontaktpersoner" per party). Not a term:
    allowed on signed agreements too."""
    with CONTACT.creating(
        obj=AgreementContact(agreement=agreement),
        actor=actor,
        check_right=check_right,
        values={"person": person, "role": (role or "").strip()},
        verb="contact_added",
    ) as change:
        if person is None:
            raise DomainError(_("Välj kontaktpersonen."), field="person")
        change.obj.party = _contact_party(agreement, party, counterparty)
        if change.obj.party is None:
            change.note("party", None, agreement.counterparty)
        if agreement.contacts.filter(party=change.obj.party, person=person).exists():
            raise DomainError(
                _("%(person)s är redan kontaktperson för %(party)s.")
                % {"person": person, "party": change.obj.party_label},
                field="person",
            )
    return change.obj


def agreement_contact_remove(
    *, actor: Any, contact: AgreementContact, check_right: bool = True
) -> AgreementContact:
    """Remove a named contact person (the history keeps who it was)."""
    with CONTACT.deleting(
        contact, actor=actor, check_right=check_right, verb="contact_removed", fields=()
    ) as change:
        change.note("party", contact.party_label, None)
        change.note("person", str(contact.person), None)
        change.note("role", contact.role, None)
    return contact
