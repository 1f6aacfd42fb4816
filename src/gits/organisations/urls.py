from django.urls import path

from gits.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("ny/", views.organisation_form, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/andra/", views.organisation_form, name="edit"),
    path("<int:pk>/folkmangd/ny/", views.population_add, name="population_add"),
    path("kommun/<str:scb_code>/", views.municipality_by_code, name="by_code"),
    path("folkmangd/", views.population_list, name="population_list"),
    path("folkmangd/import/", views.population_import, name="population_import"),
]
