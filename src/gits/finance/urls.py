from django.urls import path

from gits.finance import views

app_name = "finance"
urlpatterns = [
    path("ekonomi/", views.overview, name="overview"),
    path("ekonomi/budget/ny/", views.budget_create, name="budget_create"),
    path("ekonomi/budget/import/", views.budget_import, name="budget_import"),
    path("ekonomi/budget/<int:year>/", views.budget_detail, name="budget"),
    path("ekonomi/budget/<int:year>/andra/", views.budget_edit, name="budget_edit"),
    path("ekonomi/budget/<int:year>/rader/ny/", views.line_create, name="line_create"),
    path("ekonomi/budget/<int:year>/fordelning/", views.budget_splits_view, name="splits"),
    path("ekonomi/budget/<int:year>/excel/", views.budget_export, name="budget_export"),
    path("ekonomi/budget/<int:year>/fordelning/excel/", views.splits_export, name="splits_export"),
    path("ekonomi/rader/<int:pk>/andra/", views.line_edit, name="line_edit"),
    path("ekonomi/rader/<int:pk>/ta-bort/", views.line_delete, name="line_delete"),
    path("ekonomi/rader/<int:pk>/fordelning/", views.line_split_view, name="line_split"),
    path("ekonomi/rader/<int:pk>/anvandare/", views.line_users, name="line_users"),
    path("ekonomi/rader/<int:pk>/aterbetalning/", views.line_payback, name="line_payback"),
    path("ekonomi/finansiarer/", views.financiers, name="financiers"),
    path("ekonomi/per-invanare/", views.levy, name="levy"),
    path("ekonomi/kommuner/<int:pk>/", views.municipality_view, name="municipality"),
    path("ekonomi/fakturor/", views.invoices, name="invoices"),
    path("ekonomi/fakturor/kor/", views.invoice_run, name="invoice_run"),
    path("ekonomi/fakturor/avrakning/", views.settlement_run, name="settlement_run"),
    path("ekonomi/fakturor/excel/", views.invoices_export, name="invoices_export"),
    path("ekonomi/fakturor/<int:pk>/", views.invoice_detail, name="invoice"),
    path("ekonomi/fakturor/<int:pk>/kreditera/", views.invoice_credit, name="invoice_credit"),
    path("ekonomi/fakturor/<int:pk>/peppol.xml", views.invoice_xml, name="invoice_xml"),
    path("ekonomi/fakturor/<int:pk>/faktura.pdf", views.invoice_pdf_view, name="invoice_pdf"),
    path("ekonomi/sie/<int:year>/", views.sie_export, name="sie"),
    path("ekonomi/scenarier/", views.scenarios, name="scenarios"),
    path("ekonomi/scenarier/<int:pk>/", views.scenario_detail, name="scenario"),
]
