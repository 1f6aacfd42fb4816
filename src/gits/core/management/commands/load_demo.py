from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from gits.data.demo import DEMO_PASSWORD, load_demo
from gits.data.loader import load_defaults


def app_demo_loaders():
    """Each domain app may have a `demo.py` with `load()`; they run in app order, after the
    people and bodies, so later capabilities add their demo data without touching this file."""
    for config in apps.get_app_configs():
        if config.name.startswith("gits.") and find_spec(f"{config.name}.demo"):
            module = import_module(f"{config.name}.demo")
            if hasattr(module, "load"):
                yield config.label, module.load


class Command(BaseCommand):
    help = "Läser in demodata (påhittade personer, SITIV med ledamöter, demoanvändare m.m.)."

    def handle(self, *args, **options):
        load_defaults()
        with transaction.atomic():
            created = load_demo()
            for label, load in app_demo_loaders():
                load()
                if options["verbosity"] > 1:
                    self.stdout.write(f"Demodata för {label} inläst.")
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demodata inläst ({created} personer)."))
        else:
            self.stdout.write("Demodata fanns redan; inget ändrades.")
        self.stdout.write(
            f"Demo-inloggning: admin / {DEMO_PASSWORD} (även funktionsledare, koordinator, "
            f"ledamot, ledamot-region, kommunkontakt med samma lösenord; se README, Demoanvändare)"
        )
