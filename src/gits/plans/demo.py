"""Demo: management plans for the 2025 objects and status reports for the autumn meetings,
drawn from seed 003, so that the pack for SITIV in September reads like the real material."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q

from gits.meetings.models import Decision, Meeting
from gits.plans import services
from gits.plans.models import ActivityPlan, Goal, ManagementPlan, PlanResource, StatusReport
from gits.portfolio.models import ManagedObject

E = PlanResource.EmploymentForm
SHVO_RESOURCES = [
    (
        "Funktionskoordinator, Teknik",
        "Teknik, utveckling, statistik, hemsida, info SAMSA, automation, kontakt system- och driftleverantörer, teknisk support, nyhetsbrev, test teknik, leder möten",
        E.PERMANENT,
        "1.00",
    ),
    (
        "Funktionskoordinator, systemförvaltning",
        "Beredning och planeringsledare, support, agil planering för IT, schemaläggning och mötesstruktur, behörigheter, systemadministration, test verksamhet",
        E.PERMANENT,
        "1.00",
    ),
    (
        "Funktionskoordinator, utbildning och support",
        "Utbildning, rapporter, leder möten, support verksamhet, kommunikation, kontakt med vårdsamverkan, uppföljning av utbildningsmaterial, kvalitetssäkring av processer",
        E.HALF_TIME,
        "0.50",
    ),
    (
        "Funktionskoordinator, tillfälliga uppdrag",
        "Samexistensuppdraget SAMSA/Millennium",
        E.PROJECT,
        "0.50",
    ),
    (
        "Funktionsledare",
        "Kommunikation, SITIV-kontakt, beredningsansvarig, ekonomi och budget, rapportering, avtalskontakt, samordnare för resurser inom SHVO",
        E.OTHER_UNIT,
        "0.20",
    ),
]

PLANS = {
    "SAMSA": {
        "relations": "Förvaltningen sker i samverkan med de sex delregionala vårdsamverkansområdena och SAMSA-gruppen som referensgrupp. Processägare är styrgruppen för samordnad hälsa, vård och omsorg (SHVO).",
        "responsibility_boundary": "Verksamheterna äger sina processer och sin information. GITS ansvarar för systemförvaltning, andra linjens support, utbildningsmaterial och leverantörskontakt.",
        "support_process": "Första linjens support ges av varje kommun och regionen. Ärenden som inte kan lösas lokalt går till förvaltargruppen som andra linje; leverantören är tredje linje.",
        "training_plans": "Grundutbildning för nya användare varje kvartal, webbinarier inför nya versioner och uppdaterat utbildningsmaterial.",
        "development_plan": "Fortsatt utvecklingsstrategi för SAMSA IT-tjänst; samexistens med Millennium; avveckling planeras först när ersättande systemstöd finns.",
        "operations_agreement": "Drift enligt avtal med driftleverantören, tillgänglighet 99,5 % dagtid.",
        "supplier_agreements": "Leverantörsavtal för SAMSA med förlängning ett år i taget.",
        "budget": Decimal("16000000.00"),
    },
    "Öppna data": {
        "relations": "Förvaltningsgrupp med representanter från kommunerna och regionen.",
        "responsibility_boundary": "GITS svarar för plattformen, licenser och fakturering; parterna för sina dataset.",
        "support_process": "Support via förvaltningsgruppen.",
        "training_plans": "Introduktion för nya publicerande organisationer.",
        "development_plan": "Säkerställa fakturering enligt avtal och överenskommelse för öppnadataplattformen.",
        "operations_agreement": "Plattform som tjänst.",
        "supplier_agreements": "Licensavtal via regionen.",
        "budget": Decimal("933000.00"),
    },
    "EHDV": {
        "relations": "Styrgrupp för Elevhälsodata Väst med kommunalförbunden.",
        "responsibility_boundary": "Skolorna äger informationen; GITS förvaltar databasen och anslutningarna.",
        "support_process": "Första linjen hos respektive huvudman, andra linjen GITS.",
        "training_plans": "Temaforum och konferenser.",
        "development_plan": "Utveckling och anslutning av nya verksamheter inom hela länet.",
        "operations_agreement": "Drift hos leverantör.",
        "supplier_agreements": "Avtal med systemleverantören.",
        "budget": Decimal("4600000.00"),
    },
}


def _object(key: str):
    return ManagedObject.objects.filter(Q(short_name__iexact=key) | Q(name__icontains=key)).first()


def load(today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    if ManagementPlan.objects.exists() or ActivityPlan.objects.exists():
        return
    admin = get_user_model().objects.get(username="admin")
    # The seeds' autumn: SITIV 19 September (material 9 September) and 5 December, last year.
    year = today.year - 1
    september = Meeting.objects.filter(
        body__short_name="SITIV", date__year=year, date__month=9
    ).first()
    december = Meeting.objects.filter(
        body__short_name="SITIV", date__year=year, date__month=12
    ).first()
    for key, data in PLANS.items():
        obj = _object(key)
        if obj is None:
            continue
        data = dict(data)
        plan = services.plan_create(
            actor=admin, managed_object=obj, year=year, budget=data.pop("budget"), **data
        )
        if key == "SAMSA":
            services.plan_resources_set(
                actor=admin,
                plan=plan,
                rows=[
                    {"role": r, "activities": a, "employment_form": e, "fte": f}
                    for r, a, e, f in SHVO_RESOURCES
                ],
            )
        if december is not None:
            nxt = services.plan_copy_to_next_year(actor=admin, plan=plan)
            services.plan_submit(actor=admin, plan=nxt, meeting=december)
        if september is not None:
            services.plan_submit(actor=admin, plan=plan, meeting=september)
    approval = (
        Decision.objects.filter(item__meeting=september, outcome="decided").first()
        if september
        else None
    )
    for plan in ManagementPlan.objects.filter(year=year, meeting=september):
        if approval is not None:
            services.plan_approve(actor=admin, plan=plan, decision=approval)
    samsa = ManagementPlan.objects.filter(year=year, managed_object=_object("SAMSA")).first()
    if samsa is not None and samsa.state == ManagementPlan.State.APPROVED:
        services.plan_update(
            actor=admin,
            plan=samsa,
            version=samsa.version,
            training_plans=samsa.training_plans
            + " Ny e-utbildning för kommunernas hemsjukvård under hösten.",
        )
    coordinator = (
        get_user_model().objects.filter(username="koordinator").select_related("person").first()
    )
    for meeting in (m for m in (september, december) if m is not None):
        reports = {
            "SAMSA": (
                "Samordnad informationsöverföring vid in- och utskrivning mellan slutenvård, primärvård och kommunal vård.",
                "- Ny version driftsatt i maj\n- Utbildningar genomförda för 240 användare\n- Statistik för första halvåret publicerad",
                "- Samexistens med Millennium kräver nya integrationer\n- Svårt att rekrytera teknisk koordinator",
                "- Förbereda samexistens\n- Uppdatera utbildningsmaterialet\n- Halvårsavstämning med delregionerna",
                "Prognos enligt budget 16 000 000 kr. En vakans, tillsatt tillfälligt med projektanställning.",
            ),
            "Öppna data": (
                "Länsgemensam plattform för publicering av öppna data.",
                "- 12 nya dataset publicerade",
                f"- Licenskostnaden ökar {year + 1}",
                "- Säkerställa fakturering enligt avtal",
                "Inom budget 933 000 kr.",
            ),
        }
        for key, (assignment, events, issues, planned, economy) in reports.items():
            obj = _object(key)
            if obj is None:
                continue
            report = services.status_report_save(
                actor=admin,
                managed_object=obj,
                meeting=meeting,
                submit=True,
                date=meeting.material_deadline - dt.timedelta(days=2),
                coordinators=str(coordinator.person)
                if coordinator and hasattr(coordinator, "person")
                else "Per Förlagsson",
                coordinator=getattr(coordinator, "person", None),
                assignment=assignment,
                events=events,
                issues=issues,
                planned=planned,
                economy=economy,
            )
            # Handed in on time, as the real material was (the demo is written afterwards).
            StatusReport.objects.filter(pk=report.pk).update(
                submitted_at=dt.datetime.combine(report.date, dt.time(15), tzinfo=dt.UTC)
            )
    if september is not None:
        services.pack_compile(actor=admin, meeting=september)
    activity = services.activity_plan_create(
        actor=admin,
        year=today.year,
        description="Verksamhetsplan för GITS, med långsiktiga mål från SITIV och kortsiktiga mål per område.",
    )
    services.goal_add(
        actor=admin,
        plan=activity,
        horizon=Goal.Horizon.LONG,
        area="SITIV",
        text="Långsiktiga mål formuleras av SITIV och utförs i samverkan med portföljstyrningen och Program Millennium.",
    )
    goals = [
        (
            "GITS övergripande",
            "Säkerställa fortsatt verksamhetsdriven förvaltning och utveckling i samverkan mellan regionen och kommunerna i länet.",
        ),
        (
            "GITS övergripande",
            "Säkerställa fakturering i enlighet med avtal och överenskommelse för öppnadataplattformen.",
        ),
        (
            "GITS övergripande",
            "Se över budgetkonstruktionen för SITHS och minska de årliga överskotten.",
        ),
        (
            "Samordnad hälsa, vård och omsorg",
            "Säkerställa genomförande av beslutad förvaltningsplan och fortsätta utvecklingsstrategin för SAMSA IT-tjänst.",
        ),
        (
            "Elevhälsodata Väst",
            "Förstärka teamet och finna stabil förvaltning och prioritering av utvecklingsbehov tillsammans med styrgruppen.",
        ),
    ]
    added = [
        services.goal_add(actor=admin, plan=activity, area=area, text=text) for area, text in goals
    ]
    services.goal_follow_up(
        actor=admin,
        goal=added[1],
        state=Goal.State.ACHIEVED,
        comment="Faktureringen följer avtalet sedan kvartal 2.",
    )
    services.goal_follow_up(
        actor=admin,
        goal=added[2],
        state=Goal.State.ONGOING,
        comment="Återbetalning av överskott utreds.",
    )
    quarter = (today.month - 1) // 3 or 1
    services.quarterly_draft(actor=admin, year=today.year, quarter=quarter)
