from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

VIEW = "finance.budget:view"
RIGHTS = {
    VIEW: _("se budgetar, fördelningar och fakturor"),
    "finance.budget:change": _("ändra budgetar, finansiärer och fördelningsunderlag"),
    "finance.invoice:run": _("fakturera kvartal, avräkna och betala tillbaka överskott"),
    "finance.invoice:credit": _("kreditera fakturor"),
    "finance.scenario:change": _("ändra scenarier"),
}


class FinanceConfig(AppConfig):
    name = "gits.finance"
    label = "finance"
    verbose_name = _("Ekonomi")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.models import ACTION_LABELS
        from gits.core.permissions import register_rights

        readers = {VIEW}
        register_rights(
            RIGHTS,
            grants={
                "function_lead": set(RIGHTS),
                "function_coordinator": readers,
                "sitiv_member": readers,
                "municipal_contact": readers,
            },
        )
        navigation.register(navigation.NavItem(_("Ekonomi"), "finance:overview", 60, right=VIEW))
        ACTION_LABELS.update(
            {
                "finance.financier.created": _("Finansiär registrerad"),
                "finance.budget.created": _("Budget upprättad"),
                "finance.budget.changed": _("Budget ändrad"),
                "finance.budget.imported": _("Budget importerad"),
                "finance.budget.stated_totals": _("Angivna summor registrerade"),
                "finance.line.created": _("Budgetrad tillagd"),
                "finance.line.changed": _("Budgetrad ändrad"),
                "finance.line.deleted": _("Budgetrad borttagen"),
                "finance.users.set": _("Antal användare registrerat"),
                "finance.invoice.issued": _("Faktura utfärdad"),
                "finance.invoice.credited": _("Kreditnota utfärdad"),
                "finance.scenario.created": _("Scenario upprättat"),
                "finance.scenario.changed": _("Scenario ändrat"),
                "finance.scenario.alternative_added": _("Alternativ tillagt"),
            }
        )
