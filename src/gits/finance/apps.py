from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig
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
    # fields of the record, and for the fields the models leave unnamed.
    actions = {
        "finance.financier": {"finance.financier.created": _("Finansiär registrerad")},
        "finance.budget": {
            "finance.budget.created": _("Budget upprättad"),
            "finance.budget.changed": _("Budget ändrad"),
            "finance.budget.imported": _("Budget importerad"),
            "finance.budget.stated_totals": _("Angivna summor registrerade"),
        },
        "finance.budgetline": {
            "finance.line.created": _("Budgetrad tillagd"),
            "finance.line.changed": _("Budgetrad ändrad"),
            "finance.line.deleted": _("Budgetrad borttagen"),
            "finance.users.set": _("Antal användare registrerat"),
            "finance.line.categories": _("Kostnadsslag registrerade"),
        },
        "finance.invoice": {
            "finance.invoice.issued": _("Faktura utfärdad"),
            "finance.invoice.credited": _("Kreditnota utfärdad"),
        },
        "finance.partyrun": {"finance.partyrun.started": _("Fakturering per part startad")},
        "finance.partysettings": {
            "finance.settings.created": _("Betalnings- och bokföringsuppgifter registrerade"),
            "finance.settings.changed": _("Betalnings- och bokföringsuppgifter ändrade"),
        },
        "finance.scenario": {
            "finance.scenario.created": _("Scenario upprättat"),
            "finance.scenario.changed": _("Scenario ändrat"),
        },
        "finance.scenarioalternative": {
            "finance.scenario.alternative_added": _("Alternativ tillagt")
        },
    }
    key_labels = {
        "finance.budget": {"rader": _("antal rader"), "angivna summor": _("angivna summor")},
        "finance.budgetline": {
            "kostnadsslag": _("kostnadsslag (budget / utfall)"),
            "finansiering": _("finansiering"),
            "användare": _("antal användare"),
        },
        "finance.invoice": {
            "period": _("period"),
            "budget": _("budget"),
            "series": _("nummerserie"),
            "serial": _("löpnummer i serien"),
            "sequence": _("ordning inom perioden"),
        },
        "finance.partyrun": {"parter": _("antal parter")},
        "finance.scenarioalternative": {"scenario": _("scenario"), "position": _("ordning")},
    }
