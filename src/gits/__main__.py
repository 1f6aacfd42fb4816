"""The `gits` command: every Django management command plus the project's own.

Commands are written with hyphens (`gits load-defaults`, `gits import-population FILE`);
they map to the management commands of the same name with underscores.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gits.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "gits"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
