from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import translation

from gits.core import navigation
from gits.core.permissions import can, role_names
from gits.core.privacy import show_contact_details


def language_choices() -> list[tuple[str, str]]:
    """Each language named in itself ("Svenska", "English"), whatever language the page is
    in: someone who cannot read the current language still finds their own."""
    return list(_language_choices(tuple(settings.LANGUAGES)))


@lru_cache(maxsize=8)
def _language_choices(languages: tuple[tuple[str, Any], ...]) -> tuple[tuple[str, str], ...]:
    # Every page shows the menu: the names are worked out once, not per request.
    choices = []
    for code, name in languages:
        with translation.override(code):
            choices.append((code, str(name)))
    return tuple(choices)


@lru_cache(maxsize=256)
def _url(url_name: str, prefix: str) -> str:
    """A menu entry's address (the URLs are fixed once loaded; the script prefix is part of
    the key, so a site served under a sub-path gets its own)."""
    return reverse(url_name)


@receiver(setting_changed)
def _forget_urls(*, setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":  # tests that serve another URL configuration
        _url.cache_clear()


def site(request):
    user = request.user
    current = request.path
    prefix = get_script_prefix()
    entries = []
    for item in navigation.items():
        if item.login_required and not user.is_authenticated:
            continue
        if item.right and not can(user, item.right):
            continue
        url = _url(item.url_name, prefix)
        active = current == url if url == "/" else current.startswith(url)
        entries.append({"label": item.label, "url": url, "active": active})
    return {
        "nav_items": entries,
        "user_roles": role_names(user),
        "language_choices": language_choices(),
        # The one rule for personal data (gits.core.privacy): contact details of people.
        "show_contact_details": show_contact_details(user),
    }
