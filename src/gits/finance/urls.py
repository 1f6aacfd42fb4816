from django.urls import path

from gits.finance.views import budgets, invoices, lines, parties, plan, scenarios

app_name = "finance"
urlpatterns = [
    path("ekonomi/", budgets.overview, name="overview"),
    path("ekonomi/budget/ny/", budgets.budget_form, name="budget_create"),
    path("ekonomi/budget/import/", budgets.budget_import, name="budget_import"),
    path("ekonomi/budget/<int:year>/", budgets.budget_detail, name="budget"),
    path("ekonomi/budget/<int:year>/andra/", budgets.budget_form, name="budget_edit"),
    path("ekonomi/budget/<int:year>/rader/ny/", lines.line_create, name="line_create"),
    path("ekonomi/budget/<int:year>/fordelning/", budgets.budget_splits_view, name="splits"),
    path("ekonomi/budget/<int:year>/excel/", budgets.budget_export, name="budget_export"),
    path(
        "ekonomi/budget/<int:year>/fordelning/excel/", budgets.splits_export, name="splits_export"
    ),
    path("ekonomi/rader/<int:pk>/andra/", lines.line_edit, name="line_edit"),
    path("ekonomi/rader/<int:pk>/ta-bort/", lines.line_delete, name="line_delete"),
    path("ekonomi/rader/<int:pk>/fordelning/", lines.line_split_view, name="line_split"),
    path("ekonomi/rader/<int:pk>/anvandare/", lines.line_users, name="line_users"),
    path("ekonomi/rader/<int:pk>/aterbetalning/", lines.line_payback, name="line_payback"),
    path("ekonomi/finansiarer/", budgets.financiers, name="financiers"),
    path("ekonomi/per-invanare/", budgets.levy, name="levy"),
    path("ekonomi/kommuner/<int:pk>/", budgets.municipality_view, name="municipality"),
    path("ekonomi/fakturor/", invoices.invoices, name="invoices"),
    path("ekonomi/fakturor/kor/", invoices.invoice_run, name="invoice_run"),
    path("ekonomi/fakturor/avrakning/", invoices.settlement_run, name="settlement_run"),
    path("ekonomi/fakturor/excel/", invoices.invoices_export, name="invoices_export"),
    path("ekonomi/fakturor/<int:pk>/", invoices.invoice_detail, name="invoice"),
    path("ekonomi/fakturor/<int:pk>/kreditera/", invoices.invoice_credit, name="invoice_credit"),
    path("ekonomi/fakturor/<int:pk>/peppol.xml", invoices.invoice_xml, name="invoice_xml"),
    path("ekonomi/fakturor/<int:pk>/faktura.pdf", invoices.invoice_pdf_view, name="invoice_pdf"),
    path("ekonomi/sie/<int:year>/", invoices.sie_export, name="sie"),
    path("ekonomi/per-part/", parties.party_runs, name="party_runs"),
    path("ekonomi/per-part/avgift/", parties.party_levy_run, name="party_levy_run"),
    path("ekonomi/per-part/andel/", parties.party_share_run, name="party_share_run"),
    path("ekonomi/per-part/<int:pk>/", parties.party_run, name="party_run"),
    path("ekonomi/per-part/<int:pk>/fortsatt/", parties.party_run_resume, name="party_run_resume"),
    path("ekonomi/parter/", parties.party_settings, name="party_settings"),
    path("ekonomi/parter/<int:pk>/", parties.party_settings_edit, name="party_settings_edit"),
    path("ekonomi/rader/<int:pk>/kostnadsslag/", plan.line_categories, name="line_categories"),
    path(
        "ekonomi/budget/<int:year>/kostnadsslag/",
        plan.budget_categories,
        name="budget_categories",
    ),
    path("ekonomi/finansieringsplan/", plan.financing_plan_view, name="financing_plan"),
    path("ekonomi/scenarier/", scenarios.scenarios, name="scenarios"),
    path("ekonomi/scenarier/<int:pk>/", scenarios.scenario_detail, name="scenario"),
]
