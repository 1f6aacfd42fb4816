"""What page tests read from an answer: a page shown, a form refused with the error beside a
field, the messages said, the way to the sign-in page."""

from django.contrib.messages import get_messages
from django.urls import reverse


def error_beside(page: str, field: str) -> str:
    """The error text shown beside a field."""
    start = page.index(f'<p class="error" id="id_{field}-error">')
    return page[start : page.index("</p>", start)]


def shown(client, url: str, data=None) -> str:
    """The page at `url` (with the query `data`) as the client sees it, answered with 200."""
    response = client.get(url, data)
    assert response.status_code == 200
    return response.content.decode()


def refused(response, field: str, message: str, status: int = 200) -> str:
    """A refused form's page: answered with `status`, the error summary at its top and
    `message` beside `field`. The page, for what else the test checks."""
    page = response.content.decode()
    assert response.status_code == status
    assert message in error_beside(page, field) and 'role="alert"' in page
    return page


def said(response) -> list[str]:
    """The messages the answer leaves for the next page."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def assert_sent_to_login(response, url: str | None = None) -> None:
    """Anonymous: to the sign-in page, coming back to `url` (where given) afterwards."""
    assert response.status_code == 302
    login = reverse("accounts:login")
    if url is None:
        assert response.url.startswith(f"{login}?next=")
    else:
        assert response.url == f"{login}?next={url}"
