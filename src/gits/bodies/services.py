"""Writes for people, bodies and memberships (R-4 to R-8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gits.bodies.models import Body, Membership, Person, active_on
from gits.bodies.rules import chair_side, overlaps, peak_count
from gits.core.changes import Change, Recorded, lock, record_create, required_text
from gits.core.errors import Collision, DomainError
from gits.core.permissions import ROLES, require
from gits.organisations.models import Side

PERSON_FIELDS = ["first_name", "last_name", "title", "organisation", "email", "phone"]
BODY_FIELDS = [
    "name",
    "short_name",
    "kind",
    "description",
    "parent",
    "members_from_parent",
    "seats_region",
    "seats_municipalities",
    "chair_rotates",
    "chair_base_year",
    "chair_base_side",
    "min_meetings_per_year",
    "material_days",
]
MEMBERSHIP_FIELDS = ["person", "side", "role", "start_date", "end_date", "note"]


def _d(date: dt.date) -> str:
    return date.isoformat()


# --- people -----------------------------------------------------------------------------


def _clean_person(person: Person) -> None:
    required_text(person, "first_name", _("Ange förnamn."))
    required_text(person, "last_name", _("Ange efternamn."))


PERSON = Recorded(Person, PERSON_FIELDS, clean=_clean_person)


def person_create(*, actor: Any, check_right: bool = True, **fields: Any) -> Person:
    """Register a person."""
    return PERSON.create(actor=actor, check_right=check_right, values=fields)


def person_update(*, actor: Any, person: Person, version: int | None, **fields: Any) -> Person:
    """Change a person; refused if someone else saved in between."""
    return PERSON.update(person, actor=actor, version=version, values=fields)


# --- accounts for people ---------------------------------------------------------------


def _clean_account_link(person: Person) -> None:
    user = person.user
    if user is None:
        return
    if not user.is_active:
        raise DomainError(
            _("Användarkontot %(user)s är avstängt och kan inte kopplas till en person.")
            % {"user": user.get_username()},
            field="user",
        )
    other = Person.objects.filter(user=user).exclude(pk=person.pk).first()
    if other is not None:
        raise DomainError(
            _(
                "Användarkontot %(user)s är redan kopplat till %(person)s. En person har "
                "högst ett konto och ett konto hör till högst en person: ta bort den "
                "kopplingen först."
            )
            % {"user": user.get_username(), "person": other},
            field="user",
        )


# Who signs as whom: only an administrator links a person to an account.
PERSON_ACCOUNT = Recorded(
    Person, ["user"], clean=_clean_account_link, right="bodies.person:link_account"
)


def person_account_link(*, actor: Any, person: Person, user: Any, version: int | None) -> Person:
    """Link a person to a user account, or unlink with `user=None`, so that the member signs,
    reports and receives tasks under their own login. A person has at most one account and
    an account belongs to at most one person (the database holds the same rule); only an
    administrator links, since the link decides who signs as whom."""
    verb = "account_linked" if user is not None else "account_unlinked"
    try:
        return PERSON_ACCOUNT.update(
            person, actor=actor, version=version, values={"user": user}, verb=verb
        )
    except (IntegrityError, Collision) as exc:  # linked elsewhere at the same moment
        raise DomainError(
            _("Användarkontot %(user)s kopplades nyss till en annan person.")
            % {"user": user.get_username() if user is not None else ""},
            field="user",
        ) from exc


def person_account_create(
    *, actor: Any, person: Person, username: str, role: str, version: int | None
) -> Any:
    """Create a user account for a person (user name chosen by the administrator, name and
    e-mail from the person, one role) and link it to the person. The account has no password
    until one is set in the administration, or the person signs in with the organisation's
    account. Refused if the person already has an account."""
    User = get_user_model()
    username = (username or "").strip()
    with transaction.atomic():
        require(actor, "bodies.person:link_account")
        if lock(person).user_id is not None:
            raise DomainError(
                _("%(person)s har redan ett användarkonto.") % {"person": person}, field="user"
            )
        if role not in ROLES:
            raise DomainError(_("Välj en giltig roll."), field="role")
        if not username:
            raise DomainError(_("Ange ett användarnamn."), field="username")
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError as exc:
            raise DomainError(
                _("Användarnamnet får bara innehålla bokstäver, siffror och @ . + - _."),
                field="username",
            ) from exc
        if len(username) > 150:
            raise DomainError(_("Användarnamnet får vara högst 150 tecken."), field="username")
        if User.objects.filter(username__iexact=username).exists():
            raise DomainError(
                _("Användarnamnet %(u)s är redan upptaget.") % {"u": username},
                field="username",
            )
        account = User(username=username)
        account.set_unusable_password()
        with (
            record_create(
                account,
                actor=actor,
                right=None,  # checked above
                fields=["username", "first_name", "last_name", "email"],
                values={
                    "username": username,
                    "first_name": person.first_name[:150],
                    "last_name": person.last_name[:150],
                    "email": person.email,
                },
                action="accounts.user.created",
            ) as created
        ):
            created.note("roles", None, [str(ROLES[role][0])])
        account.groups.add(Group.objects.get_or_create(name=role)[0])
        person_account_link(actor=actor, person=person, user=account, version=version)
    return account


# --- bodies -----------------------------------------------------------------------------


def _clean_body(body: Body) -> None:
    required_text(body, "short_name", _("Ange organets kortnamn."))
    required_text(body, "name", _("Ange organets namn."))
    if Body.objects.exclude(pk=body.pk).filter(short_name__iexact=body.short_name).exists():
        raise DomainError(
            _("Det finns redan ett organ med kortnamnet %(n)s.") % {"n": body.short_name},
            field="short_name",
        )
    if body.kind not in Body.Kind.values:
        raise DomainError(_("Välj en giltig typ av organ."), field="kind")
    if body.chair_rotates:
        if not body.chair_base_year:
            raise DomainError(_("Ange ett basår för ordförandeväxlingen."), field="chair_base_year")
        if body.chair_base_side not in Side.values:
            raise DomainError(
                _("Ange vilken sida som hade ordförandeskapet basåret."), field="chair_base_side"
            )
    if body.members_from_parent and body.parent_id is None:
        raise DomainError(_("Ange det organ som ledamöterna utses ur."), field="parent")
    if body.parent_id is not None and body.parent_id == body.pk:
        raise DomainError(_("Ett organ kan inte ingå i sig självt."), field="parent")


BODY = Recorded(Body, BODY_FIELDS, clean=_clean_body)


def _check_seats(change: Change[Body]) -> None:
    """No fewer seats per side than the members seated today."""
    body = change.obj
    today = dt.date.today()
    for side, field in (
        (Side.REGION, "seats_region"),
        (Side.MUNICIPALITIES, "seats_municipalities"),
    ):
        seated = body.memberships.filter(
            active_on(today), side=side, role__in=Membership.SEAT_ROLES
        ).count()
        if seated > body.seats_for(side):
            raise DomainError(
                _(
                    "%(body)s har i dag %(n)s ledamöter för %(side)s; antalet platser kan "
                    "inte bli %(seats)s förrän uppdrag har avslutats."
                )
                % {
                    "body": body,
                    "n": seated,
                    "side": Side(side).label,
                    "seats": body.seats_for(side),
                },
                field=field,
            )


def body_create(*, actor: Any, check_right: bool = True, **fields: Any) -> Body:
    """Register a body with its composition rule (seats per side, R-4)."""
    return BODY.create(actor=actor, check_right=check_right, values=fields)


def body_update(*, actor: Any, body: Body, version: int | None, **fields: Any) -> Body:
    """Change a body. Fewer seats than the members seated today is refused: end
    memberships first."""
    return BODY.update(body, actor=actor, version=version, values=fields, check=_check_seats)


# --- memberships ------------------------------------------------------------------------


def _check_membership(m: Membership) -> None:
    """Every rule a membership must meet against the body's other memberships (R-4, R-5,
    R-6, R-8). Raises DomainError naming the field and the reason."""
    body = m.body
    role_label = Membership.Role(m.role).label if m.role in Membership.Role.values else m.role
    if m.side not in Side.values:
        raise DomainError(_("Välj sida: regionen eller kommunerna."), field="side")
    if m.role not in Membership.Role.values:
        raise DomainError(_("Välj en giltig roll."), field="role")
    if m.start_date is None:
        raise DomainError(_("Ange från vilket datum uppdraget gäller."), field="start_date")
    if m.end_date is not None and m.end_date < m.start_date:
        raise DomainError(
            _("Uppdraget kan inte sluta (%(end)s) före det börjar (%(start)s).")
            % {"end": _d(m.end_date), "start": _d(m.start_date)},
            field="end_date",
        )
    org = m.person.organisation
    if org is not None and org.side is not None and org.side != m.side:
        raise DomainError(
            _("%(person)s företräder %(org)s och kan därför bara sitta för %(side)s.")
            % {"person": m.person, "org": org, "side": Side(org.side).label.lower()},
            field="side",
        )

    others = [
        o
        for o in body.memberships.exclude(pk=m.pk).select_related("person")
        if overlaps(m.start_date, m.end_date, o.start_date, o.end_date)
    ]
    for o in others:
        if o.person_id == m.person_id:
            raise DomainError(
                _(
                    "%(person)s har redan ett uppdrag i %(body)s (%(role)s från %(start)s) "
                    "under samma period. Avsluta det först."
                )
                % {
                    "person": m.person,
                    "body": body,
                    "role": o.get_role_display(),
                    "start": _d(o.start_date),
                },
                field="person",
            )

    if m.role in Membership.SEAT_ROLES:
        seats = body.seats_for(m.side)
        same_side = [o for o in others if o.side == m.side and o.role in Membership.SEAT_ROLES]
        peak, day = peak_count(m.start_date, m.end_date, same_side)
        if peak + 1 > seats:
            raise DomainError(
                _(
                    "%(body)s har %(seats)s platser för %(side)s (regel %(rr)s + %(rm)s) och "
                    "alla är tillsatta den %(day)s. Paritet mellan sidorna kräver att ett "
                    "uppdrag avslutas innan en ny ledamot kan tillträda."
                )
                % {
                    "body": body,
                    "seats": seats,
                    "side": Side(m.side).label.lower(),
                    "day": _d(day),
                    "rr": body.seats_region,
                    "rm": body.seats_municipalities,
                },
                field="side",
            )
        if body.members_from_parent and body.parent is not None:
            parent_seat = body.parent.memberships.filter(
                active_on(m.start_date), person=m.person, role__in=Membership.SEAT_ROLES
            ).first()
            if parent_seat is None:
                raise DomainError(
                    _(
                        "Ledamöterna i %(body)s utses ur %(parent)s, och %(person)s är inte ledamot där den %(day)s."
                    )
                    % {
                        "body": body,
                        "parent": body.parent,
                        "person": m.person,
                        "day": _d(m.start_date),
                    },
                    field="person",
                )
            if parent_seat.side != m.side:
                raise DomainError(
                    _(
                        "%(person)s sitter för %(side)s i %(parent)s och kan bara sitta för samma sida här."
                    )
                    % {
                        "person": m.person,
                        "side": parent_seat.get_side_display(),
                        "parent": body.parent,
                    },
                    field="side",
                )

    if m.role in Membership.SINGLE_ROLES:
        for o in others:
            if o.role == m.role:
                raise DomainError(
                    _("%(body)s har redan en %(role)s under perioden: %(person)s från %(start)s.")
                    % {
                        "body": body,
                        "role": role_label.lower(),
                        "person": o.person,
                        "start": _d(o.start_date),
                    },
                    field="role",
                )
        if body.chair_rotates:
            if m.end_date is None or m.end_date.year != m.start_date.year:
                raise DomainError(
                    _(
                        "Ordförandeskapet i %(body)s växlar vid varje årsskifte, så uppdraget "
                        "som %(role)s måste sluta senast den 31 december %(year)s."
                    )
                    % {"body": body, "role": role_label.lower(), "year": m.start_date.year},
                    field="end_date",
                )
            chair = chair_side(body, m.start_date.year)
            assert chair is not None
            wanted = Side.other(chair) if m.role == Membership.Role.VICE_CHAIR else chair
            if m.side != wanted:
                reasons = {
                    Membership.Role.CHAIR: _("%(year)s har %(chair)s ordförandeskapet i %(body)s."),
                    Membership.Role.VICE_CHAIR: _(
                        "%(year)s har %(chair)s ordförandeskapet i %(body)s, så vice ordförande utses av den andra sidan."
                    ),
                    Membership.Role.SECRETARY: _(
                        "%(year)s har %(chair)s ordförandeskapet i %(body)s, och sekreteraren följer ordförandeskapet."
                    ),
                }
                raise DomainError(
                    reasons[Membership.Role(m.role)]
                    % {"year": m.start_date.year, "chair": Side(chair).label.lower(), "body": body}
                    + " "
                    + _("%(role)s ska sitta för %(side)s.")
                    % {"role": role_label, "side": wanted.label.lower()},
                    field="side",
                )


MEMBERSHIP = Recorded(Membership, MEMBERSHIP_FIELDS, clean=_check_membership, parent="body")


def membership_add(
    *,
    actor: Any,
    body: Body,
    person: Person,
    side: str,
    role: str = Membership.Role.MEMBER,
    start_date: dt.date,
    end_date: dt.date | None = None,
    note: str = "",
    check_right: bool = True,
) -> Membership:
    """Appoint a person to a body. Refused, with the reason, if it breaks the body's
    composition rule (seats per side, R-4), the chair rotation (R-5), the rule that members
    come from the parent body (R-6), or overlaps the person's own assignment there (R-8)."""
    values = {
        "person": person,
        "side": side,
        "role": role,
        "start_date": start_date,
        "end_date": end_date,
        "note": note,
    }
    with transaction.atomic():
        # Lock the body so two appointments at once cannot both take the last seat.
        appointment = Membership(body=lock(body))
        return MEMBERSHIP.create(
            obj=appointment, actor=actor, check_right=check_right, values=values, verb="added"
        )


def membership_end(
    *, actor: Any, membership: Membership, end_date: dt.date, version: int | None
) -> Membership:
    """End an assignment on end_date (the last day it holds). History is kept (R-8)."""
    with transaction.atomic():
        lock(membership.body)
        return MEMBERSHIP.update(
            membership, actor=actor, version=version, values={"end_date": end_date}, verb="ended"
        )
