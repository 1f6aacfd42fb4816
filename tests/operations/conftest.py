"""A real SMTP server on loopback for the notification tests, and small builders of the
records the notifications are about (no demo data: these tests stay fast)."""

import datetime as dt
import email
import email.policy
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller

from gits.bodies.models import Person
from gits.portfolio.models import ManagedObject, ObjectRole
from tests.factories import BodyFactory, UserFactory


class Mailbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        with self.lock:
            self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["X-Envelope-To"]]

    def wait_for(self, count: int, timeout: float = 5) -> None:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()


def subject(message: email.message.EmailMessage) -> str:
    """The subject as written (a long one comes folded, with the fold's space in front)."""
    return " ".join(str(message["Subject"]).split())


def body_text(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings, monkeypatch):
    """An SMTP server on 127.0.0.1 (aiosmtpd), with Django's SMTP backend sending to it."""
    from django.core.mail.utils import DNS_NAME

    # The client greets with the machine's name; looking it up can wait for a DNS time-out.
    monkeypatch.setattr(DNS_NAME, "_fqdn", "localhost", raising=False)
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.GITS_BASE_URL = "https://gits.example.se"
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def person_with_account(db):
    def make(first_name: str, *, email: str | None = None, account: bool = True, role=None):
        user = None
        if account:
            user = UserFactory(username=first_name.lower(), email="")
            if role:
                from django.contrib.auth.models import Group

                user.groups.add(Group.objects.get_or_create(name=role)[0])
        return Person.objects.create(
            first_name=first_name,
            last_name="Testsson",
            email=email if email is not None else f"{first_name.lower()}@example.se",
            user=user,
        )

    return make


@pytest.fixture
def steering_group(db):
    return BodyFactory(short_name="SITIV", material_days=10)


@pytest.fixture
def managed_object(db):
    return ManagedObject.objects.create(
        name="SAMSA – samordnad vård", short_name="SAMSA", state=ManagedObject.State.IN_MANAGEMENT
    )


@pytest.fixture
def give_role(db):
    def give(obj, person, role=ObjectRole.Role.COORDINATOR):
        return ObjectRole.objects.create(
            managed_object=obj, role=role, person=person, start_date=dt.date(2020, 1, 1)
        )

    return give
