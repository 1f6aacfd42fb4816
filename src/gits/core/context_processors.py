from django.conf import settings
from django.urls import reverse
from django.utils import translation

from gits.core import navigation
from gits.core.permissions import can, role_names
from gits.core.privacy import show_contact_details


def language_choices() -> list[tuple[str, str]]:
    """Each language named in itself ("Svenska", "English"), whatever language the page is
    in: someone who cannot read the current language still finds their own."""
    choices = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            choices.append((code, str(name)))
    return choices


def site(request):
    user = request.user
    current = request.path
    entries = []
    for item in navigation.items():
        if item.login_required and not user.is_authenticated:
            continue
        if item.right and not can(user, item.right):
            continue
        url = reverse(item.url_name)
        active = current == url if url == "/" else current.startswith(url)
        entries.append({"label": item.label, "url": url, "active": active})
    return {
        "nav_items": entries,
        "user_roles": role_names(user),
        "language_choices": language_choices(),
        # The one rule for personal data (gits.core.privacy): contact details of people.
        "show_contact_details": show_contact_details(user),
    }
