"""Bases for `gits` commands that write: acting as a user (--user, or the first
administrator), with a progress bar, and reading a file all or nothing.

The bases add their own arguments (FILE, --user); a command's `add_arguments` adds only its
own. A file command says what its bar is called (`progress_label`) and does its work in
`read`, which returns the line to report. A refusal (`DomainError`) becomes a
`CommandError`: the problems of a rejected file are written one a line to stderr, and
nothing is written to the database."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gits.core.errors import DomainError
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


class ProgressCommand(BaseCommand):
    """A command with a progress bar on the command line (none with --verbosity 0)."""

    def progress(self, description: str, options):
        return cli_progress(description, disable=options["verbosity"] == 0)


class ActingCommand(ProgressCommand):
    """A command that writes as a user: --user, or the first administrator."""

    user_help = "Användaren som körningen registreras på (standard: första administratören)"

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("--user", help=self.user_help)
        return parser

    def acting_user(self, options):
        return command_user(options["user"])


class FileCommand(ProgressCommand):
    """A command that reads FILE all or nothing under a progress bar called `progress_label`."""

    progress_label = ""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("file", type=Path)
        return parser

    def read(self, file: Path, options, progress) -> str:
        """Do the work; return what to report when it is done."""
        raise NotImplementedError

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"Filen {file} finns inte.")
        try:
            with self.progress(self.progress_label, options) as progress:
                done = self.read(file, options, progress)
        except DomainError as err:
            problems = getattr(err, "problems", ())
            for problem in problems:
                self.stderr.write(str(problem))
            if problems:
                raise CommandError(f"Inget importerades: {len(problems)} fel i filen.") from err
            raise CommandError(str(err.message)) from err
        self.stdout.write(self.style.SUCCESS(done))


class ImportCommand(FileCommand, ActingCommand):
    """A file command that imports as a user."""

    user_help = "Användaren som importen registreras på (standard: första administratören)"
