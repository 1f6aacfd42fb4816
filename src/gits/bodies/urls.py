from django.urls import path

from gits.bodies import views

app_name = "bodies"
urlpatterns = [
    path("organ/", views.body_list, name="list"),
    path("organ/nytt/", views.body_form, name="create"),
    path("organ/<int:pk>/", views.body_detail, name="detail"),
    path("organ/<int:pk>/andra/", views.body_form, name="edit"),
    path("organ/<int:pk>/uppdrag/nytt/", views.membership_add, name="membership_add"),
    path("uppdrag/<int:pk>/avsluta/", views.membership_end, name="membership_end"),
    path("personer/", views.person_list, name="people"),
    path("personer/ny/", views.person_form, name="person_create"),
    path("personer/<int:pk>/", views.person_detail, name="person"),
    path("personer/<int:pk>/andra/", views.person_form, name="person_edit"),
    path("personer/<int:pk>/konto/", views.person_account, name="person_account"),
]
