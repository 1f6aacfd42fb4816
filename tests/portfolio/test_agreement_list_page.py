"""Issue 15: the agreement list is cheap at any size. An agreement is registered on its own
page (/avtal/nytt/), whose form offers every object and party, not on every view of the
list; the list's notice days are those of the agreements whose dates allow one (R-27)."""

import datetime as dt

import pytest
from django.urls import reverse

from gits.organisations.models import Organisation
from gits.portfolio.models import Agreement, ManagedObject
from tests.pages import shown

pytestmark = pytest.mark.django_db
LIST = reverse("portfolio:agreements")
NEW = reverse("portfolio:agreement_create")


def supplier(title, start, end, notice=6, **fields):
    fields.setdefault("state", Agreement.State.SIGNED)
    return Agreement.objects.create(
        kind=Agreement.Kind.SUPPLIER,
        title=title,
        start_date=start,
        first_end=end,
        renewal_years=1,
        notice_months=notice,
        **fields,
    )


def test_list_links_to_the_new_agreement_page_instead_of_a_form(client, lead):
    client.force_login(lead)
    page = client.get(LIST).content.decode()
    assert f'href="{NEW}"' in page and "Registrera avtal" in page
    assert 'name="managed_object"' not in page and 'name="parties"' not in page


def test_visitors_without_the_right_see_no_link(client, people, make_user):
    assert f'href="{NEW}"' not in client.get(LIST).content.decode()  # anonymous
    assert client.get(NEW).status_code == 302
    client.force_login(make_user("municipal_contact"))
    assert f'href="{NEW}"' not in client.get(LIST).content.decode()
    response = client.get(NEW, follow=True)
    assert response.redirect_chain[-1][0] == LIST
    response = client.post(NEW, {"kind": "supplier", "title": "X"})
    assert response.status_code == 302 and not Agreement.objects.exists()


def test_an_agreement_is_registered_as_a_draft_on_its_own_page(client, lead):
    obj = ManagedObject.objects.create(name="E-arkiv", short_name="EA")
    client.force_login(lead)
    page = client.get(NEW).content.decode()
    assert "<h1>Registrera avtal</h1>" in page and f'<option value="{obj.pk}">' in page
    region = Organisation.objects.get(kind="region")
    response = client.post(
        NEW,
        {
            "kind": "supplier",
            "title": "Driftavtal e-arkiv",
            "managed_object": obj.pk,
            "parties": [region.pk],
            "counterparty": "Leverantören AB",
            "start_date": "2027-01-01",
            "first_end": "2029-12-31",
            "renewal_years": 1,
            "notice_months": 6,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    agreement = Agreement.objects.get()
    assert response.url == reverse("portfolio:agreement", args=[agreement.pk])
    assert agreement.state == Agreement.State.DRAFT and agreement.managed_object == obj
    assert list(agreement.parties.all()) == [region]
    assert "registrerat som utkast" in client.get(response.url).content.decode()


def test_an_objects_page_leads_to_the_form_with_the_object_chosen(client, lead, make_user):
    obj = ManagedObject.objects.create(name="E-arkiv", short_name="EA")
    other = ManagedObject.objects.create(name="Bibblix", short_name="BX")
    client.force_login(lead)
    detail = client.get(reverse("portfolio:object", args=[obj.pk])).content.decode()
    assert f'<a href="{NEW}?objekt={obj.pk}">Registrera ett avtal för objektet</a>' in detail
    page = client.get(NEW, {"objekt": obj.pk}).content.decode()
    assert f'<option value="{obj.pk}" selected>' in page
    assert f'<option value="{other.pk}">' in page
    # Anything else in the address chooses nothing, and breaks nothing.
    for asked in ("x", "-1", "9" * 40, str(other.pk + 1000)):
        page = shown(client, NEW, {"objekt": asked})
        assert f'<option value="{obj.pk}">' in page and f'<option value="{other.pk}">' in page
    client.force_login(make_user("municipal_contact"))
    detail = client.get(reverse("portfolio:object", args=[obj.pk])).content.decode()
    assert f"{NEW}?objekt=" not in detail


def test_a_refused_agreement_comes_back_with_the_reason_beside_the_field(client, lead):
    client.force_login(lead)
    response = client.post(
        NEW,
        {
            "kind": "supplier",
            "title": "Baklänges",
            "start_date": "2027-01-01",
            "first_end": "2026-12-31",
            "renewal_years": 1,
            "notice_months": 6,
        },
    )
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert not Agreement.objects.exists()
    response = client.post(NEW, {"kind": "supplier"})
    assert response.status_code == 400 and 'id="id_title-error"' in response.content.decode()


def test_the_list_shows_the_notice_days_within_the_months_asked(client, lead):
    supplier("Avtal juni", dt.date(2020, 1, 1), dt.date(2020, 12, 31))  # notice 30 June
    supplier("Avtal mars", dt.date(2020, 1, 1), dt.date(2020, 9, 30))  # notice 31 March
    supplier(
        "Uppsagt", dt.date(2020, 1, 1), dt.date(2020, 12, 31), terminated_on=dt.date(2026, 12, 31)
    )
    client.force_login(lead)
    page = client.get(LIST, {"datum": "2026-01-15", "manader": 3}).content.decode()
    due = page[page.index("Sista dag att säga upp inom 3 månader") : page.index('id="agreements"')]
    assert "2026-03-31</strong>: Avtal mars" in due
    assert "Avtal juni" not in due and "Uppsagt" not in due
    page = client.get(LIST, {"datum": "2026-01-15", "manader": 6}).content.decode()
    due = page[page.index("Sista dag att säga upp inom 6 månader") : page.index('id="agreements"')]
    assert due.index("Avtal mars") < due.index("Avtal juni")  # soonest first
    assert "Uppsagt" not in due


def test_a_horizon_beyond_the_field_is_held_to_its_bounds(client, lead):
    supplier("Avtal juni", dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    client.force_login(lead)
    for asked, held in (("100000", 60), ("-5", 1), ("0", 1), ("x", 6)):
        response = client.get(LIST, {"datum": "2026-01-15", "manader": asked})
        assert response.status_code == 200, asked
        assert f"Sista dag att säga upp inom {held} månader" in response.content.decode(), asked


def row_of(page: str, title: str) -> str:
    start = page.index(f">{title}</a>")
    return page[start : page.index("</tr>", start)]


def test_each_row_says_its_period_notice_day_and_terms(client, lead):
    supplier("Löpande", dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    supplier("Sent", dt.date(2020, 1, 1), dt.date(2020, 12, 31), notice=1)
    supplier("Framtida", dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    old = supplier("Gammalt", dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    supplier("Nytt", dt.date(2024, 1, 1), dt.date(2024, 12, 31), replaces=old)
    Agreement.objects.filter(pk=old.pk).update(
        state=Agreement.State.REPLACED, replaced_on=dt.date(2024, 1, 1)
    )
    client.force_login(lead)
    page = client.get(LIST, {"datum": "2026-03-01"}).content.decode()
    row = row_of(page, "Löpande")
    assert "<td>Leverantörsavtal</td><td>Undertecknat</td>" in row
    assert "<td>2026-01-01 – 2026-12-31</td><td>2026-06-30</td><td>1 år / 6 mån</td>" in row
    page = client.get(LIST, {"datum": "2026-12-15"}).content.decode()
    # One month's notice: the last day has passed, the next one ends the agreement a year on.
    assert "<td>2027-11-30 (upphör 2027-12-31)</td>" in row_of(page, "Sent")
    assert "<td>ej påbörjat</td><td>–</td>" in row_of(page, "Framtida")
    assert "<td>Ersatt</td><td>ersatt</td><td>–</td>" in row_of(page, "Gammalt")
    assert '<span class="muted">ersätter Gammalt (2015)</span>' in row_of(page, "Nytt")


def test_draft_rows_are_not_in_force(client, lead):
    supplier("Utkastet", dt.date(2020, 1, 1), dt.date(2020, 12, 31), state=Agreement.State.DRAFT)
    client.force_login(lead)
    row = row_of(client.get(LIST, {"datum": "2026-03-01"}).content.decode(), "Utkastet")
    assert "<td>Utkast</td><td>gäller inte än</td><td>–</td>" in row
