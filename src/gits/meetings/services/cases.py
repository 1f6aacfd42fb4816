"""Writes for cases: registration with a diary number, preparation, the moves made by hand
and attachments (R-7, R-10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from gits.bodies.models import Body, Person, active_on
from gits.core.changes import Change, Recorded
from gits.core.concurrency import bump_version
from gits.core.errors import DomainError
from gits.core.uploads import DOCUMENT_TYPES, accept_upload, upload_name
from gits.meetings.models import Case, CaseAttachment
from gits.meetings.rules import EDITABLE, MANUAL_MOVES, state_label
from gits.meetings.services.numbering import last_number, lock_series
from gits.organisations.models import Side

CASE_FIELDS = [
    "title",
    "description",
    "managed_object",
    "preparer_region",
    "preparer_municipalities",
    "preparation",
    "proposal",
]
CASE = Recorded(Case, CASE_FIELDS)
ATTACHMENT = Recorded(CaseAttachment, (), name="meetings.case")
# The official who prepares the case for each side.
PREPARERS = {Side.REGION: "preparer_region", Side.MUNICIPALITIES: "preparer_municipalities"}
# Attachments: the document types of gits.core.uploads, at most 20 MB (issue 12).
ALLOWED_EXTENSIONS = DOCUMENT_TYPES
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def case_register(
    *,
    actor: Any,
    body: Body,
    title: str,
    description: str = "",
    managed_object: Any = None,
    proposal: str = "",
    today: dt.date | None = None,
) -> Case:
    """Register a case with the next diary number of the body and year (R-10)."""
    with CASE.creating(obj=Case(body=body), actor=actor, verb="registered", fields=()) as change:
        if not (title or "").strip():
            raise DomainError(_("Ange ärendets rubrik."), field="title")
        case = change.obj
        case.year = (today or dt.date.today()).year
        lock_series(body.pk)
        case.number = last_number(Case, body_id=body.pk, year=case.year) + 1
        case.title = title.strip()
        case.description, case.managed_object, case.proposal = description, managed_object, proposal
        change.note("diarienummer", None, case.diary_number)
        change.note("title", None, case.title)
    return change.obj


def _check_preparer(case: Case, person: Person | None, side: str, field: str) -> None:
    """R-7: the preparation is done by the preparation group, one official per side."""
    if person is None:
        return
    group = case.body.children.filter(kind=Body.Kind.PREPARATION_GROUP).first()
    if group is None:
        return
    if not group.memberships.filter(active_on(dt.date.today()), person=person, side=side).exists():
        raise DomainError(
            _("%(person)s sitter inte för %(side)s i %(group)s och kan inte bereda ärendet.")
            % {"person": person, "side": Side(side).label.lower(), "group": group},
            field=field,
        )


def _check_edit(change: Change[Case]) -> None:
    case = change.obj
    if case.state not in EDITABLE:
        raise DomainError(
            _("Ärendet är %(state)s och kan inte ändras.") % {"state": state_label(case.state)}
        )
    if not case.title.strip():
        raise DomainError(_("Ange ärendets rubrik."), field="title")
    for side, field in PREPARERS.items():
        _check_preparer(case, getattr(case, field), side, field)


def case_update(*, actor: Any, case: Case, version: int | None, **fields: Any) -> Case:
    """Change a case's text, object or preparation, while it is not on an agenda or decided."""
    return CASE.update(case, actor=actor, version=version, values=fields, check=_check_edit)


def case_move(*, actor: Any, case: Case, to_state: str, version: int | None = None) -> Case:
    """Move a case along its lifecycle by hand (R-10). Only the moves in MANUAL_MOVES are
    allowed; a case is `berett` only with a preparer from each side and a proposal (R-7)."""
    with CASE.updating(
        case, actor=actor, version=version, verb="moved", fields=["state"]
    ) as change:
        case = change.obj
        if to_state not in MANUAL_MOVES.get(case.state, set()):
            raise DomainError(
                _("Ett ärende som är %(from)s kan inte bli %(to)s.")
                % {
                    "from": state_label(case.state),
                    "to": state_label(to_state) if to_state in Case.State.values else to_state,
                },
                field="state",
            )
        if to_state == Case.State.PREPARED:
            missing = [f for f in PREPARERS.values() if getattr(case, f"{f}_id") is None]
            if missing:
                raise DomainError(
                    _(
                        "Ärendet bereds av en tjänsteperson från varje sida: ange båda beredarna först."
                    ),
                    field=missing[0],
                )
            if not case.proposal.strip():
                raise DomainError(
                    _("Ett berett ärende ska ha ett förslag till beslut."), field="proposal"
                )
        case.state = to_state
    return case


def set_case_state(case: Case, state: str) -> None:
    """Move a case as the agenda or a decision moves it. Not a service of its own: the entry
    of the agenda or the decision says what happened."""
    case.state = state
    bump_version(case)
    case.save()


def case_attach(*, actor: Any, case: Case, upload: Any) -> CaseAttachment:
    """Attach a file to a case: known document types only, at most 20 MB."""
    with ATTACHMENT.creating(
        obj=CaseAttachment(case=case), actor=actor, verb="attached", parent=case
    ) as change:
        name = upload_name(upload)
        # The type it is served with comes from its allowed extension, not from the sender.
        content_type = accept_upload(
            upload, types=ALLOWED_EXTENSIONS, max_bytes=MAX_ATTACHMENT_BYTES
        )
        attachment = change.obj
        attachment.original_name, attachment.size = name[:255], upload.size
        attachment.uploaded_by = actor
        attachment.content_type = content_type
        attachment.file.save(name, upload, save=False)
        change.note("bilaga", None, name)
    return attachment
