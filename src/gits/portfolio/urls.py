from django.urls import path

from gits.portfolio import views

app_name = "portfolio"
urlpatterns = [
    path("objekt/", views.object_list, name="list"),
    path("objekt/fardplan/", views.roadmap_view, name="roadmap"),
    path("objekt/kontakter-saknas/", views.contacts_missing, name="contacts_missing"),
    path("objekt/<int:pk>/", views.object_detail, name="object"),
    path("objekt/<int:pk>/vardering/", views.evaluation_create, name="evaluate"),
    path("objekt/<int:pk>/<str:action>/", views.object_action, name="action"),
    path("avtal/", views.agreement_list, name="agreements"),
    path("avtal/nytt/", views.agreement_create, name="agreement_create"),
    path("avtal/kalender.ics", views.agreement_calendar, name="agreement_calendar"),
    path("avtal/<int:pk>/", views.agreement_detail, name="agreement"),
    path("avtal/<int:pk>/andra/", views.agreement_edit, name="agreement_edit"),
    path("avtal/<int:pk>/<str:action>/", views.agreement_action, name="agreement_action"),
]
