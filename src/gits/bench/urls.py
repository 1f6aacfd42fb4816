"""The application's URLs plus the bench's yardstick: the cheapest Django view there is,
served by the same server with the same middleware."""

from django.http import HttpResponse
from django.urls import path

from gits.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *urlpatterns]
