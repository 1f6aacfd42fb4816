from django.urls import path

from gits.reviews import views

app_name = "reviews"
urlpatterns = [
    path("oversyner/", views.review_list, name="list"),
    path("oversyner/ny/", views.review_form, name="create"),
    path("oversyner/<int:pk>/", views.review_detail_view, name="detail"),
    path("oversyner/<int:pk>/andra/", views.review_form, name="edit"),
    path("oversyner/<int:pk>/avsluta/", views.review_close_view, name="close"),
    path("oversyner/<int:pk>/<str:part>/ny/", views.item_add_view, name="item_add"),
    path("oversyner/delar/<str:part>/<int:item_pk>/andra/", views.item_edit, name="item_edit"),
    path(
        "oversyner/delar/<str:part>/<int:item_pk>/ta-bort/",
        views.item_remove_view,
        name="item_remove",
    ),
]
