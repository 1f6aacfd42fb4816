"""The meetings pages, one module per concern; URL names are those of `meetings/urls.py`."""

from gits.meetings.views.agenda import (
    agenda_add,
    agenda_free,
    agenda_move,
    agenda_remove,
    agenda_standard,
    agenda_template,
)
from gits.meetings.views.cases import (
    attachment_download,
    case_attach,
    case_create,
    case_detail,
    case_edit,
    case_list,
    case_move,
)
from gits.meetings.views.decisions import (
    assignment_give,
    assignment_report,
    decision_amend,
    decision_detail,
    decision_list,
)
from gits.meetings.views.meetings import (
    attendance,
    attendance_all_present,
    body_ical,
    decision,
    meeting_create,
    meeting_detail,
    meeting_list,
)
from gits.meetings.views.minutes import (
    minutes_correct,
    minutes_download,
    minutes_generate,
    minutes_sign,
    minutes_withdraw,
)

__all__ = [
    "agenda_add",
    "agenda_free",
    "agenda_move",
    "agenda_remove",
    "agenda_standard",
    "agenda_template",
    "assignment_give",
    "assignment_report",
    "attachment_download",
    "attendance",
    "attendance_all_present",
    "body_ical",
    "case_attach",
    "case_create",
    "case_detail",
    "case_edit",
    "case_list",
    "case_move",
    "decision",
    "decision_amend",
    "decision_detail",
    "decision_list",
    "meeting_create",
    "meeting_detail",
    "meeting_list",
    "minutes_correct",
    "minutes_download",
    "minutes_generate",
    "minutes_sign",
    "minutes_withdraw",
]
