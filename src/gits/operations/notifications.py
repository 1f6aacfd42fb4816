"""Sending one e-mail notification: to whom, whether they want it, and only once.

A notification goes to a person (`bodies.Person`, through its e-mail or its user account's)
or to a user (through the person linked to it, else the account's own address). Each carries
one link straight to the task, and a key naming what it is about and to whom: the key is
stored (unique) before the mail is sent, so a job run again, or two workers at once, never
send it twice; a failed send removes it again, so the next run tries again."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from gits.core.permissions import ROLES
from gits.operations.models import Notification, NotificationPreference

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    user: Any = None


def person_recipient(person: Any) -> Recipient | None:
    """A person as a recipient: their own address, else their account's."""
    user = person.user
    email = person.email or (user.email if user is not None else "")
    if not email or (user is not None and not user.is_active):
        return None
    return Recipient(email=email, name=person.first_name or str(person), user=user)


def user_recipient(user: Any) -> Recipient | None:
    """A user as a recipient: the linked person's address, else the account's."""
    if not user.is_active:
        return None
    person = getattr(user, "person", None)  # None when no person is linked to the account
    email = (person.email if person is not None else "") or user.email
    if not email:
        return None
    name = (person.first_name if person is not None else "") or user.get_full_name()
    return Recipient(email=email, name=name or user.get_username(), user=user)


def unique_recipients(candidates: Iterable[Recipient | None]) -> list[Recipient]:
    seen: dict[str, Recipient] = {}
    for r in candidates:
        if r is not None and r.email.lower() not in seen:
            seen[r.email.lower()] = r
    return list(seen.values())


def users_with_right(right: str) -> list[Any]:
    """The active users who hold a right through their roles (or as superusers)."""
    roles = [code for code, (_label, rights) in ROLES.items() if right in rights]
    users = get_user_model().objects.filter(is_active=True)
    return list(
        users.filter(Q(is_superuser=True) | Q(groups__name__in=roles)).distinct().order_by("pk")
    )


def users_in_role(role: str) -> list[Any]:
    return list(
        get_user_model().objects.filter(is_active=True, groups__name=role).distinct().order_by("pk")
    )


def wants(recipient: Recipient, category: str) -> bool:
    """Every category is on until the user turns it off; a person without an account cannot
    choose and gets every notification meant for them."""
    if recipient.user is None:
        return True
    pref = NotificationPreference.objects.filter(user=recipient.user).first()
    return pref is None or pref.wants(category)


def absolute(path: str) -> str:
    return settings.GITS_BASE_URL + path


def notify(
    *,
    key: str,
    category: str,
    recipient: Recipient,
    subject: str,
    text: str,
    link: str,
) -> bool:
    """Send one notification unless the recipient has turned its category off or it was
    sent before (by `key`). True when an e-mail went out. A failed send is raised and leaves
    no record, so the next run tries again."""
    full_key = f"{key}:{recipient.email.lower()}"[:300]
    if not wants(recipient, category):
        return False
    if Notification.objects.filter(key=full_key).exists():
        return False
    url = absolute(link)
    body = render_to_string(
        "operations/mail/notification.txt",
        {
            "name": recipient.name,
            "text": text,
            "url": url,
            "preferences_url": absolute(reverse("operations:preferences")),
        },
    )
    try:
        with transaction.atomic():
            sent = Notification.objects.create(
                key=full_key,
                category=category,
                email=recipient.email,
                user=recipient.user,
                subject=subject[:300],
                link=url[:500],
            )
    except IntegrityError:  # another worker is sending it at this moment
        return False
    # The record is written first and the mail sent outside any transaction (no lock held
    # while the mail server answers); a failed send removes the record again.
    try:
        EmailMessage(subject=subject, body=body, to=[recipient.email]).send()
    except Exception:
        sent.delete()
        raise
    log.info("Avisering skickad: %s till %s", subject, recipient.email)
    return True


@dataclass
class Outcome:
    """What a notification run did, as the job's result."""

    sent: int = 0
    failed: int = 0

    def notify(self, **notification: Any) -> None:
        """Send one notification (see `notify`); log and count an error instead of stopping
        the run, so that the others still go out."""
        try:
            if notify(**notification):
                self.sent += 1
        except Exception:
            log.exception("Aviseringen kunde inte skickas")
            self.failed += 1

    def __iadd__(self, other: Outcome) -> Outcome:
        self.sent += other.sent
        self.failed += other.failed
        return self
