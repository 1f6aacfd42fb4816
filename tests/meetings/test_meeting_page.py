"""The meeting page as the secretary's home for a meeting: the agenda built from the standard
agenda, free items, moves, all present, the next step, who presides, and confirmations
before what cannot be undone."""

import datetime as dt

import pytest
from django.urls import reverse

from gits.bodies.models import Body
from gits.meetings import services
from gits.meetings.models import AgendaItem, AgendaTemplate, Signature
from gits.plans.models import MeetingPack
from tests.factories import BodyFactory
from tests.meetings.conftest import YEAR

pytestmark = pytest.mark.django_db

DAY = min(dt.date(YEAR, 3, 10), dt.date.today())


@pytest.fixture
def signed_in(client, lead):
    client.force_login(lead)
    return client


def page(client, meeting):
    response = client.get(reverse("meetings:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_plan_with_the_standard_agenda_from_the_form(signed_in, sitiv):
    response = signed_in.post(
        reverse("meetings:meeting_create"),
        {"body": sitiv.pk, "date": DAY.isoformat(), "kind": "ordinary", "standard_agenda": "on"},
    )
    assert response.status_code == 302
    meeting = sitiv.meetings.get(date=DAY)
    titles = list(meeting.items.order_by("number").values_list("title", flat=True))
    assert titles[:2] == ["Mötets öppnande", "Val av justerare"]
    text = page(signed_in, meeting)
    assert "Nästa steg:" in text and "Punkt utan ärende" in text
    assert "Använd standarddagordningen</button>" not in text  # already used


def test_free_item_move_and_standard_agenda_from_the_page(signed_in, sitiv, lead):
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY)
    url = reverse("meetings:agenda_free", args=[meeting.pk])
    refused = signed_in.post(url, {"title": "", "text": ""})
    assert refused.status_code == 400 and '<a href="#id_title">' in refused.content.decode()
    signed_in.post(url, {"title": "Information", "text": "Om SITHS."})
    signed_in.post(url, {"title": "Rapport"})
    second = meeting.items.get(title="Rapport")
    signed_in.post(reverse("meetings:agenda_move", args=[second.pk]), {"direction": "up"})
    assert list(meeting.items.order_by("number").values_list("title", flat=True)) == [
        "Rapport",
        "Information",
    ]
    signed_in.post(reverse("meetings:agenda_standard", args=[meeting.pk]))
    titles = list(meeting.items.order_by("number").values_list("title", flat=True))
    assert titles[0] == "Mötets öppnande" and titles[-1] == "Mötets avslutande"
    assert titles.index("Rapport") < titles.index("Övriga frågor")
    text = page(signed_in, meeting)
    assert 'Flytta upp<span class="visually-hidden"> § 2' in text
    assert "Om SITHS." in text


def test_all_present_from_the_page(signed_in, sitiv, lead):
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY)
    assert "Alla närvarande" in page(signed_in, meeting)
    signed_in.post(reverse("meetings:attendance_all_present", args=[meeting.pk]))
    assert meeting.attendance.filter(present=True).count() >= 10
    assert services.meeting_quorum_missing(meeting) == set()


def test_the_minutes_section_says_when_the_minutes_come(signed_in, sitiv, lead):
    coming = services.meeting_plan(actor=lead, body=sitiv, date=dt.date.today() + dt.timedelta(7))
    assert "Protokollet upprättas efter sammanträdet." in page(signed_in, coming)
    held = services.meeting_plan(actor=lead, body=sitiv, date=DAY)
    text = page(signed_in, held)
    assert "Registrera närvaron; sedan upprättas protokollet här." in text
    signed_in.post(reverse("meetings:attendance_all_present", args=[held.pk]))
    text = page(signed_in, held)
    assert "Registrera närvaron; sedan" not in text and "Upprätta protokoll</button>" in text


def test_attendance_saved_from_an_older_page_is_refused(signed_in, sitiv, lead, auth_header):
    """Rule 4: the attendance form carries the meeting's version; two secretaries saving
    attendance from the same page cannot overwrite each other silently."""
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY)
    read = meeting.version
    assert f'<input type="hidden" name="version" value="{read}">' in page(signed_in, meeting)
    people = [m.person_id for m in sitiv.memberships.all()]
    url = reverse("meetings:attendance", args=[meeting.pk])
    first = signed_in.post(url, {"present": people[:2], "version": read}, follow=True)
    assert "Närvaron är registrerad." in first.content.decode()
    second = signed_in.post(url, {"present": people[:1], "version": read}, follow=True)
    assert "Posten har ändrats av någon annan sedan du öppnade den" in second.content.decode()
    assert meeting.attendance.filter(present=True).count() == 2
    # The API the same: with the version read, a change since is refused (409).
    stale = signed_in.post(
        f"/api/v1/meetings/{meeting.pk}/attendance",
        {"present": people[:1], "version": read},
        content_type="application/json",
        headers=auth_header(lead),
    )
    assert stale.status_code == 409
    assert meeting.attendance.filter(present=True).count() == 2


def test_the_standard_agenda_page(signed_in, sitiv, client, make_user):
    url = reverse("meetings:agenda_template", args=[sitiv.pk])
    text = signed_in.get(url).content.decode()
    assert "Mötets öppnande\nVal av justerare" in text
    response = signed_in.post(
        url, {"opening": "Öppnande\n\nVal av justerare\n", "closing": "Avslutning"}
    )
    assert response.status_code == 302
    assert AgendaTemplate.objects.get(body=sitiv).opening == ["Öppnande", "Val av justerare"]
    client.force_login(make_user("function_coordinator"))
    assert client.get(url).status_code == 302  # sent back with the reason
    assert AgendaTemplate.objects.get(body=sitiv).version == 1


def test_next_step_follows_the_work(signed_in, sitiv, lead, prepared_case):
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY, standard_agenda=True)
    text = page(signed_in, meeting)
    assert 'Nästa steg:</strong> <a href="' + reverse("meetings:meeting", args=[meeting.pk])
    assert '#agenda-heading">Dagordning</a>' in text.split('id="next-step"')[1].split("</p>")[0]
    services.agenda_add(actor=lead, meeting=meeting, case=prepared_case())
    step = page(signed_in, meeting).split('id="next-step"')[1].split("</p>")[0]
    assert "Utskick" in step or "Statusrapporter" in step
    MeetingPack.objects.create(meeting=meeting, pdf=b"%PDF")
    step = page(signed_in, meeting).split('id="next-step"')[1].split("</p>")[0]
    assert "Närvaro" in step
    services.attendance_all_present(actor=lead, meeting=meeting)
    step = page(signed_in, meeting).split('id="next-step"')[1].split("</p>")[0]
    assert "Beslut" in step


def test_a_missing_chair_is_flagged_at_planning(signed_in, client):
    body = BodyFactory(short_name="Ref", name="Referensgruppen")
    response = signed_in.post(
        reverse("meetings:meeting_create"),
        {"body": body.pk, "date": DAY.isoformat(), "kind": "ordinary"},
        follow=True,
    )
    text = response.content.decode()
    assert "har ingen ordförande eller vice ordförande" in text
    assert reverse("bodies:detail", args=[body.pk]) in text
    assert "Ordförande</a> – <strong>nästa steg</strong>" in text


def test_the_presiding_member_is_clear_before_attendance(signed_in, sitiv, lead):
    from gits.bodies.selectors import body_composition

    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY)
    chair = body_composition(sitiv, DAY).chair
    assert f"{chair.person} (ordförande) leder sammanträdet" in page(signed_in, meeting)


def test_signing_asks_for_confirmation_and_says_what_follows(
    client, held_meeting, lead, members, make_user
):
    from tests.meetings.test_minutes_lifecycle import chair_and_other

    meeting, items = held_meeting()
    for item in items:
        services.decision_record(actor=lead, item=item, outcome="decided", text="Beslut.")
    minutes = services.minutes_generate(actor=lead, meeting=meeting)
    chair, _ = chair_and_other(meeting, members, make_user)
    client.force_login(chair)
    assert 'method="get" action="' + reverse("meetings:minutes_sign", args=[minutes.pk]) in page(
        client, meeting
    )
    confirm = client.get(reverse("meetings:minutes_sign", args=[minutes.pk]))
    text = confirm.content.decode()
    assert confirm.status_code == 200 and "kan inte ångras" in text
    assert f'name="digest" value="{minutes.content_digest}"' in text
    assert not Signature.objects.exists()  # asking is not signing
    client.post(
        reverse("meetings:minutes_sign", args=[minutes.pk]), {"digest": minutes.content_digest}
    )
    assert Signature.objects.filter(minutes=minutes).count() == 1


def test_compiling_the_pack_asks_first_and_returns_to_the_meeting(signed_in, sitiv, lead):
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY)
    services.agenda_add_free(actor=lead, meeting=meeting, title="Information")
    url = reverse("plans:pack_compile", args=[meeting.pk])
    confirm = signed_in.get(url + "?fran=sammantrade")
    assert confirm.status_code == 200 and "Ja, sammanställ utskicket" in confirm.content.decode()
    assert not MeetingPack.objects.exists()
    done = signed_in.post(url, {"fran": "sammantrade"})
    assert done.status_code == 302 and done.url == reverse("meetings:meeting", args=[meeting.pk])
    assert MeetingPack.objects.filter(meeting=meeting).count() == 1


def test_meeting_page_query_bound(
    signed_in, held_meeting, lead, prepared_case, django_assert_max_num_queries
):
    meeting, items = held_meeting(cases=3)
    services.agenda_apply_template(actor=lead, meeting=meeting)
    for n in range(3):
        services.agenda_add_free(actor=lead, meeting=meeting, title=f"Punkt {n}")
    services.decision_record(actor=lead, item=items[0], outcome="decided", text="Beslut.")
    services.minutes_generate(actor=lead, meeting=meeting)
    assert AgendaItem.objects.filter(meeting=meeting).count() == 14
    url = reverse("meetings:meeting", args=[meeting.pk])
    with django_assert_max_num_queries(36):
        assert signed_in.get(url).status_code == 200
    signed_in.logout()
    with django_assert_max_num_queries(16):
        assert signed_in.get(url).status_code == 200
    assert Body.objects.exists()


def test_a_refused_decision_on_a_standing_item_comes_back_unfolded(signed_in, sitiv, lead):
    """A standing item's decision form is folded away until needed; refused, it is shown
    open with its error beside the field (rule 4)."""
    meeting = services.meeting_plan(actor=lead, body=sitiv, date=DAY)
    services.agenda_apply_template(actor=lead, meeting=meeting)
    signed_in.post(reverse("meetings:attendance_all_present", args=[meeting.pk]))
    item = meeting.items.order_by("number").first()
    summary = f"<summary>För in beslut för § {item.number}</summary>"
    assert f"<details>{summary}" in page(signed_in, meeting)
    response = signed_in.post(
        reverse("meetings:decision_record", args=[item.pk]), {f"i{item.pk}-outcome": ""}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert f"<details open>{summary}" in text
    assert f'id="id_i{item.pk}-outcome-error"' in text
