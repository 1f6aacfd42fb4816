"""Writes for evaluations of objects against the criteria for co-management (R-19)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from gits.core.changes import Recorded
from gits.core.errors import DomainError
from gits.portfolio.models import Criterion, Evaluation, Judgement, ManagedObject
from gits.portfolio.services.base import username

EVALUATION_FIELDS = ["date", "users_region", "users_municipalities", "recommend", "recommendation"]
EVALUATION = Recorded(Evaluation, EVALUATION_FIELDS, parent="managed_object")


def _check_judgements(judgements: list[dict[str, Any]]) -> list[Judgement]:
    """One verdict for every active criterion (R-19), as unsaved judgements in criterion
    order, each with the criterion's text as it reads now."""
    criteria = {c.pk: c for c in Criterion.objects.filter(active=True)}
    if not criteria:
        # An evaluation against nothing would read as a pass.
        raise DomainError(
            _(
                "Det finns inga kriterier för samförvaltning att värdera mot. En administratör "
                "läser in dem med standarddata (gits load_defaults)."
            ),
            field="judgements",
        )
    given = {int(j["criterion_id"]): j for j in judgements}
    missing = [c for pk, c in criteria.items() if pk not in given]
    if missing:
        raise DomainError(
            _("Bedöm alla kriterier; saknas: %(c)s.") % {"c": ", ".join(str(c) for c in missing)},
            field="judgements",
        )
    for pk, j in given.items():
        if pk not in criteria:
            raise DomainError(_("Okänt kriterium: id %(id)s.") % {"id": pk}, field="judgements")
        if j.get("verdict") not in Judgement.Verdict.values:
            raise DomainError(
                _("Välj bedömning för %(c)s.") % {"c": criteria[pk]}, field=f"verdict_{pk}"
            )
    return [
        Judgement(
            criterion=criteria[pk],
            criterion_text=f"{criteria[pk].number}. {criteria[pk].name}",
            verdict=j["verdict"],
            grounds=j.get("grounds", ""),
        )
        for pk, j in sorted(given.items(), key=lambda kv: criteria[kv[0]].number)
    ]


def evaluation_record(
    *,
    actor: Any,
    managed_object: ManagedObject,
    judgements: list[dict[str, Any]],
    date: dt.date | None = None,
    check_right: bool = True,
    **fields: Any,
) -> Evaluation:
    """Evaluate an object against every active criterion (R-19), with its users per side
    (`users_region`, `users_municipalities`) and whether co-management is recommended
    (`recommend`, `recommendation`). Each judgement stores the criterion's text as it reads
    now, so the evaluation keeps its criteria if they change."""
    with EVALUATION.creating(
        obj=Evaluation(managed_object=managed_object, created_by=username(actor)),
        actor=actor,
        check_right=check_right,
        values={"date": date or dt.date.today(), **fields},
        verb="recorded",
    ) as change:
        judged = _check_judgements(judgements)
        evaluation = change.obj
        if evaluation.users_region < 0 or evaluation.users_municipalities < 0:
            raise DomainError(_("Antalet användare kan inte vara negativt."), field="users_region")
        change.after_save.append(lambda saved: _judgements_save(saved, judged))
    return change.obj


def _judgements_save(evaluation: Evaluation, judged: list[Judgement]) -> None:
    for judgement in judged:
        judgement.evaluation = evaluation
    Judgement.objects.bulk_create(judged)
