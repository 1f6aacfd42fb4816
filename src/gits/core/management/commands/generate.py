import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gits.data.generate import generate
from gits.data.scales import SCALES, totals


class Command(BaseCommand):
    help = (
        "Genererar en stor datamängd för mätningar (make bench) genom tjänsterna, med samma "
        "regler som riktiga data: tiny (för tester), region (ett samarbete under 20 år) eller "
        "nation (290 kommuner). Börjar från standard- och demodata i en tom databas."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="tiny", choices=sorted(SCALES))
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--archive",
            action="store_true",
            help="Rendera och försegla varje justerat protokolls PDF/A direkt (långsamt); "
            "annars görs det vid första nedladdningen.",
        )

    def handle(self, *args, **options):
        scale = options["scale"]
        quiet = options["verbosity"] == 0
        bars: dict[str, tqdm] = {}
        wanted = totals(SCALES[scale])

        def progress(label: str, step: int) -> None:
            if label not in bars:
                bars[label] = tqdm(
                    desc=label, total=wanted.get(label), unit="st", disable=True if quiet else None
                )
            bars[label].update(step)

        started = time.monotonic()
        try:
            timings = generate(
                scale, seed=options["seed"], progress=progress, archive=options["archive"]
            )
        except (ValueError, RuntimeError) as exc:
            raise CommandError(str(exc)) from exc
        finally:
            for bar in bars.values():
                bar.close()
        seconds = time.monotonic() - started
        self.stdout.write(", ".join(f"{step}: {s} s" for step, s in timings.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Genererade skalan {scale} (frö {options['seed']}) på {seconds:.1f} s."
            )
        )
