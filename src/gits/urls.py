from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from gits.api.router import api

# The domain apps whose pages start at the site's root, each with its own first segments.
AT_ROOT = ["bodies", "meetings", "plans", "portfolio", "finance", "reviews", "operations"]

urlpatterns = [
    path("", include("gits.core.urls")),
    path("konto/", include("gits.accounts.urls")),
    path("konto/sso/", include("gits.sso.urls")),
    path("organisationer/", include("gits.organisations.urls")),
    *(path("", include(f"gits.{app}.urls")) for app in AT_ROOT),
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
