"""The layout on phone and desk: the language switch, the folding menu, tables that scroll
inside their own region."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "gits"


@pytest.mark.parametrize("cookie", ["sv", "en"])
def test_each_language_is_named_in_itself(client, people, cookie):
    text = client.get("/", HTTP_COOKIE=f"django_language={cookie}").content.decode()
    assert f'<html lang="{cookie}">' in text
    options = re.findall(r'<option value="(\w+)" lang="(\w+)"[^>]*>([^<]+)</option>', text)
    assert [(code, lang, name) for code, lang, name in options] == [
        ("sv", "sv", "Svenska"),
        ("en", "en", "English"),
    ]


def test_the_menu_has_a_toggle_that_is_hidden_without_javascript(client, people):
    text = client.get("/").content.decode()
    button = re.search(r"<button[^>]*data-menu-toggle[^>]*>", text).group(0)
    assert 'aria-expanded="true"' in button and 'aria-controls="main-nav-list"' in button
    assert " hidden" in button  # app.js shows it on narrow screens; without it the menu shows
    assert '<ul id="main-nav-list">' in text
    script = (PACKAGE / "core" / "static" / "gits" / "app.js").read_text()
    assert "data-menu-toggle" in script and "aria-expanded" in script


# Tables in a region of their own, wrapped on the server: tests/core/test_tables.py.
