from django.urls import path

from gits.plans import report_views, views

app_name = "plans"
urlpatterns = [
    path("planer/", views.index, name="index"),
    path("planer/ny/", views.plan_create, name="plan_create"),
    path("planer/<int:pk>/", views.plan_detail, name="plan"),
    path("planer/<int:pk>/andra/", views.plan_edit, name="plan_edit"),
    path("planer/<int:pk>/<str:action>/", views.plan_action, name="plan_action"),
    path("planer/<int:pk>.<str:fmt>", views.plan_file, name="plan_file"),
    path(
        "sammantraden/<int:pk>/statusrapporter/", views.status_overview_view, name="status_overview"
    ),
    path(
        "sammantraden/<int:meeting_pk>/statusrapporter/<int:object_pk>/",
        views.status_report_edit,
        name="status_report",
    ),
    path(
        "sammantraden/<int:pk>/statusrapporter/word/",
        views.status_report_word,
        name="status_report_word",
    ),
    path("statusrapporter/<int:pk>.<str:fmt>", views.status_report_file, name="status_file"),
    path("sammantraden/<int:pk>/utskick/", views.pack_compile, name="pack_compile"),
    path("utskick/<int:pk>.pdf", views.pack_download, name="pack"),
    path("avvikelser/", report_views.deviations, name="deviations"),
    path("kvartalsrapporter/ny/", report_views.quarterly_draft, name="quarterly_draft"),
    path("kvartalsrapporter/<int:pk>/", report_views.quarterly_detail, name="quarterly"),
    path("kvartalsrapporter/<int:pk>.pdf", report_views.quarterly_pdf, name="quarterly_pdf"),
    path("verksamhetsrapport/<int:year>.pdf", report_views.annual_pdf, name="annual_pdf"),
    path("verksamhetsplan/<int:year>/", report_views.activity_plan, name="activity"),
]
