from django.urls import reverse

from gits.core import navigation
from gits.core.permissions import can, role_names


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
    return {"nav_items": entries, "user_roles": role_names(user)}
