"""The menu and language choices every page shows are worked out once (issue 15), with the
same result as before: each entry's address, the active entry, each language in itself."""

import pytest
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix
from django.utils import translation

from gits.core import context_processors, navigation

pytestmark = pytest.mark.django_db


def _site(path, user):
    request = RequestFactory().get(path)
    request.user = user
    return context_processors.site(request)


def test_menu_entries_have_their_addresses_and_the_active_one(admin_user):
    entries = _site("/organisationer/", admin_user)["nav_items"]
    assert [e["url"] for e in entries] == [reverse(i.url_name) for i in navigation.items()]
    assert [e["url"] for e in entries if e["active"]] == ["/organisationer/"]


def test_menu_follows_the_script_prefix(admin_user):
    try:
        set_script_prefix("/gits/")
        entries = _site("/gits/organisationer/", admin_user)["nav_items"]
        assert all(e["url"].startswith("/gits/") for e in entries)
    finally:
        set_script_prefix("/")
    assert not any(e["url"].startswith("/gits/") for e in _site("/", admin_user)["nav_items"])


def test_languages_are_named_in_themselves_whatever_the_page_language(admin_user):
    with translation.override("en"):
        english_page = _site("/", admin_user)["language_choices"]
    assert english_page == _site("/", admin_user)["language_choices"]
    assert ("sv", "Svenska") in english_page
