from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db.models import Q


def command_user(username: str | None):
    """The user a command acts as: the named one, or the first administrator."""
    User = get_user_model()
    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Användaren {username} finns inte.")
        return user
    user = (
        User.objects.filter(Q(is_superuser=True) | Q(groups__name="admin"), is_active=True)
        .order_by("pk")
        .first()
    )
    if user is None:
        raise CommandError("Ingen administratör finns; ange --user.")
    return user
