"""The sizes `gits generate` builds (`tiny` for tests up to `nation`), the words its names
are made of, and what its progress bars count to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """A size to generate; the defaults are `region`, the size the application is built for."""

    years: int = 20  # years of history generated before the demo's last year and this year
    meetings_per_year: int = 40  # SITIV meetings per year, each with signed minutes
    cases_per_meeting: int = 10  # cases decided per meeting
    objects: int = 1_000  # managed objects in management, with roles; a plan for each
    agreement_every: int = 5  # one signed agreement per this many objects
    reports_per_meeting: int = 38  # status reports submitted for each meeting
    people: int = 500  # generated people (members, coordinators)
    invoice_years: int = 20  # years with a levy per inhabitant invoiced per quarter and per year
    audit_total: int = 1_000_000  # audit entries in all (the rest filled with login entries)
    extra_municipalities: int = 0  # generated municipalities beyond the default region's
    other_regions: int = 0  # other regions (as "annan organisation"; see `_nation_parties`)


SCALES: dict[str, Scale] = {
    "tiny": Scale(
        years=2,
        meetings_per_year=2,
        cases_per_meeting=3,
        objects=6,
        agreement_every=3,
        reports_per_meeting=3,
        people=30,
        invoice_years=1,
        audit_total=3_000,
    ),
    # A tenth of `region` over the same twenty years: a middle point between tiny and region
    # that generates in minutes (~80 meetings, ~800 decisions, 3,000 reports, 100,000 entries).
    "small": Scale(
        meetings_per_year=4, objects=100, people=50, invoice_years=2, audit_total=100_000
    ),
    # One collaboration over twenty years: ~800 meetings, ~8,000 cases and decisions,
    # 1,000 objects, ~30,000 status reports, ~5,000 invoices, 500 people, 1,000,000 entries.
    "region": Scale(),
    # The same shape with 21 regions and 290 municipalities as parties.
    "nation": Scale(extra_municipalities=290 - 49, other_regions=20),
}

FIRST = [
    "Anna",
    "Bo",
    "Cajsa",
    "Dan",
    "Elin",
    "Filip",
    "Greta",
    "Hugo",
    "Ida",
    "Jonas",
    "Klara",
    "Leo",
    "Maja",
    "Nils",
    "Olga",
    "Pål",
    "Rakel",
    "Sam",
    "Tova",
    "Ulf",
    "Vera",
    "Axel",
    "Berit",
    "Carl",
]
LAST = [
    "Provsson",
    "Exempelgren",
    "Fiktivlund",
    "Skisström",
    "Modellberg",
    "Ritmark",
    "Utkastby",
    "Testhed",
    "Låtsaslid",
    "Påhittvik",
    "Demoås",
    "Attrappfors",
]
WORDS = [
    "journal",
    "vård",
    "skola",
    "plattform",
    "e-tjänst",
    "integration",
    "arkiv",
    "statistik",
    "hjälpmedel",
    "bokning",
    "portal",
    "katalog",
]


def totals(scale: Scale) -> dict[str, int]:
    """What the progress bars count to, per step."""
    meetings = scale.years * scale.meetings_per_year
    return {
        "Kommuner och regioner": scale.extra_municipalities + scale.other_regions,
        "Personer": scale.people,
        "Mandatperioder": scale.years,
        "Objekt": scale.objects,
        "Sammanträden": meetings,
        "Ärenden och beslut": meetings * scale.cases_per_meeting,
        "Statusrapporter": meetings * min(scale.reports_per_meeting, scale.objects),
        "Fakturor (körningar)": scale.invoice_years * 5,
        "Historikposter": scale.audit_total,
    }
