from django.urls import path

from gits.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("historik/", views.audit_list, name="audit"),
]
