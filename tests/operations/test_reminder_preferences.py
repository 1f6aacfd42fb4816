"""A coordinator who turned status-report notifications off gets no reminder either."""

import datetime as dt
from types import SimpleNamespace as NS

from gits.plans import services


def test_reminders_skip_people_who_turned_reports_off(monkeypatch):
    day = dt.date(2026, 9, 19)
    meeting = NS(body=NS(short_name="SITIV"), date=day, material_deadline=day)
    obj = NS(short_name="SAMSA", name="SAMSA")
    keen = NS(first_name="Anna", email="anna@example.se")
    opted_out = NS(first_name="Bo", email="bo@example.se")
    sent_to = []
    monkeypatch.setattr(
        services,
        "reminders_due",
        lambda today, days: [(meeting, obj, keen), (meeting, obj, opted_out)],
    )
    monkeypatch.setattr(services, "send_mail", lambda **kw: sent_to.extend(kw["recipient_list"]))
    monkeypatch.setattr(services.Reminder.objects, "create", lambda **kw: None)
    sent = services.reminders_send(today=day, wants=lambda person: person is keen)
    assert sent == 1
    assert sent_to == ["anna@example.se"]
