from django.urls import path

from gits.sso import views

app_name = "sso"
urlpatterns = [
    path("oidc/logga-in/", views.oidc_start, name="oidc_start"),
    path("oidc/svar/", views.oidc_callback, name="oidc_callback"),
    path("saml/logga-in/", views.saml_start, name="saml_start"),
    path("saml/acs/", views.saml_acs, name="saml_acs"),
    path("saml/klar/", views.saml_done, name="saml_done"),
    path("saml/metadata/", views.saml_metadata, name="saml_metadata"),
]
