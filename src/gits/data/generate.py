"""`gits generate --scale NAME`: a large data set for measuring, built through the services.

Every domain row is written by the same service a person's form or the API calls
(`case_register`, `decision_record`, `minutes_sign`, `status_report_save`, `levy_run`, ...),
so every rule (R-n), version and audit entry is the one real data would have; nothing is
inserted that a service would refuse. Work is grouped into one transaction per batch, which
is what makes it fast enough (SQLite commits once per batch instead of once per row).

Two shortcuts, both in shapes the application already knows:
- A locked version of the minutes is signed by both signers through `minutes_sign`, but its
  sealed PDF/A is not rendered during generation (rendering is ~0.3 s each); the version is
  then stored like minutes locked before archiving existed, and `meetings.pdf.minutes_pdf`
  renders, seals and stores it once on its first download. `archive=True` renders them all.
- The bulk of the audit trail (up to a million entries) is successful logins of the
  generated accounts spread over the years, written with `bulk_create` in exactly the shape
  `accounts.login_audit` writes them.

The same seed gives the same names, numbers and texts (reproducible); dates are relative to
the current year like the demo data. Starts from the defaults and the demo data (its users
and their password are the demo's)."""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from gits.data.scales import FIRST, LAST, SCALES, WORDS, Scale

Progress = Callable[[str, int], None]


LOGIN_PATH = "/konto/logga-in/"
BATCH = 200


def _noop(label: str, step: int) -> None:
    pass


@contextmanager
def _without_archive(archive: bool) -> Iterator[None]:
    if archive:
        yield
        return
    with mock.patch("gits.meetings.services.minutes.archive_minutes", lambda minutes: (None, "")):
        yield


@contextmanager
def _batches(total: int) -> Iterator[Callable[[], None]]:
    """One transaction per BATCH steps: `tick()` after each step commits every BATCH."""
    state = {"n": 0, "atomic": transaction.atomic()}
    state["atomic"].__enter__()

    def tick() -> None:
        state["n"] += 1
        if state["n"] % BATCH == 0:
            state["atomic"].__exit__(None, None, None)
            state["atomic"] = transaction.atomic()
            state["atomic"].__enter__()

    try:
        yield tick
    except BaseException as exc:
        state["atomic"].__exit__(type(exc), exc, exc.__traceback__)
        raise
    else:
        state["atomic"].__exit__(None, None, None)


class Generator:
    def __init__(self, scale: Scale, seed: int, progress: Progress = _noop) -> None:
        from gits.bodies.models import Body
        from gits.organisations.models import Organisation

        self.scale, self.rng, self.progress = scale, random.Random(seed), progress
        User = get_user_model()
        self.admin = User.objects.get(username="admin")
        self.lead = User.objects.get(username="funktionsledare")
        self.sitiv = Body.objects.get(short_name="SITIV")
        self.region = Organisation.objects.get(kind=Organisation.Kind.REGION)
        self.association = Organisation.objects.get(kind=Organisation.Kind.ASSOCIATION)
        self.this_year = dt.date.today().year
        # History ends the year before the demo's first year (the demo has last year and this).
        self.first_year = self.this_year - 1 - scale.years
        self.years = list(range(self.first_year, self.this_year - 1))

    # --- names --------------------------------------------------------------------------

    def name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST), self.rng.choice(LAST)

    # --- parties ------------------------------------------------------------------------

    def nation_parties(self) -> None:
        """290 municipalities in all (generated names and SCB codes, each with a population
        figure) and the other regions. The register holds exactly one region (an
        organisation rule: one region per agreement), so the other regions are registered as
        "Annan organisation" named as regions."""
        from gits.organisations.models import Organisation
        from gits.organisations.services import organisation_create, population_record

        s = self.scale
        federations = list(Organisation.objects.filter(kind=Organisation.Kind.FEDERATION))
        used = set(Organisation.objects.exclude(scb_code="").values_list("scb_code", flat=True))
        codes = [f"{c:04d}" for c in range(100, 9999) if f"{c:04d}" not in used]
        with _batches(s.extra_municipalities + s.other_regions) as tick:
            for i in range(s.extra_municipalities):
                code = codes[i * 7]  # spread over the range, distinct
                stem = self.rng.choice(WORDS).capitalize()
                org = organisation_create(
                    actor=None,
                    check_right=False,
                    name=f"{stem}{LAST[i % len(LAST)].lower()} kommun {code}",
                    kind=Organisation.Kind.MUNICIPALITY,
                    scb_code=code,
                    federation=federations[i % len(federations)],
                )
                population_record(
                    actor=None,
                    check_right=False,
                    municipality=org,
                    reference_date=dt.date(self.this_year - 2, 12, 31),
                    population=self.rng.randint(2_500, 250_000),
                    source="Genererad (gits generate)",
                )
                self.progress("Kommuner och regioner", 1)
                tick()
            for i in range(s.other_regions):
                organisation_create(
                    actor=None,
                    check_right=False,
                    name=f"Region {FIRST[i % len(FIRST)]}land {i + 1} (genererad)",
                    kind=Organisation.Kind.OTHER,
                )
                self.progress("Kommuner och regioner", 1)
                tick()

    # --- people and SITIV through the years ---------------------------------------------

    def people_and_terms(self) -> None:
        """People on both sides, and SITIV's composition for every generated year: five seats
        per side (R-4), chair and vice chair for one calendar year from the sides the
        rotation gives (R-5). The chair and the vice chair of each year get an account (role
        SITIV member) so that they can sign the minutes (R-14)."""
        from gits.bodies.models import Membership
        from gits.bodies.rules import chair_side
        from gits.bodies.services import membership_add, person_create
        from gits.organisations.models import Organisation, Side

        municipalities = list(
            Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by("scb_code")
        )
        self.pool: dict[str, list[Any]] = {Side.REGION: [], Side.MUNICIPALITIES: []}
        with _batches(self.scale.people) as tick:
            for i in range(self.scale.people):
                side = Side.REGION if i % 2 == 0 else Side.MUNICIPALITIES
                org = (
                    self.region if side == Side.REGION else municipalities[i % len(municipalities)]
                )
                first, last = self.name()
                person = person_create(
                    actor=None,
                    check_right=False,
                    first_name=first,
                    last_name=f"{last} {i + 1}",
                    title="Förvaltningschef" if i % 3 else "Digitaliseringsstrateg",
                    organisation=org,
                    email=f"person{i + 1}@generated.invalid",
                )
                self.pool[side].append(person)
                self.progress("Personer", 1)
                tick()
        member = Group.objects.get_or_create(name="sitiv_member")[0]
        self.signers: dict[int, dict[str, Any]] = {}
        self.seated: dict[int, set[int]] = {}
        with _batches(len(self.years) * 10) as tick:
            for n, year in enumerate(self.years):
                chair = chair_side(self.sitiv, year) or Side.REGION
                term = (dt.date(year, 1, 1), dt.date(year, 12, 31))
                self.seated[year] = set()
                for side in (Side.REGION, Side.MUNICIPALITIES):
                    pool = self.pool[side]
                    # Four-year terms: the same five sit for four years, then the next five.
                    start = (n // 4) * 5
                    five = [pool[(start + k) % len(pool)] for k in range(5)]
                    lead_role = (
                        Membership.Role.CHAIR if side == chair else Membership.Role.VICE_CHAIR
                    )
                    for k, person in enumerate(five):
                        membership_add(
                            actor=None,
                            check_right=False,
                            body=self.sitiv,
                            person=person,
                            side=side,
                            role=lead_role if k == 0 else Membership.Role.MEMBER,
                            start_date=term[0],
                            end_date=term[1],
                        )
                        self.seated[year].add(person.pk)
                        tick()
                    self.signers.setdefault(year, {})[lead_role] = self._account(five[0], member)
                self.progress("Mandatperioder", 1)

    def _account(self, person: Any, group: Group) -> Any:
        if person.user_id is not None:
            return person.user
        User = get_user_model()
        user = User(
            username=f"gen-{person.pk}",
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(group)
        person.user = user
        person.save(update_fields=["user"])
        return user

    # --- objects ------------------------------------------------------------------------

    def objects(self) -> None:
        """Objects proposed, evaluated against the criteria (R-19), decided for co-management
        by a SITIV reference and put in management (R-18), with a system owner and a
        coordinator, a management plan, and every few a signed agreement."""
        from gits.plans.services import plan_create
        from gits.portfolio import services as p
        from gits.portfolio.models import Agreement, Criterion, ManagedObject, ObjectRole

        criteria = list(Criterion.objects.filter(active=True))
        areas = ManagedObject.Area.values
        horizons = ManagedObject.Horizon.values
        people = self.pool["region"]
        self.object_ids: list[int] = []
        self.object_year: dict[int, int] = {}
        with _batches(self.scale.objects) as tick:
            for i in range(self.scale.objects):
                year = self.years[i * len(self.years) // self.scale.objects]
                start = dt.date(year, 3, 1)
                word = self.rng.choice(WORDS)
                obj = p.object_propose(
                    actor=None,
                    check_right=False,
                    name=f"Gemensam {word} {i + 1}",
                    short_name=f"G{i + 1}",
                    area=areas[i % len(areas)],
                    horizon=horizons[i % len(horizons)],
                    description=f"Samförvaltat stöd för {word} (genererat).",
                )
                p.evaluation_record(
                    actor=None,
                    check_right=False,
                    managed_object=obj,
                    judgements=[
                        {"criterion_id": c.pk, "verdict": "met", "grounds": "Bedömt (genererat)."}
                        for c in criteria
                    ],
                    users_region=self.rng.randint(10, 5000),
                    users_municipalities=self.rng.randint(10, 9000),
                    recommend=True,
                    recommendation="Rekommenderas för samförvaltning.",
                    date=start - dt.timedelta(days=60),
                )
                for state, day in (
                    (ManagedObject.State.EVALUATED, start - dt.timedelta(days=50)),
                    (ManagedObject.State.CO_MANAGEMENT_DECIDED, start - dt.timedelta(days=30)),
                    (ManagedObject.State.IN_MANAGEMENT, start),
                ):
                    obj = p.object_move(
                        actor=None,
                        check_right=False,
                        managed_object=obj,
                        to_state=state,
                        decision_reference=f"SITIV {year}-{i % 40 + 1}",
                        date=day,
                    )
                for holder in (
                    {"role": ObjectRole.Role.SYSTEM_OWNER, "body": self.sitiv},
                    {"role": ObjectRole.Role.COORDINATOR, "person": people[i % len(people)]},
                ):
                    p.role_assign(
                        actor=None,
                        check_right=False,
                        managed_object=obj,
                        start_date=start,
                        **holder,
                    )
                plan_create(
                    actor=self.admin,
                    managed_object=obj,
                    year=self.this_year - 2,
                    budget=Decimal(self.rng.randint(50, 5000) * 1000),
                    relations="Förvaltningsgrupp med parterna.",
                    development_plan="Vidareutveckling enligt behov.",
                )
                if i % self.scale.agreement_every == 0:
                    agreement = p.agreement_create(
                        actor=None,
                        check_right=False,
                        parties=[self.region],
                        managed_object=obj,
                        kind=Agreement.Kind.SUPPLIER,
                        title=f"Leverantörsavtal {obj.short_name}",
                        counterparty=f"Leverantör {i % 37 + 1} AB (genererad)",
                        start_date=start,
                        first_end=dt.date(year + 2, 12, 31),
                        renewal_years=1,
                        notice_months=6,
                    )
                    p.agreement_sign(
                        actor=None,
                        check_right=False,
                        agreement=agreement,
                        party=self.region,
                        signer_name="Regiondirektör (genererad)",
                        signed_on=start - dt.timedelta(days=10),
                    )
                    p.agreement_sign(
                        actor=None,
                        check_right=False,
                        agreement=agreement,
                        counterparty=True,
                        signer_name="Leverantörens firmatecknare (genererad)",
                        signed_on=start - dt.timedelta(days=9),
                    )
                self.object_ids.append(obj.pk)
                self.object_year[obj.pk] = year
                self.progress("Objekt", 1)
                tick()

    # --- meetings -----------------------------------------------------------------------

    def meetings(self) -> None:
        """For each year, SITIV's meetings: planned, cases registered and prepared by the
        preparation group (R-7, R-10), put on the agenda, attendance (R-13), decisions in
        consensus (R-11), minutes drawn and signed by the one who presided and the vice
        chair from the other side (R-14), which publishes the decisions (R-17); before each,
        status reports for it (R-16)."""
        from gits.bodies.models import Body, Membership
        from gits.meetings import services as m
        from gits.plans.services import status_report_save
        from gits.portfolio.models import ManagedObject

        prep = {
            x.side: x.person
            for x in Body.objects.get(short_name="Beredningsgruppen").memberships.all()
        }
        objects = list(ManagedObject.objects.filter(pk__in=self.object_ids).order_by("pk"))
        s = self.scale
        per_year = s.meetings_per_year
        with _batches(len(self.years) * per_year) as tick:
            for year in self.years:
                for k in range(per_year):
                    date = dt.date(year, 1, 12) + dt.timedelta(days=k * 340 // per_year)
                    meeting = m.meeting_plan(
                        actor=self.admin,
                        body=self.sitiv,
                        date=date,
                        start_time=dt.time(9, 30),
                        end_time=dt.time(12, 0),
                        place="Regionens hus (genererat)",
                    )
                    # Objects in management by then (at least the first few).
                    in_use = [o for o in objects if self.object_year[o.pk] <= year] or objects
                    for r in range(min(s.reports_per_meeting, len(in_use))):
                        obj = in_use[(k * s.reports_per_meeting + r) % len(in_use)]
                        status_report_save(
                            actor=self.admin,
                            managed_object=obj,
                            meeting=meeting,
                            submit=True,
                            date=meeting.material_deadline - dt.timedelta(days=2),
                            coordinators="Förvaltningens koordinator (genererad)",
                            assignment=f"Förvaltning av {obj.name}.",
                            events="- Ny version driftsatt\n- Utbildning genomförd",
                            issues="- Inga större problem",
                            planned="- Fortsatt förvaltning",
                            economy="Inom budget.",
                        )
                        self.progress("Statusrapporter", 1)
                    items = []
                    for c in range(s.cases_per_meeting):
                        case = m.case_register(
                            actor=self.admin,
                            body=self.sitiv,
                            title=f"{self.rng.choice(WORDS).capitalize()}: beslut {year}-{k + 1}-{c + 1}",
                            proposal="SITIV beslutar i enlighet med beredningens förslag.",
                            managed_object=objects[(k + c) % len(objects)] if objects else None,
                            today=date - dt.timedelta(days=30),
                        )
                        case = m.case_update(
                            actor=self.admin,
                            case=case,
                            version=case.version,
                            preparer_region=prep.get("region"),
                            preparer_municipalities=prep.get("municipalities"),
                        )
                        m.case_move(actor=self.admin, case=case, to_state="in_preparation")
                        case = m.case_move(actor=self.admin, case=case, to_state="prepared")
                        items.append(m.agenda_add(actor=self.admin, meeting=meeting, case=case))
                    m.attendance_record(
                        actor=self.admin, meeting=meeting, present=self.seated[year]
                    )
                    for item in items:
                        m.decision_record(actor=self.admin, item=item, outcome="decided")
                        self.progress("Ärenden och beslut", 1)
                    minutes = m.minutes_generate(actor=self.admin, meeting=meeting)
                    m.minutes_sign(actor=self.signers[year][Membership.Role.CHAIR], minutes=minutes)
                    m.minutes_sign(
                        actor=self.signers[year][Membership.Role.VICE_CHAIR], minutes=minutes
                    )
                    self.progress("Sammanträden", 1)
                    tick()

    # --- money --------------------------------------------------------------------------

    def invoices(self) -> None:
        """A levy per inhabitant (R-2, R-22) invoiced to every municipality for each quarter
        of the invoice years and once for the year, numbered without gaps (R-25)."""
        from gits.finance.services import levy_run

        first = self.this_year - 1 - self.scale.invoice_years
        for year in range(first, self.this_year - 1):
            for quarter in (1, 2, 3, 4, 0):
                with transaction.atomic():
                    levy_run(
                        actor=self.lead,
                        title=f"Avgift per invånare {year}" + (f" kv {quarter}" if quarter else ""),
                        rate=Decimal("1.25") if quarter else Decimal("0.50"),
                        year=year,
                        quarter=quarter,
                        reference_date=dt.date(self.this_year - 2, 12, 31),
                        accept_earlier=True,
                        reference=f"GEN-{year}-{quarter}",
                        today=dt.date(year, 3 * max(quarter, 1), 1),
                    )
                self.progress("Fakturor (körningar)", 1)

    # --- the audit trail ----------------------------------------------------------------

    def audit_fill(self) -> None:
        """Logins of the generated and demo accounts over the years, in the shape
        `accounts.login_audit` writes, up to the scale's total of audit entries."""
        from gits.core.models import AuditEntry

        missing = self.scale.audit_total - AuditEntry.objects.count()
        if missing <= 0:
            return
        users = list(get_user_model().objects.order_by("pk"))
        field = AuditEntry._meta.get_field("created_at")
        start = dt.datetime(self.first_year, 1, 1, 7, tzinfo=dt.UTC)
        span = (dt.datetime(self.this_year - 1, 1, 1, tzinfo=dt.UTC) - start).total_seconds()
        step = span / missing
        batch = 5_000
        field.auto_now_add = False  # the entries are dated over the years
        try:
            for offset in range(0, missing, batch):
                rows = []
                for n in range(offset, min(offset + batch, missing)):
                    user = users[self.rng.randrange(len(users))]
                    rows.append(
                        AuditEntry(
                            action="accounts.login.succeeded",
                            object_type="auth.user",
                            object_id=str(user.pk),
                            object_repr=str(user)[:300],
                            actor=user,
                            actor_name=user.get_username(),
                            changes={
                                "ip_address": f"10.{n % 200}.{n // 200 % 250}.{self.rng.randint(1, 254)}",
                                "path": LOGIN_PATH,
                            },
                            created_at=start + dt.timedelta(seconds=n * step),
                        )
                    )
                with transaction.atomic():
                    AuditEntry.objects.bulk_create(rows, batch_size=1_000)
                self.progress("Historikposter", len(rows))
        finally:
            field.auto_now_add = True

    def run(self, *, archive: bool = False) -> None:
        steps = [self.people_and_terms, self.objects, self.meetings, self.invoices, self.audit_fill]
        if self.scale.extra_municipalities or self.scale.other_regions:
            steps.insert(0, self.nation_parties)
        self.timings: dict[str, float] = {}
        with _without_archive(archive):
            for step in steps:
                started = time.monotonic()
                step()
                self.timings[step.__name__] = round(time.monotonic() - started, 1)


def generate(
    name: str, *, seed: int = 1, progress: Progress = _noop, archive: bool = False
) -> dict[str, float]:
    """Load the defaults and the demo, then generate the scale's data on top. Refuses to run
    twice on the same database (the generated rows are not idempotent). Returns the seconds
    each step took."""
    from django.core.management import call_command

    from gits.bodies.models import Person

    if name not in SCALES:
        raise ValueError(f"Okänd skala {name!r}; välj {', '.join(SCALES)}.")
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    if Person.objects.filter(email__endswith="@generated.invalid").exists():
        raise RuntimeError("Databasen har redan genererade data; börja från en tom databas.")
    generator = Generator(SCALES[name], seed, progress)
    generator.run(archive=archive)
    analyze()
    return generator.timings


def analyze() -> None:
    """Fresh planner statistics after a bulk load: without them SQLite's planner does not
    know that the list indexes fit and sorts whole tables (PostgreSQL's autovacuum would catch
    up later; this is at once)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
