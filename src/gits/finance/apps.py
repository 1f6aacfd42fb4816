from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import Actions, DomainConfig
from gits.core.navigation import NavItem

VIEW = "finance.budget:view"
RIGHTS = {
    VIEW: _("se budgetar, fördelningar och fakturor"),
    "finance.budget:change": _("ändra budgetar, finansiärer och fördelningsunderlag"),
    "finance.invoice:run": _("fakturera kvartal, avräkna och betala tillbaka överskott"),
    "finance.invoice:credit": _("kreditera fakturor"),
    "finance.scenario:change": _("ändra scenarier"),
    "finance.settings:change": _("ändra betalnings- och bokföringsuppgifter per part"),
}
READERS = {VIEW}


class FinanceConfig(DomainConfig):
    name = "gits.finance"
    verbose_name = _("Ekonomi")

    rights = RIGHTS
    grants = {
        "function_lead": set(RIGHTS),
        "function_coordinator": READERS,
        "sitiv_member": READERS,
        "municipal_contact": READERS,
    }
    # Rights per party: a party's own settings and user counts are that party's.
    owners = {
        "finance.PartySettings": lambda s: s.organisation,
        "finance.UserCount": lambda c: c.organisation,
    }
    nav_items = [NavItem(_("Ekonomi"), "finance:overview", 60, right=VIEW)]
    # Every audited action of money, with labels for what its entries store beside the
    # fields of the record, and for fields whose name is all the label they have.
    actions = [
        Actions(
            "finance.financier",
            {"finance.financier.created": _("Finansiär registrerad")},
            fields={"organisation": _("organisation")},
        ),
        Actions(
            "finance.budget",
            {
                "finance.budget.created": _("Budget upprättad"),
                "finance.budget.changed": _("Budget ändrad"),
                "finance.budget.imported": _("Budget importerad"),
                "finance.budget.stated_totals": _("Angivna summor registrerade"),
            },
            fields={
                "bankgiro": _("bankgiro"),
                "rader": _("antal rader"),
                "angivna summor": _("angivna summor"),
            },
        ),
        Actions(
            "finance.budgetline",
            {
                "finance.line.created": _("Budgetrad tillagd"),
                "finance.line.changed": _("Budgetrad ändrad"),
                "finance.line.deleted": _("Budgetrad borttagen"),
                "finance.users.set": _("Antal användare registrerat"),
                "finance.line.categories": _("Kostnadsslag registrerade"),
            },
            fields={
                "kostnadsslag": _("kostnadsslag (budget / utfall)"),
                "budget": _("budget"),
                "finansiering": _("finansiering"),
                "användare": _("antal användare"),
            },
        ),
        Actions(
            "finance.invoice",
            {
                "finance.invoice.issued": _("Faktura utfärdad"),
                "finance.invoice.credited": _("Kreditnota utfärdad"),
            },
            fields={
                "period": _("period"),
                "bankgiro": _("bankgiro"),
                "plusgiro": _("plusgiro"),
                "budget": _("budget"),
                "series": _("nummerserie"),
                "serial": _("löpnummer i serien"),
                "sequence": _("ordning inom perioden"),
            },
        ),
        Actions(
            "finance.partyrun",
            {"finance.partyrun.started": _("Fakturering per part startad")},
            fields={"parter": _("antal parter")},
        ),
        Actions(
            "finance.partysettings",
            {
                "finance.settings.created": _("Betalnings- och bokföringsuppgifter registrerade"),
                "finance.settings.changed": _("Betalnings- och bokföringsuppgifter ändrade"),
            },
            fields={"bankgiro": _("bankgiro"), "plusgiro": _("plusgiro")},
        ),
        Actions(
            "finance.scenario",
            {
                "finance.scenario.created": _("Scenario upprättat"),
                "finance.scenario.changed": _("Scenario ändrat"),
            },
        ),
        Actions(
            "finance.scenarioalternative",
            {"finance.scenario.alternative_added": _("Alternativ tillagt")},
            fields={"scenario": _("scenario"), "position": _("ordning")},
        ),
    ]
