"""Sign-in through an identity provider: from a checked assertion to a GITS user.

The protocol modules (oidc.py, saml.py) check signatures, audience, time and nonce and hand
over a `SignIn`; what happens next is the same for both protocols and lives here."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from gits.core.audit import audit_record
from gits.core.errors import DomainError
from gits.core.permissions import ROLES
from gits.sso.conf import Policy
from gits.sso.models import ExternalIdentity, RefusedLogin

Reason = RefusedLogin.Reason


@dataclass(frozen=True)
class SignIn:
    """What a checked assertion says about the person signing in."""

    protocol: str
    issuer: str
    subject: str
    claimed: str  # the value of the configured claim or attribute ("" when missing)
    groups: list[str] = field(default_factory=list)
    given_name: str = ""
    family_name: str = ""
    email: str = ""


class SsoRefused(DomainError):
    """GITS does not let this identity in. The message is the reason's label; `detail` is the
    technical explanation for the administrator (never shown to the person signing in)."""

    status = 403
    code = "sso_refused"

    def __init__(self, reason: str, *, detail: str = "", user=None) -> None:
        super().__init__(Reason(reason).label)
        self.reason = reason
        self.detail = detail
        self.user = user


def _role_names(codes) -> list[str]:
    """Role names as stored in the history: the Swedish label, translated when shown."""
    with translation.override("sv"):
        return sorted(str(ROLES[c][0]) for c in codes if c in ROLES)


def _match_user(*, claimed: str, policy: Policy):
    """The one active or inactive user the claimed value names, or None; several is refused.

    By e-mail, the address on the user account or on the person the account belongs to."""
    User = get_user_model()
    if policy.match_field == "username":
        found = list(User.objects.filter(username__iexact=claimed)[:2])
    else:
        found = list(
            User.objects.filter(Q(email__iexact=claimed) | Q(person__email__iexact=claimed))
            .distinct()
            .order_by("pk")[:2]
        )
    if len(found) > 1:
        raise SsoRefused(Reason.AMBIGUOUS, detail=f"{claimed} matchar flera användare")
    return found[0] if found else None


def _new_username(sign_in: SignIn) -> str:
    User = get_user_model()
    base = sign_in.claimed[:140]
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


def _user_create(*, sign_in: SignIn, policy: Policy):
    User = get_user_model()
    user = User(
        username=_new_username(sign_in),
        email=sign_in.email if policy.match_field == "username" else sign_in.claimed,
        first_name=sign_in.given_name[:150],
        last_name=sign_in.family_name[:150],
    )
    user.set_unusable_password()
    user.save()
    return user


def roles_sync(*, user, identity: ExternalIdentity, groups: list[str], policy: Policy) -> bool:
    """Give the user exactly the mapped roles the identity provider's groups or attributes
    name (issue 16). Only roles that appear in the role map are managed this way; roles an
    administrator gave by hand outside the map stay. Returns whether anything changed."""
    managed = policy.managed_roles
    if not managed:
        return False
    held = set(user.groups.values_list("name", flat=True))
    wanted = (held - managed) | set(policy.roles_for(groups))
    if wanted == held:
        return False
    user.groups.remove(*Group.objects.filter(name__in=held - wanted))
    user.groups.add(*(Group.objects.get_or_create(name=code)[0] for code in wanted - held))
    audit_record(
        action="sso.roles.changed",
        obj=identity,
        actor=user,
        parent=user,
        changes={"roles": [_role_names(held), _role_names(wanted)]},
    )
    return True


def sso_sign_in(*, sign_in: SignIn, policy: Policy):
    """Find or make the GITS user behind a checked sign-in (issue 16).

    The identity provider's account is looked up by its link from an earlier sign-in, else the
    user is matched by the configured claim (e-mail or username); with no match the account is
    created only when configuration allows it. An inactive user is refused. Roles follow the
    role map, and the sign-in, a new link, a new account and a role change are audited.
    Raises SsoRefused; nothing is written then (the caller records the refusal)."""
    with transaction.atomic():
        identity = (
            ExternalIdentity.objects.select_for_update()
            .select_related("user")
            .filter(protocol=sign_in.protocol, issuer=sign_in.issuer, subject=sign_in.subject)
            .first()
        )
        if identity is not None:
            user = identity.user
        else:
            if not sign_in.claimed:
                raise SsoRefused(Reason.MISSING_CLAIM)
            user = _match_user(claimed=sign_in.claimed, policy=policy)
            created = user is None
            if created:
                if not policy.create_users:
                    raise SsoRefused(Reason.UNKNOWN_USER, detail=sign_in.claimed)
                user = _user_create(sign_in=sign_in, policy=policy)
            elif not user.is_active:
                raise SsoRefused(Reason.INACTIVE, user=user)
            identity = ExternalIdentity.objects.create(
                user=user,
                protocol=sign_in.protocol,
                issuer=sign_in.issuer,
                subject=sign_in.subject,
            )
            if created:
                audit_record(
                    action="sso.account.created",
                    obj=identity,
                    actor=user,
                    parent=user,
                    changes={
                        "username": [None, user.username],
                        "email": [None, user.email],
                        "first_name": [None, user.first_name],
                        "last_name": [None, user.last_name],
                    },
                )
            audit_record(
                action="sso.identity.linked",
                obj=identity,
                actor=user,
                parent=user,
                changes={
                    "user": [None, user.get_username()],
                    "protocol": [None, identity.protocol],
                    "issuer": [None, identity.issuer],
                    "subject": [None, identity.subject],
                },
            )
        if not user.is_active:
            raise SsoRefused(Reason.INACTIVE, user=user)
        roles_sync(user=user, identity=identity, groups=sign_in.groups, policy=policy)
        identity.last_login_at = timezone.now()
        identity.save(update_fields=["last_login_at"])
        audit_record(
            action="sso.login.succeeded",
            obj=identity,
            actor=user,
            parent=user,
            changes={"issuer": [None, identity.issuer], "subject": [None, identity.subject]},
        )
    return user


def refusal_record(
    *,
    protocol: str,
    issuer: str,
    refused: SsoRefused,
    subject: str = "",
    claimed: str = "",
) -> RefusedLogin:
    """Keep a refused sign-in and audit it (issue 16). Written on its own, after the sign-in's
    transaction was rolled back, so a refusal always leaves its trace."""
    with transaction.atomic():
        record = RefusedLogin.objects.create(
            protocol=protocol,
            issuer=issuer[:500],
            subject=subject[:500],
            claimed=claimed[:500],
            reason=refused.reason,
            detail=refused.detail[:2000],
            user=refused.user,
        )
        audit_record(
            action="sso.login.failed",
            obj=record,
            actor=None,
            parent=refused.user,
            changes={
                "protocol": [None, record.protocol],
                "issuer": [None, record.issuer],
                "claimed": [None, record.claimed],
                "reason": [None, record.reason],
                "detail": [None, record.detail],
            },
        )
    return record
