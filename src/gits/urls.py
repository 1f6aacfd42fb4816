from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from gits.api.router import api

urlpatterns = [
    path("", include("gits.core.urls")),
    path("konto/", include("gits.accounts.urls")),
    path("konto/sso/", include("gits.sso.urls")),
    path("organisationer/", include("gits.organisations.urls")),
    path("", include("gits.bodies.urls")),
    path("", include("gits.meetings.urls")),
    path("", include("gits.plans.urls")),
    path("", include("gits.portfolio.urls")),
    path("", include("gits.finance.urls")),
    path("", include("gits.reviews.urls")),
    path("", include("gits.operations.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Error pages in the layout and the user's language; 403 sends a visitor to the login page.
handler400 = "gits.core.views.bad_request"
handler403 = "gits.core.views.permission_denied"
handler404 = "gits.core.views.page_not_found"
handler500 = "gits.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
