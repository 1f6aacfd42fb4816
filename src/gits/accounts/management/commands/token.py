from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gits.accounts.services import (
    DEFAULT_TOKEN_DAYS,
    token_by_prefix,
    token_create,
    token_revoke,
)
from gits.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "API-nycklar: `gits token create ANVÄNDARNAMN [--days N] [--name TEXT]` skriver ut en "
        "ny nyckel, `gits token list [ANVÄNDARNAMN]` visar nycklarna, `gits token revoke "
        "PREFIX` återkallar en."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Skapa en nyckel för en användare")
        create.add_argument("username")
        create.add_argument("--name", default="", help="Vad nyckeln används till")
        create.add_argument(
            "--days",
            type=int,
            default=DEFAULT_TOKEN_DAYS,
            help=f"Hur många dagar nyckeln gäller (standard {DEFAULT_TOKEN_DAYS})",
        )
        listing = sub.add_parser("list", help="Visa nycklarna (alla eller en användares)")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="Återkalla en nyckel")
        revoke.add_argument("prefix", help="Nyckelns början, som `list` visar den")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as err:
            raise CommandError(str(err.message)) from err

    def _user(self, username):
        User = get_user_model()
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"Ingen användare heter {username!r}.") from exc

    def _create(self, options):
        user = self._user(options["username"])
        token, raw = token_create(user=user, name=options["name"], days=options["days"])
        self.stdout.write(raw)
        expires = timezone.localtime(token.expires_at).strftime("%Y-%m-%d %H:%M")
        self.stderr.write(
            f"Använd den som: Authorization: Bearer <nyckeln>. Den visas bara nu. "
            f"Giltig till {expires}."
        )

    def _list(self, options):
        from gits.accounts.models import ApiToken

        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if options["username"]:
            tokens = tokens.filter(user=self._user(options["username"]))
        for t in tokens:
            if t.revoked_at:
                state = "återkallad " + timezone.localtime(t.revoked_at).strftime("%Y-%m-%d")
            elif t.expired:
                state = "har gått ut"
            else:
                state = "giltig"
            expires = timezone.localtime(t.expires_at).strftime("%Y-%m-%d")
            used = (
                timezone.localtime(t.last_used_at).strftime("%Y-%m-%d") if t.last_used_at else "–"
            )
            self.stdout.write(
                f"{t.shown_prefix}\t{t.user.get_username()}\t{t.name or '–'}\t"
                f"giltig till {expires}\tsenast använd {used}\t{state}"
            )

    def _revoke(self, options):
        token = token_revoke(actor=None, token=token_by_prefix(options["prefix"]))
        self.stdout.write(f"{token.shown_prefix} ({token.user.get_username()}) är återkallad.")
