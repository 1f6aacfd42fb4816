from django.urls import path

from gits.meetings import views

app_name = "meetings"
urlpatterns = [
    path("arenden/", views.case_list, name="cases"),
    path("arenden/nytt/", views.case_create, name="case_create"),
    path("arenden/<int:pk>/", views.case_detail, name="case"),
    path("arenden/<int:pk>/beredning/", views.case_edit, name="case_edit"),
    path("arenden/<int:pk>/flytta/", views.case_move, name="case_move"),
    path("arenden/<int:pk>/bilagor/", views.case_attach, name="case_attach"),
    path("bilagor/<int:pk>/", views.attachment_download, name="attachment"),
    path("sammantraden/", views.meeting_list, name="meetings"),
    path("sammantraden/nytt/", views.meeting_create, name="meeting_create"),
    path("sammantraden/<int:pk>/", views.meeting_detail, name="meeting"),
    path("sammantraden/<int:pk>/dagordning/", views.agenda_add, name="agenda_add"),
    path("sammantraden/<int:pk>/dagordning/punkt/", views.agenda_free, name="agenda_free"),
    path(
        "sammantraden/<int:pk>/dagordning/standard/",
        views.agenda_standard,
        name="agenda_standard",
    ),
    path("sammantraden/<int:pk>/narvaro/", views.attendance, name="attendance"),
    path(
        "sammantraden/<int:pk>/narvaro/alla/",
        views.attendance_all_present,
        name="attendance_all_present",
    ),
    path("sammantraden/<int:pk>/protokoll/", views.minutes_generate, name="minutes_generate"),
    path("sammantraden/<int:pk>/rattelse/", views.minutes_correct, name="minutes_correct"),
    path("paragrafer/<int:pk>/beslut/", views.decision, name="decision_record"),
    path("paragrafer/<int:pk>/ta-bort/", views.agenda_remove, name="agenda_remove"),
    path("paragrafer/<int:pk>/flytta/", views.agenda_move, name="agenda_move"),
    path("protokoll/<int:pk>.pdf", views.minutes_download, name="minutes_pdf"),
    path("protokoll/<int:pk>/justera/", views.minutes_sign, name="minutes_sign"),
    path("protokoll/<int:pk>/dra-tillbaka/", views.minutes_withdraw, name="minutes_withdraw"),
    path("organ/<int:pk>/kalender.ics", views.body_ical, name="calendar"),
    path("organ/<int:pk>/standarddagordning/", views.agenda_template, name="agenda_template"),
    path("beslut/", views.decision_list, name="decisions"),
    path("beslut/<int:pk>/", views.decision_detail, name="decision"),
    path("beslut/<int:pk>/uppdrag/", views.assignment_give, name="assignment_give"),
    path("beslut/<int:pk>/andra/", views.decision_amend, name="decision_amend"),
    path(
        "uppdrag-fran-beslut/<int:pk>/aterrapport/",
        views.assignment_report,
        name="assignment_report",
    ),
]
