"""Writes for cases, meetings, decisions, minutes and assignments (R-10 to R-17), one module
per concern:

- `cases`: registration with a diary number, preparation, moves by hand, attachments
- `meetings`: planning and attendance
- `agenda`: the standard agenda, the agenda's items, their order and paragraph numbers
- `decisions`: decisions in consensus and the assignments they give
- `minutes`: minutes as versions: drawing, signing, withdrawing and correcting (R-14)

Callers use the package: `from gits.meetings import services; services.case_register(...)`.
"""

from gits.meetings.services.agenda import (
    agenda_add,
    agenda_add_free,
    agenda_apply_template,
    agenda_move,
    agenda_remove,
    agenda_reorder,
    agenda_template_save,
)
from gits.meetings.services.cases import (
    ALLOWED_EXTENSIONS,
    CASE_FIELDS,
    MAX_ATTACHMENT_BYTES,
    case_attach,
    case_move,
    case_register,
    case_update,
)
from gits.meetings.services.decisions import (
    assignment_give,
    assignment_report,
    decision_amend,
    decision_record,
)
from gits.meetings.services.meetings import (
    MEETING_FIELDS,
    attendance_all_present,
    attendance_record,
    latest_minutes,
    meeting_locked,
    meeting_plan,
    meeting_quorum_missing,
    meeting_update,
)
from gits.meetings.services.minutes import (
    minutes_correct,
    minutes_generate,
    minutes_sign,
    minutes_stale,
    minutes_withdraw,
)

__all__ = [
    "ALLOWED_EXTENSIONS",
    "CASE_FIELDS",
    "MAX_ATTACHMENT_BYTES",
    "MEETING_FIELDS",
    "agenda_add",
    "agenda_add_free",
    "agenda_apply_template",
    "agenda_move",
    "agenda_remove",
    "agenda_reorder",
    "agenda_template_save",
    "attendance_all_present",
    "assignment_give",
    "assignment_report",
    "attendance_record",
    "case_attach",
    "case_move",
    "case_register",
    "case_update",
    "decision_amend",
    "decision_record",
    "latest_minutes",
    "meeting_locked",
    "meeting_plan",
    "meeting_quorum_missing",
    "meeting_update",
    "minutes_correct",
    "minutes_generate",
    "minutes_sign",
    "minutes_stale",
    "minutes_withdraw",
]
