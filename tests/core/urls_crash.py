"""A URLconf whose one page fails, for the 500 page test (tests/core/test_error_pages.py)."""

from django.urls import include, path


def crash(request):
    raise RuntimeError("Avsiktligt fel i testet")


urlpatterns = [path("krasch/", crash), path("", include("gits.urls"))]

handler403 = "gits.core.views.permission_denied"
handler404 = "gits.core.views.page_not_found"
handler500 = "gits.core.views.server_error"
