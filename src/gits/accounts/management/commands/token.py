from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gits.accounts.services import token_create


class Command(BaseCommand):
    help = "API-nycklar: `gits token create USERNAME` skriver ut en ny nyckel."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Skapa en nyckel för en användare")
        create.add_argument("username")
        create.add_argument("--name", default="", help="Vad nyckeln används till")

    def handle(self, *args, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"Ingen användare heter {options['username']!r}.") from exc
        _, raw = token_create(user=user, name=options["name"])
        self.stdout.write(raw)
        self.stderr.write("Använd den som: Authorization: Bearer <nyckeln>. Den visas bara nu.")
