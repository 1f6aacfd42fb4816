"""Writes for the portfolio: objects and their lifecycle (R-18), roles, evaluations (R-19),
support, agreements (R-27), initiatives and communication plans.

One module a concern; callers use `from gits.portfolio import services` and
`services.object_move(...)`, as before the split."""

from gits.portfolio.services.agreements import (
    AGREEMENT_FIELDS,
    AGREEMENT_RECORDABLE,
    TERMS,
    TERMS_FROZEN,
    agreement_contact_add,
    agreement_contact_remove,
    agreement_create,
    agreement_draft_delete,
    agreement_replace,
    agreement_sign,
    agreement_update,
)
from gits.portfolio.services.communication import (
    PLAN_FIELDS,
    STAKEHOLDER_FIELDS,
    communication_plan_create,
    stakeholder_add,
)
from gits.portfolio.services.evaluations import EVALUATION_FIELDS, evaluation_record
from gits.portfolio.services.initiatives import INITIATIVE_FIELDS, initiative_save
from gits.portfolio.services.objects import (
    MOVES,
    NEEDS_DECISION,
    OBJECT_FIELDS,
    ROLE_FIELDS,
    S,
    object_move,
    object_propose,
    object_update,
    role_assign,
    role_end,
)
from gits.portfolio.services.support import (
    CONTACT_FIELDS,
    SUPPORT_FIELDS,
    SUPPORT_MOVES,
    contact_set,
    support_request_create,
    support_request_move,
)

__all__ = [
    "AGREEMENT_FIELDS",
    "AGREEMENT_RECORDABLE",
    "CONTACT_FIELDS",
    "EVALUATION_FIELDS",
    "INITIATIVE_FIELDS",
    "MOVES",
    "NEEDS_DECISION",
    "OBJECT_FIELDS",
    "PLAN_FIELDS",
    "ROLE_FIELDS",
    "STAKEHOLDER_FIELDS",
    "SUPPORT_FIELDS",
    "SUPPORT_MOVES",
    "S",
    "TERMS",
    "TERMS_FROZEN",
    "agreement_contact_add",
    "agreement_contact_remove",
    "agreement_create",
    "agreement_draft_delete",
    "agreement_replace",
    "agreement_sign",
    "agreement_update",
    "communication_plan_create",
    "contact_set",
    "evaluation_record",
    "initiative_save",
    "object_move",
    "object_propose",
    "object_update",
    "role_assign",
    "role_end",
    "stakeholder_add",
    "support_request_create",
    "support_request_move",
]
