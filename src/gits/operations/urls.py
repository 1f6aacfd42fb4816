from django.urls import path

from gits.operations import views

app_name = "operations"
urlpatterns = [
    path("drift/", views.jobs, name="jobs"),
    path("drift/<str:name>/kor/", views.job_run, name="job_run"),
    path("aviseringar/", views.preferences, name="preferences"),
    path("halsa/", views.health_check, name="health"),
    path("metrics", views.metrics, name="metrics"),
]
