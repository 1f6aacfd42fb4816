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
    # .all() does not wait: the criteria must be on the page before they are counted.
    expect(page.locator("form .card").first).to_be_visible()
    assert_accessible(page)
    # Saved with no verdicts: each criterion says so, and what was typed stays.
    page.get_by_label("Användare i regionen").fill("800")
    page.get_by_role("button", name="Spara värderingen").click()
    expect(page.get_by_role("alert")).to_contain_text("Välj en bedömning.")
    expect(page.get_by_label("Användare i regionen")).to_have_value("800")
    assert_accessible(page)
    for card in page.locator("form .card").all():
        card.get_by_label("Uppfyllt", exact=True).check()
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


def test_agreement_is_signed_by_both_then_changed_only_by_a_new_agreement(login, page, demo_site):
    """R-27, seed 002: edit a draft, sign for both parties, editing refused, replace, sign the
    new one, the old one shows as replaced; anonymous visitors see no names of people."""
    base = demo_site.url
    login("funktionsledare")
    page.goto(base + "/avtal/")
    assert_accessible(page)
    page.get_by_role("link", name="Registrera avtal").click()  # its own page (issue 15)
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera avtal")
    assert_accessible(page)
    page.get_by_label("Typ (obligatoriskt)").select_option(
        label="Avtal om den gemensamma funktionen"
    )
    page.get_by_label("Benämning (obligatoriskt)").fill("Avtal om gemensam e-arkivtjänst")
    page.get_by_label("Parter").select_option(label=["Västra Götalandsregionen", "VästKom"])
    page.get_by_label("Första period från (obligatoriskt)").fill("2027-01-01")
    page.get_by_label("Första period till och med (obligatoriskt)").fill("2029-12-31")
    page.get_by_label("Förlängs med (år) (obligatoriskt)").fill("2")
    page.get_by_label("Uppsägningstid (månader) (obligatoriskt)").fill("6")
    page.get_by_role("button", name="Registrera").click()
    expect(page.get_by_role("status")).to_contain_text("registrerat som utkast")
    expect(page.locator("#agreement-state")).to_have_text("Utkast")
    assert_accessible(page)
    old_url = page.url

    # A draft is edited.
    page.get_by_role("link", name="Ändra utkastet").click()
    assert_accessible(page)
    page.get_by_label("Uppsägningstid (månader) (obligatoriskt)").fill("9")
    page.get_by_role("button", name="Spara utkastet").click()
    expect(page.get_by_role("status")).to_contain_text("Utkastet är ändrat")
    expect(page.get_by_text("9 mån före periodens slut")).to_be_visible()

    # Each party signs: the lead for the region herself, then VästKom's director.
    page.locator("summary", has_text="Registrera underskrift").click()
    page.get_by_label("Undertecknat för (obligatoriskt)").select_option(
        label="Västra Götalandsregionen"
    )
    page.get_by_label("Jag undertecknar själv").check()
    page.get_by_role("button", name="Spara underskrift").click()
    expect(page.get_by_role("status")).to_contain_text("Underskriften är registrerad")
    expect(page.locator("#agreement-state")).to_have_text("Utkast")
    assert_accessible(page)
    page.locator("summary", has_text="Registrera underskrift").click()
    page.get_by_label("Undertecknat för (obligatoriskt)").select_option(label="VästKom")
    page.get_by_label("Undertecknat av", exact=True).select_option(label="Lars Attrapp")
    page.get_by_role("button", name="Spara underskrift").click()
    expect(page.get_by_role("status")).to_contain_text("Alla parter har undertecknat")
    expect(page.locator("#agreement-state")).to_have_text("Undertecknat")
    signatures = page.locator("#signatures")
    expect(signatures).to_contain_text("Olivia Ritning")
    expect(signatures).to_contain_text("Lars Attrapp")
    assert_accessible(page)

    # Its terms are frozen: no edit, and the edit page refuses with the rule.
    expect(page.get_by_role("link", name="Ändra utkastet")).to_have_count(0)
    page.goto(old_url + "andra/")
    expect(page.get_by_role("alert").or_(page.locator(".message--error"))).to_contain_text("R-27")
    assert_accessible(page)

    # Contact persons per party can still be named.
    page.locator("summary", has_text="Namnge en kontaktperson").click()
    page.get_by_label("Part (obligatoriskt)").select_option(label="VästKom")
    page.get_by_label("Kontaktperson (obligatoriskt)").select_option(label="Lars Attrapp")
    page.get_by_label("Roll", exact=True).fill("Direktör VästKom")
    page.get_by_role("button", name="Spara kontaktperson").click()
    expect(page.locator("#agreement-contacts")).to_contain_text("Direktör VästKom")
    assert_accessible(page)

    # A change is a new agreement that replaces the old one when both have signed it.
    page.get_by_role("button", name="Ersätt med nytt avtal").click()
    expect(page.get_by_role("status")).to_contain_text("utkast till nytt avtal")
    expect(page.locator("#agreement-state")).to_have_text("Utkast")
    expect(page.locator("#agreement-replaces")).to_contain_text("Avtal om gemensam e-arkivtjänst")
    expect(page.locator("#agreement-contacts")).to_contain_text("Direktör VästKom")
    assert_accessible(page)
    page.get_by_role("link", name="Ändra utkastet").click()
    page.get_by_label("Första period från (obligatoriskt)").fill("2028-01-01")
    page.get_by_label("Första period till och med (obligatoriskt)").fill("2031-12-31")
    page.get_by_role("button", name="Spara utkastet").click()
    for party, signer in (("Västra Götalandsregionen", None), ("VästKom", "Lars Attrapp")):
        page.locator("summary", has_text="Registrera underskrift").click()
        page.get_by_label("Undertecknat för (obligatoriskt)").select_option(label=party)
        if signer:
            page.get_by_label("Undertecknat av", exact=True).select_option(label=signer)
        else:
            page.get_by_label("Jag undertecknar själv").check()
        page.get_by_role("button", name="Spara underskrift").click()
    expect(page.locator("#agreement-state")).to_have_text("Undertecknat")
    new_url = page.url

    page.goto(old_url)
    expect(page.locator("#agreement-state")).to_have_text("Ersatt")
    expect(page.locator("#agreement-replaced-by")).to_contain_text("gäller från 2028-01-01")
    expect(page.get_by_role("region", name="Historik")).to_contain_text(
        "Avtal ersatt av nytt avtal"
    )
    assert_accessible(page)
    page.locator("#agreement-replaced-by").get_by_role("link").click()
    assert page.url == new_url
    page.goto(base + "/avtal/")
    expect(page.locator("#agreements")).to_contain_text("Ersatt")
    assert_accessible(page)

    # Anonymous visitors see the parties and dates, not the names of people.
    page.context.clear_cookies()
    page.goto(old_url)
    expect(page.locator("#agreement-state")).to_have_text("Ersatt")
    expect(page.locator("#signatures")).not_to_contain_text("Lars Attrapp")
    expect(page.get_by_text("Kontaktpersonerna visas för inloggade användare.")).to_be_visible()
    assert "Attrapp" not in page.content()
    assert_accessible(page)
