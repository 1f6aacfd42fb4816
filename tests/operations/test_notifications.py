"""E-mail notifications, delivered to a real SMTP server on loopback and read back: one link
straight to the task, each sent once, and not to whoever has turned the category off."""

import datetime as dt

import pytest

from gits.core.audit import audit_record
from gits.meetings.models import Attendance, Meeting, Minutes, Signature
from gits.operations import notices
from gits.operations.jobs import run
from gits.operations.models import Notification, NotificationPreference
from gits.portfolio.models import Agreement, ObjectRole
from tests.factories import UserFactory
from tests.operations.conftest import body_text, subject

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def minutes(steering_group, person_with_account):
    """Draft minutes: the chair (region) and two members present, one from each side."""
    chair = person_with_account("Ordförande")
    same_side = person_with_account("Regionledamot")
    other_side = person_with_account("Kommunledamot")
    no_account = person_with_account("Utanavtal", account=False)
    meeting = Meeting.objects.create(
        body=steering_group, date=TODAY - dt.timedelta(days=2), chair=chair, held=True
    )
    for person, side in [
        (chair, "region"),
        (same_side, "region"),
        (other_side, "municipalities"),
        (no_account, "municipalities"),
    ]:
        Attendance.objects.create(
            meeting=meeting, person=person, side=side, role="member", present=True
        )
    return Minutes.objects.create(
        meeting=meeting, version=1, content={}, created_by=UserFactory(username="sekreterare")
    )


def test_minutes_waiting_for_signature_reach_who_may_sign_once(minutes, smtp):
    outcome = notices.minutes_to_sign_notify()
    assert (outcome.sent, outcome.failed) == (2, 0)
    smtp.wait_for(2)
    assert sorted(m["To"] for m in smtp.messages) == [
        "kommunledamot@example.se",
        "ordförande@example.se",
    ]
    message = smtp.to("kommunledamot@example.se")[0]
    assert "Protokoll att justera" in subject(message)
    text = body_text(message)
    assert "Hej Kommunledamot!" in text
    link = f"https://gits.example.se/sammantraden/{minutes.meeting_id}/"
    assert [line for line in text.splitlines() if "https://" in line][0].endswith(link)
    assert "https://gits.example.se/aviseringar/" in text

    assert notices.minutes_to_sign_notify().sent == 0  # once only
    assert Notification.objects.count() == 2


def test_who_has_signed_or_turned_signatures_off_gets_nothing(minutes, smtp):
    chair = minutes.meeting.chair
    Signature.objects.create(
        minutes=minutes, person=chair, user=chair.user, capacity="chair", side="region"
    )
    other = minutes.meeting.attendance.get(person__first_name="Kommunledamot").person
    NotificationPreference.objects.create(user=other.user, signature=False)
    assert notices.minutes_to_sign_notify().sent == 0
    assert smtp.messages == []


def test_late_status_report_goes_to_the_coordinator_with_a_link_to_the_form(
    steering_group, managed_object, person_with_account, give_role, smtp
):
    coordinator = person_with_account("Koordinator")
    give_role(managed_object, coordinator)
    meeting = Meeting.objects.create(body=steering_group, date=TODAY + dt.timedelta(days=3))
    assert meeting.material_deadline < TODAY

    assert run("notifications").startswith("1 skickade")
    smtp.wait_for(1)
    (message,) = smtp.messages
    assert message["To"] == "koordinator@example.se"
    assert subject(message) == "Statusrapporten för SAMSA är sen"
    assert (
        f"https://gits.example.se/sammantraden/{meeting.pk}/statusrapporter/{managed_object.pk}/"
        in body_text(message)
    )
    assert run("notifications").startswith("0 skickade")


def test_the_reminder_job_runs_send_reminders_before_the_deadline(
    steering_group, managed_object, person_with_account, give_role, smtp
):
    give_role(managed_object, person_with_account("Koordinator"))
    Meeting.objects.create(body=steering_group, date=TODAY + dt.timedelta(days=12))
    assert run("status_report_reminders") == "1 påminnelser skickade."
    smtp.wait_for(1)
    assert subject(smtp.messages[0]).startswith("Påminnelse: statusrapport SAMSA")
    assert run("status_report_reminders") == "0 påminnelser skickade."


def test_state_change_reaches_the_owner_not_the_one_who_made_it(
    managed_object, person_with_account, give_role, smtp
):
    owner = person_with_account("Systemägare")
    give_role(managed_object, owner, ObjectRole.Role.SYSTEM_OWNER)
    mover = person_with_account("Funktionsledare")
    give_role(managed_object, mover, ObjectRole.Role.SYSTEM_MANAGER)
    assert notices.state_changes_notify().sent == 0  # the first run notes where the trail ends

    audit_record(
        action="portfolio.object.moved",
        obj=managed_object,
        actor=mover.user,
        changes={"state": ["I förvaltning", "Beslutad avveckling"]},
    )
    assert notices.state_changes_notify().sent == 1
    smtp.wait_for(1)
    (message,) = smtp.messages
    assert message["To"] == "systemägare@example.se"
    assert subject(message) == "SAMSA: nytt läge Beslutad avveckling"
    text = body_text(message)
    assert (
        "funktionsledare ändrade läget för SAMSA från I förvaltning till Beslutad avveckling"
        in text
    )
    assert f"https://gits.example.se/objekt/{managed_object.pk}/" in text
    assert notices.state_changes_notify().sent == 0


def test_a_support_request_moved_on_reaches_who_reported_it(
    managed_object, person_with_account, give_role, smtp
):
    from gits.portfolio import services as portfolio

    coordinator = person_with_account("Koordinator", role="function_coordinator")
    give_role(managed_object, coordinator)
    reporter = person_with_account("Kommunkontakt", role="municipal_contact")
    assert notices.state_changes_notify().sent == 0  # the first run notes where the trail ends
    request = portfolio.support_request_create(
        actor=reporter.user, managed_object=managed_object, title="Inloggning", description="."
    )
    # Reported: the object's coordinator hears of it, not the one who reported it.
    assert notices.state_changes_notify().sent == 1
    smtp.wait_for(1)
    (new,) = smtp.messages
    assert new["To"] == "koordinator@example.se"
    assert subject(new) == "Inloggning: registrerat, läge Ny"
    assert "kommunkontakt registrerade Inloggning med läget Ny." in body_text(new)
    request = portfolio.support_request_move(
        actor=coordinator.user, request=request, to_state="in_progress"
    )
    portfolio.support_request_move(actor=coordinator.user, request=request, to_state="resolved")
    # Taken on and solved: whoever reported it hears of each, not the coordinator.
    assert notices.state_changes_notify().sent == 2
    smtp.wait_for(3)
    texts = [body_text(m) for m in smtp.to("kommunkontakt@example.se")]
    assert len(texts) == 2
    assert "koordinator ändrade läget för Inloggning från Pågår till Löst." in texts[1]


@pytest.mark.parametrize(
    "today, months",
    [
        (dt.date(2025, 12, 29), None),  # before six months
        (dt.date(2025, 12, 30), 6),
        (dt.date(2026, 3, 30), 3),
        (dt.date(2026, 5, 30), 1),
        (dt.date(2026, 6, 30), 1),  # the last day itself
        (dt.date(2026, 7, 1), None),
    ],
)
def test_warning_months_before_the_last_day_of_notice(today, months):
    assert notices.warning_due(dt.date(2026, 6, 30), today) == months


def test_agreement_warnings_six_three_one_month_each_once(
    managed_object, person_with_account, give_role, smtp
):
    owner = person_with_account("Systemägare")
    give_role(managed_object, owner, ObjectRole.Role.SYSTEM_OWNER)
    Agreement.objects.create(
        kind=Agreement.Kind.SUPPLIER,
        title="Driftavtal SAMSA",
        managed_object=managed_object,
        start_date=dt.date(2020, 1, 1),
        first_end=dt.date(2026, 12, 31),
        renewal_years=2,
        notice_months=6,
    )  # last day of notice 2026-06-30
    sent = {}
    for day in ["2025-12-01", "2026-01-15", "2026-02-01", "2026-04-10", "2026-06-05", "2026-06-30"]:
        sent[day] = notices.agreement_notices_notify(today=dt.date.fromisoformat(day)).sent
    assert sent == {
        "2025-12-01": 0,
        "2026-01-15": 1,  # six months
        "2026-02-01": 0,
        "2026-04-10": 1,  # three months
        "2026-06-05": 1,  # one month
        "2026-06-30": 0,
    }
    smtp.wait_for(3)
    assert [m["To"] for m in smtp.messages] == ["systemägare@example.se"] * 3
    assert subject(smtp.messages[0]) == "Sista dag att säga upp Driftavtal SAMSA: 2026-06-30"
    assert "om 6 mån" in body_text(smtp.messages[0])
    assert "om 1 mån" in body_text(smtp.messages[2])
    assert "https://gits.example.se/avtal/" in body_text(smtp.messages[0])


def test_joint_function_agreement_warns_the_function_leads(person_with_account, smtp):
    person_with_account("Ledare", role="function_lead")
    person_with_account("Kontakt", role="municipal_contact")
    Agreement.objects.create(
        kind=Agreement.Kind.JOINT_FUNCTION,
        title="Avtal om GITS",
        start_date=dt.date(2011, 1, 1),
        first_end=dt.date(2014, 12, 31),
        renewal_years=3,
        notice_months=6,
    )  # periods 2024–2026: last day of notice 2026-06-30
    assert notices.agreement_notices_notify(today=dt.date(2026, 5, 31)).sent == 1
    smtp.wait_for(1)
    assert [m["To"] for m in smtp.messages] == ["ledare@example.se"]


def test_ended_quarter_is_proposed_to_finance_once(person_with_account, smtp):
    from gits.finance.models import Budget

    person_with_account("Ekonom", role="function_lead")
    person_with_account("Kontakt", role="municipal_contact")
    admin = UserFactory(username="root", email="root@example.se", is_superuser=True)
    NotificationPreference.objects.create(user=admin, invoicing=False)
    today = dt.date(2026, 4, 2)
    assert notices.invoice_run_propose(today=today).sent == 0  # no budget for 2026
    Budget.objects.create(year=2026, deadline=dt.date(2025, 12, 1))
    assert notices.invoice_run_propose(today=today).sent == 1
    assert notices.invoice_run_propose(today=today).sent == 0
    smtp.wait_for(1)
    (message,) = smtp.messages
    assert message["To"] == "ekonom@example.se"
    assert subject(message) == "Kvartal 1 2026 kan faktureras"
    assert "https://gits.example.se/ekonomi/fakturor/" in body_text(message)


def test_a_failed_send_is_left_for_the_next_run(minutes, settings, smtp):
    from gits.operations.jobs import JobFailed
    from gits.operations.models import JobState
    from tests.operations.conftest import _free_port

    port, settings.EMAIL_PORT = settings.EMAIL_PORT, _free_port()  # nobody listens there
    outcome = notices.minutes_to_sign_notify()
    assert (outcome.sent, outcome.failed) == (0, 2)
    assert not Notification.objects.exists()
    with pytest.raises(JobFailed, match="2 kunde inte skickas"):
        run("notifications")
    state = JobState.objects.get(name="notifications")
    assert (state.runs, state.failures, state.last_ok) == (1, 1, False)

    settings.EMAIL_PORT = port
    assert run("notifications").startswith("2 skickade")
    state.refresh_from_db()
    assert (state.runs, state.failures, state.consecutive_failures, state.last_ok) == (
        2,
        1,
        0,
        True,
    )


def test_person_without_address_uses_the_accounts(person_with_account, smtp):
    from gits.operations.notifications import person_recipient, user_recipient

    person = person_with_account("Adresslös", email="")
    assert person_recipient(person) is None
    person.user.email = "konto@example.se"
    person.user.save()
    assert person_recipient(person).email == "konto@example.se"
    lone = UserFactory(username="ensam", email="ensam@example.se")
    assert user_recipient(lone).email == "ensam@example.se"
