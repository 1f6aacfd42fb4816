from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gits.core.progress import cli_progress


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


class ActingCommand(BaseCommand):
    """A finance command that writes as a user (--user, or the first administrator) and
    shows its progress on the command line."""

    user_help = "Användaren som ändringen registreras på"

    def add_arguments(self, parser):
        parser.add_argument("--user", help=self.user_help)

    def acting_user(self, options):
        return command_user(options["user"])

    def progress(self, description: str, options):
        return cli_progress(description, disable=options["verbosity"] == 0)
