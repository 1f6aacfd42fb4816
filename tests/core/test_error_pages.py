"""Error pages in the layout and the user's language (403, 404, 500), and protected pages
that send a visitor to the login page and back."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse

from gits.core import views
from gits.meetings import services as meetings

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_COOKIE": "django_language=en"}


def test_404_is_in_the_layout_with_navigation_and_a_way_back(client, people):
    response = client.get("/finns-inte/", HTTP_REFERER="http://testserver/organ/")
    text = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="sv">' in text and "<h1>Sidan finns inte</h1>" in text
    assert 'aria-label="Huvudmeny"' in text  # the site's navigation
    assert 'href="http://testserver/organ/"' in text and "Tillbaka till sidan du kom från" in text
    assert f'href="{reverse("core:home")}"' in text and "/finns-inte/" in text


def test_404_way_back_ignores_other_sites(client, people):
    text = client.get("/finns-inte/", HTTP_REFERER="https://example.com/").content.decode()
    assert "example.com" not in text


def test_404_in_english(client, people):
    response = client.get("/finns-inte/", **ENGLISH)
    text = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in text and "Page not found" in text


def test_403_for_a_signed_in_user_says_why_and_where_to_go(client, contact_user, people):
    client.force_login(contact_user)
    response = client.get(reverse("core:audit"))
    text = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Du har inte behörighet till sidan</h1>" in text
    assert "Logga in som en annan användare" in text and 'aria-label="Huvudmeny"' in text


def test_403_for_a_visitor_sends_to_login_and_back():
    request = RequestFactory().get("/protokoll/7.pdf?x=1")
    request.user = AnonymousUser()
    response = views.permission_denied(request, PermissionDenied())
    assert response.status_code == 302
    assert response["Location"] == "/konto/logga-in/?next=/protokoll/7.pdf%3Fx%3D1"


def test_403_from_the_api_is_not_a_login_page():
    request = RequestFactory().get("/api/v1/something")
    request.user = AnonymousUser()
    assert views.permission_denied(request, PermissionDenied()).status_code == 403


def test_a_protected_document_sends_a_visitor_to_login_and_back(
    client, held_meeting, lead, members
):
    """The draft minutes (PDF) need a login: a visitor is sent to log in, then gets them."""
    meeting, items = held_meeting(date=dt.date.today() - dt.timedelta(days=3))
    meetings.decision_record(actor=lead, item=items[0], outcome="decided", text="Beslut.")
    minutes = meetings.minutes_generate(actor=lead, meeting=meeting)
    url = reverse("meetings:minutes_pdf", args=[minutes.pk])
    response = client.get(url)
    assert response.status_code == 302
    login = response["Location"]
    assert login == f"{reverse('accounts:login')}?next={url}"
    response = client.post(
        login, {"username": "funktionsledare", "password": "gits-demo-2026"}, follow=False
    )
    assert response.status_code == 302 and response["Location"] == url


def test_500_renders_without_database_or_context_processors(
    settings, django_assert_num_queries, people
):
    settings.ROOT_URLCONF = "tests.core.urls_crash"
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    response = client.get("/krasch/", HTTP_X_REQUEST_ID="abc123")
    text = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="sv">' in text and "<h1>Ett fel uppstod</h1>" in text
    assert "abc123" in text and f'href="{reverse("core:home")}"' in text
    english = client.get("/krasch/", **ENGLISH).content.decode()
    assert '<html lang="en">' in english and "An error occurred" in english


def test_403_says_why_when_the_refusal_does(lead):
    request = RequestFactory().get("/sammantraden/1/")
    request.user = lead
    response = views.permission_denied(request, PermissionDenied("Bara sekreteraren ser utkastet."))
    assert response.status_code == 403
    assert "Bara sekreteraren ser utkastet." in response.content.decode()
