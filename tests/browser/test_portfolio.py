from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def test_propose_evaluate_decide_and_find_on_the_roadmap(login, page, demo_site):
    base = demo_site.url
    login("funktionsledare")
    page.goto(base + "/objekt/")
    assert_accessible(page)
    page.get_by_label("Namn (obligatoriskt)", exact=True).fill("Digital signering i samverkan")
    page.get_by_label("Kortnamn").fill("Signering")
    page.get_by_label("Område (obligatoriskt)", exact=True).select_option(
        label="Gemensam infrastruktur"
    )
    page.get_by_label("Tidshorisont (obligatoriskt)", exact=True).select_option(
        label="Medellång sikt"
    )
    page.get_by_role("button", name="Föreslå").click()
    expect(page.get_by_role("status")).to_contain_text("registrerat som förslag")
    expect(page.locator("#object-state")).to_have_text("Förslag")
    assert_accessible(page)

    page.get_by_role("link", name="Värdera mot kriterierna").click()
    assert_accessible(page)
    for fieldset in page.locator("fieldset.card").all():
        fieldset.get_by_label("Uppfyllt", exact=True).check()
    page.get_by_label("Användare i regionen").fill("800")
    page.get_by_label("Användare i kommunerna").fill("2400")
    page.get_by_label("Rekommenderar samförvaltning", exact=True).check()
    page.get_by_role("button", name="Spara värderingen").click()
    expect(page.get_by_role("status")).to_contain_text("Värderingen är registrerad")
    expect(page.get_by_text("(75 % kommunerna)")).to_be_visible()

    page.get_by_label("Nytt läge (obligatoriskt)").select_option(label="Värderad")
    page.get_by_role("button", name="Ändra läge").click()
    expect(page.locator("#object-state")).to_have_text("Värderad")
    page.get_by_label("Nytt läge (obligatoriskt)").select_option(label="Beslutad samförvaltning")
    page.get_by_role("button", name="Ändra läge").click()
    expect(page.locator("#id_decision-error")).to_contain_text("beslutas av SITIV")
    assert_accessible(page)
    page.get_by_label("Nytt läge (obligatoriskt)").select_option(label="Beslutad samförvaltning")
    page.get_by_label("eller beslutsreferens").fill("SITIV 2026-12-04 § 5")
    page.get_by_role("button", name="Ändra läge").click()
    expect(page.locator("#object-state")).to_have_text("Beslutad samförvaltning")
    expect(page.get_by_role("cell", name="SITIV 2026-12-04 § 5", exact=True)).to_be_visible()
    assert_accessible(page)

    page.goto(base + "/objekt/fardplan/")
    medium = page.get_by_role("region", name="Medellång sikt")
    expect(medium).to_contain_text("Digital signering i samverkan")
    expect(medium).to_contain_text("beslutad samförvaltning")
    assert_accessible(page)
