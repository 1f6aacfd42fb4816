import datetime as dt

from playwright.sync_api import expect

from gits.bodies.models import Membership, Person
from gits.core.models import AuditEntry
from tests.browser.conftest import assert_accessible


def test_eleventh_member_is_refused_and_leaves_no_trace(login, page, demo_site):
    Person.objects.create(first_name="Elin", last_name="Elfte")
    login("funktionsledare")  # the login itself is audited: count from after it
    entries = AuditEntry.objects.count()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Organ", exact=True
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="SITIV", exact=True).click()
    expect(page.get_by_role("heading", name="Ledamöter den")).to_contain_text("10 av 10 platser")
    expect(page.locator("#members-region tbody tr")).to_have_count(6)  # 5 seats + co-opted lead
    assert_accessible(page)

    page.get_by_label("Person").select_option(label="Elfte, Elin")
    page.get_by_label("Sida").select_option("municipalities")
    page.get_by_label("Roll").select_option("member")
    page.get_by_role("button", name="Tillsätt").click()
    expect(page.get_by_role("alert")).to_contain_text("alla är tillsatta")
    expect(page.locator("#id_side-error")).to_contain_text("Paritet mellan sidorna")
    assert_accessible(page)
    assert AuditEntry.objects.count() == entries
    assert not Membership.objects.filter(person__last_name="Elfte").exists()


def test_replace_a_member_shows_in_history(login, page, demo_site):
    Person.objects.create(first_name="Nora", last_name="Nyberg")
    login("funktionsledare")
    page.goto(demo_site.url + "/organ/")
    page.get_by_role("link", name="SITIV", exact=True).click()
    row = page.locator("#members-municipalities tbody tr", has_text="Skenbergh")
    row.get_by_role("link", name="Avsluta").click()
    assert_accessible(page)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    page.get_by_label("Sista dag i uppdraget").fill(yesterday.isoformat())
    page.get_by_role("button", name="Avsluta uppdraget").click()
    expect(page.get_by_role("status")).to_contain_text("avslutat")
    page.get_by_label("Person").select_option(label="Nyberg, Nora")
    page.get_by_label("Sida").select_option("municipalities")
    page.get_by_role("button", name="Tillsätt").click()
    expect(page.get_by_role("status")).to_contain_text("Nora Nyberg är tillsatt som ledamot")
    history = page.get_by_role("region", name="Historik")
    expect(history).to_contain_text("Uppdrag tillsatt")
    expect(history).to_contain_text("Uppdrag avslutat")
    assert_accessible(page)
