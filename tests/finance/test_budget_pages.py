"""The pages that open and change a year's budget (/ekonomi/budget/ny/,
/ekonomi/budget/<year>/andra/) and remove a budget line (/ekonomi/rader/<pk>/ta-bort/),
requested through the test client."""

import datetime as dt

import pytest
from django.urls import reverse

from gits.core.models import AuditEntry
from gits.finance import services
from gits.finance.models import Budget, BudgetLine
from tests.pages import error_beside, refused, said, shown

pytestmark = pytest.mark.django_db
CREATE = reverse("finance:budget_create")
EDIT_2026 = reverse("finance:budget_edit", args=[2026])
BUDGET_2026 = reverse("finance:budget", args=[2026])
NO_CHANGE = "Du saknar behörighet att ändra budgetar, finansiärer och fördelningsunderlag."


def _budget(**changes):
    data = {
        "year": "2027",
        "title": "Budget GITS 2027",
        "deadline": "",
        "warning_days": "45",
        "decision_reference": "",
        "decided_on": "",
        "seller": "",
        "buyer": "",
        "buyer_reference": "VästKom GITS",
        "bankgiro": "5050-1055",
        "note": "",
        "version": "",
    }
    return {**data, **changes}


def _edit_post(budget, **changes):
    """What the edit page posts for a budget as it is stored, with `changes`."""
    data = {
        "title": budget.title,
        "deadline": budget.deadline.isoformat(),
        "warning_days": budget.warning_days,
        "decision_reference": budget.decision_reference,
        "decided_on": budget.decided_on.isoformat() if budget.decided_on else "",
        "seller": budget.seller_id or "",
        "buyer": budget.buyer_id or "",
        "buyer_reference": budget.buyer_reference,
        "bankgiro": budget.bankgiro,
        "note": budget.note,
        "version": budget.version,
    }
    return {**data, **changes}


@pytest.fixture
def reader(make_user):
    """May read the budgets, not change them."""
    return make_user("municipal_contact")


# --- /ekonomi/budget/ny/ -------------------------------------------------------------------


def test_new_budget_page_shows_the_form(client, financiers, lead_user):
    client.force_login(lead_user)
    page = shown(client, CREATE)
    assert "<h1>Ny budget</h1>" in page
    for label in (
        "År",
        "Fastställs senast",
        "Varna så många dagar före",
        "Fakturerande part",
        "Fakturerad part",
        "Bankgiro",
    ):
        assert f'">{label}' in page, label
    assert "Tom: 1 september året före budgetåret." in page
    assert 'name="warning_days" value="30"' in page  # the default warning
    assert f'href="{reverse("finance:overview")}">Avbryt</a>' in page


def test_opening_a_budget_saves_it_with_the_default_parties(
    client, financiers, region, association, lead_user
):
    client.force_login(lead_user)
    response = client.post(CREATE, _budget())
    budget = Budget.objects.get(year=2027)
    assert (budget.title, budget.warning_days, budget.bankgiro) == (
        "Budget GITS 2027",
        45,
        "5050-1055",
    )
    assert budget.deadline == dt.date(2026, 9, 1)  # 1 September the year before
    assert (budget.seller, budget.buyer) == (region, association)
    assert response.status_code == 302
    assert response.url == reverse("finance:budget", args=[2027])
    assert "Budgeten för 2027 har sparats." in client.get(response.url).content.decode()
    assert AuditEntry.objects.filter(object_repr="Budget GITS 2027").count() == 1


def test_opening_a_budget_with_chosen_parties_and_deadline(
    client, financiers, region, association, lead_user
):
    client.force_login(lead_user)
    response = client.post(
        CREATE,
        _budget(seller=association.pk, buyer=region.pk, deadline="2026-06-30", title=""),
    )
    budget = Budget.objects.get(year=2027)
    assert (budget.seller, budget.buyer, budget.deadline) == (
        association,
        region,
        dt.date(2026, 6, 30),
    )
    assert "Budgeten för 2027 har sparats." in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"year": ""}, "year", "Detta fält måste fyllas i."),
        ({"year": "1999"}, "year", "större än eller lika med 2000"),
        ({"year": "tjugo"}, "year", "Fyll i ett heltal."),
        ({"year": "2026"}, "year", "Det finns redan en budget för 2026."),
        ({"warning_days": ""}, "warning_days", "Detta fält måste fyllas i."),
        ({"deadline": "1 sept"}, "deadline", "Fyll i ett giltigt datum."),
        (
            {"decided_on": "2026-08-29"},
            "decision_reference",
            "Ange vilket beslut som fastställde budgeten.",
        ),
        ({"seller": "same", "buyer": "same"}, "buyer", "En part kan inte fakturera sig själv."),
    ],
)
def test_a_refused_budget_is_shown_beside_the_field(
    client, budget_2026, region, lead_user, changes, field, message
):
    if changes.get("seller") == "same":
        changes = {"seller": region.pk, "buyer": region.pk}
    client.force_login(lead_user)
    count, entries = Budget.objects.count(), AuditEntry.objects.count()
    response = client.post(CREATE, _budget(**changes))
    page = refused(response, field, message)
    assert 'value="Budget GITS 2027"' in page  # what was typed is kept
    assert (Budget.objects.count(), AuditEntry.objects.count()) == (count, entries)


def test_readers_may_not_open_a_budget(client, financiers, reader):
    client.force_login(reader)
    # Neither shown the form nor let to save: back to the overview, saying why.
    for response in (client.get(CREATE), client.post(CREATE, _budget())):
        assert response.status_code == 302 and response.url == reverse("finance:overview")
        assert NO_CHANGE in said(response)
    assert not Budget.objects.exists()
    # The overview offers them no way to it.
    assert f'href="{CREATE}"' not in client.get(reverse("finance:overview")).content.decode()


def test_users_without_the_read_right_are_refused(client, financiers, make_user):
    client.force_login(make_user())  # signed in, no role
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, _budget()).status_code == 403
    assert not Budget.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_open_a_budget(client, financiers):
    for response in (client.get(CREATE), client.post(CREATE, _budget())):
        assert response.status_code == 302 and f"next={CREATE}" in response.url
    assert not Budget.objects.exists()


# --- /ekonomi/budget/<year>/andra/ ---------------------------------------------------------


def test_edit_budget_page_shows_the_stored_values(client, budget_2026, lead_user):
    client.force_login(lead_user)
    page = shown(client, EDIT_2026)
    assert "<h1>Ändra Budget 2026</h1>" in page
    assert 'name="year"' not in page  # the year is set when the budget is opened
    assert 'value="VästKom GITS"' in page and 'value="2025-09-01"' in page
    assert f'name="version" value="{budget_2026.version}"' in page
    assert f'href="{BUDGET_2026}">Avbryt</a>' in page


def test_editing_a_budget_saves_the_change(client, budget_2026, lead_user):
    client.force_login(lead_user)
    version = budget_2026.version
    response = client.post(
        EDIT_2026,
        _edit_post(
            budget_2026,
            decision_reference="SITIV 2025-08-29 § 7",
            decided_on="2025-08-29",
            warning_days="14",
        ),
    )
    budget_2026.refresh_from_db()
    assert budget_2026.decision_reference == "SITIV 2025-08-29 § 7"
    assert (budget_2026.decided_on, budget_2026.warning_days) == (dt.date(2025, 8, 29), 14)
    assert budget_2026.version == version + 1 and budget_2026.year == 2026
    assert response.status_code == 302 and response.url == BUDGET_2026
    assert "Budgeten för 2026 har sparats." in client.get(response.url).content.decode()


def test_the_year_of_a_budget_is_not_changed(client, budget_2026, lead_user):
    client.force_login(lead_user)
    response = client.post(EDIT_2026, _edit_post(budget_2026, year="2030"))
    assert response.status_code == 302
    assert Budget.objects.get(pk=budget_2026.pk).year == 2026
    assert not Budget.objects.filter(year=2030).exists()


def test_a_refused_budget_edit_is_shown_beside_the_field(client, budget_2026, lead_user):
    client.force_login(lead_user)
    response = client.post(EDIT_2026, _edit_post(budget_2026, decided_on="2025-08-29"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ange vilket beslut som fastställde budgeten." in error_beside(
        page, "decision_reference"
    )
    budget_2026.refresh_from_db()
    assert budget_2026.decided_on is None


def test_a_stale_budget_edit_is_refused_and_keeps_what_was_typed(client, budget_2026, lead_user):
    stale = _edit_post(budget_2026, title="Mitt utkast")
    services.budget_update(
        actor=lead_user, budget=budget_2026, version=budget_2026.version, title="Någon annans"
    )
    client.force_login(lead_user)
    response = client.post(EDIT_2026, stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page and "Posten har ändrats av någon annan" in page
    assert 'value="Mitt utkast"' in page  # what was typed is kept
    budget_2026.refresh_from_db()
    assert (budget_2026.title, budget_2026.version) == ("Någon annans", stale["version"] + 1)


def test_readers_may_not_change_a_budget(client, budget_2026, reader):
    client.force_login(reader)
    for response in (
        client.get(EDIT_2026),
        client.post(EDIT_2026, _edit_post(budget_2026, title="Kapad")),
    ):
        assert response.status_code == 302 and response.url == BUDGET_2026
        assert NO_CHANGE in said(response)
    budget_2026.refresh_from_db()
    assert budget_2026.title == ""
    assert f'href="{EDIT_2026}"' not in client.get(BUDGET_2026).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in_to_change_a_budget(client, budget_2026):
    for response in (client.get(EDIT_2026), client.post(EDIT_2026, _edit_post(budget_2026))):
        assert response.status_code == 302 and f"next={EDIT_2026}" in response.url


def test_a_year_without_a_budget_is_not_found(client, budget_2026, lead_user):
    client.force_login(lead_user)
    assert client.get(reverse("finance:budget_edit", args=[2031])).status_code == 404


# --- /ekonomi/rader/<pk>/ta-bort/ ----------------------------------------------------------


def _delete_url(line) -> str:
    return reverse("finance:line_delete", args=[line.pk])


def test_removing_a_line_deletes_it_and_goes_back_to_the_budget(client, budget_2026, lead_user):
    line = budget_2026.lines.get()
    client.force_login(lead_user)
    response = client.post(_delete_url(line))
    assert response.status_code == 302 and response.url == BUDGET_2026
    assert not BudgetLine.objects.filter(pk=line.pk).exists()
    assert "Raden GITS är borttagen." in client.get(response.url).content.decode()
    entry = AuditEntry.objects.get(action="finance.line.deleted")
    assert entry.object_id == str(line.pk)


def test_the_line_form_offers_the_removal(client, budget_2026, lead_user):
    line = budget_2026.lines.get()
    client.force_login(lead_user)
    page = client.get(reverse("finance:line_edit", args=[line.pk])).content.decode()
    assert f'<form method="post" action="{_delete_url(line)}"' in page


def test_an_invoiced_line_is_not_removed(client, budget_2026, lead_user):
    services.invoice_run(actor=lead_user, year=2026, quarter=1, today=dt.date(2026, 4, 1))
    line = budget_2026.lines.get()
    client.force_login(lead_user)
    response = client.post(_delete_url(line), follow=True)
    assert response.redirect_chain == [(BUDGET_2026, 302)]
    assert "Raden GITS är fakturerad och kan inte tas bort." in response.content.decode()
    assert BudgetLine.objects.filter(pk=line.pk).exists()
    assert not AuditEntry.objects.filter(action="finance.line.deleted").exists()


def test_readers_may_not_remove_a_line(client, budget_2026, reader):
    line = budget_2026.lines.get()
    client.force_login(reader)
    response = client.post(_delete_url(line), follow=True)
    assert response.redirect_chain == [(BUDGET_2026, 302)]
    assert NO_CHANGE in response.content.decode()
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_removal_is_a_post_only(client, budget_2026, lead_user):
    line = budget_2026.lines.get()
    client.force_login(lead_user)
    assert client.get(_delete_url(line)).status_code == 405
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_users_without_the_read_right_may_not_remove_a_line(client, budget_2026, make_user):
    line = budget_2026.lines.get()
    client.force_login(make_user())
    assert client.post(_delete_url(line)).status_code == 403
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_remove_a_line(client, budget_2026):
    line = budget_2026.lines.get()
    response = client.post(_delete_url(line))
    assert response.status_code == 302 and f"next={_delete_url(line)}" in response.url
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_an_unknown_line_is_not_found(client, budget_2026, lead_user):
    client.force_login(lead_user)
    assert client.post(reverse("finance:line_delete", args=[99999])).status_code == 404
