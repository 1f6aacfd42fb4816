"""The documents GITS produces for SITIV, built from the system's data (see core.documents)."""

from __future__ import annotations

from importlib import import_module

from django.utils import timezone

from gits.core.documents import Document, Section
from gits.core.money import kr
from gits.meetings.models import Meeting
from gits.meetings.pdf import swedish_date
from gits.plans.models import (
    PLAN_SECTIONS,
    STATUS_FIELDS,
    ActivityPlan,
    ManagementPlan,
    QuarterlyReport,
    StatusReport,
)
from gits.plans.selectors import changes_since_approval, decisions_of_year, status_overview
from gits.portfolio.models import ManagedObject


def money(value) -> str:
    return kr(value)


def _plan_sections(doc: Document, plan: ManagementPlan, level: int = 1) -> None:
    facts = [
        ("Förvaltningsobjekt", plan.managed_object.name),
        ("År", str(plan.year)),
        ("Läge", str(plan.get_state_display())),
    ]
    if plan.approved_by_id:
        facts.append(("Godkänd genom", str(plan.approved_by)))
    facts.append(("Beslutad budget", money(plan.budget)))
    doc.section(
        f"Förvaltningsplan {plan.managed_object.name} {plan.year}" if level > 1 else "Översikt",
        level,
    ).facts(facts)
    for name, label in PLAN_SECTIONS:
        doc.section(str(label), level + (level > 1)).p(getattr(plan, name) or "–")
    resources = list(plan.resources.all())
    if resources:
        doc.section("Resurser", level + (level > 1)).table(
            ["Roll", "Område / aktiviteter", "Anställningsform", "Andel"],
            [
                [
                    r.role,
                    r.activities,
                    r.get_employment_form_display(),
                    str(r.fte).replace(".", ","),
                ]
                for r in resources
            ],
        )
    changes = changes_since_approval(plan)
    if changes:
        s = doc.section("Ändrat sedan godkännandet", level + (level > 1))
        for c in changes:
            s.p(f"{c.label}: tidigare ”{c.before}”, nu ”{c.after}”.")


def plan_document(plan: ManagementPlan) -> Document:
    doc = Document(
        title=f"Förvaltningsplan {plan.managed_object.name} {plan.year}",
        status=str(plan.get_state_display()),
        footer=f"Utskriven {timezone.localdate().isoformat()}",
    )
    _plan_sections(doc, plan)
    return doc


def _report_sections(doc: Document, report: StatusReport, level: int = 1) -> None:
    head = doc.section(
        f"Statusrapport {report.managed_object.name}" if level > 1 else "Statusrapport", level
    )
    head.facts(
        [
            ("Förvaltningsobjekt", report.managed_object.name),
            ("Datum", report.date.isoformat()),
            ("Ansvarig funktionskoordinator", report.coordinators),
            (
                "Inlämnad",
                timezone.localtime(report.submitted_at).strftime("%Y-%m-%d")
                if report.submitted_at
                else "ej inlämnad",
            ),
        ]
    )
    for name, label, _help in STATUS_FIELDS:
        doc.section(str(label), level + 1).p(getattr(report, name) or "–")


def status_report_document(report: StatusReport) -> Document:
    doc = Document(
        title=f"Statusrapport {report.managed_object.name}",
        subtitle=f"Till {report.meeting.body.short_name} {swedish_date(report.meeting.date.isoformat())}",
    )
    _report_sections(doc, report)
    return doc


def meeting_pack_document(meeting: Meeting) -> Document:
    """The pack (utskick): agenda with proposals, plans up for approval, every status report."""
    doc = Document(
        title=f"Utskick {meeting.body.short_name} {swedish_date(meeting.date.isoformat())}",
        subtitle=f"{meeting.body.name}. Sammanträde {swedish_date(meeting.date.isoformat())}"
        + (f" kl. {meeting.start_time.strftime('%H.%M')}" if meeting.start_time else "")
        + (f", {meeting.place}" if meeting.place else ""),
        status=f"Underlag senast {meeting.material_deadline.isoformat()}",
        toc=True,
        break_sections=True,
        footer=f"Sammanställt {timezone.localtime().strftime('%Y-%m-%d %H:%M')}",
    )
    agenda = doc.section("Dagordning")
    items = list(meeting.items.select_related("case").order_by("number"))
    agenda.table(
        ["§", "Ärende", "Diarienummer"],
        [[str(i.number), i.title, i.case.diary_number if i.case else ""] for i in items]
        or [["", "Dagordningen är tom.", ""]],
    )
    proposals = doc.section("Förslag till beslut")
    for item in items:
        proposals_item = doc.section(f"§ {item.number} {item.title}", 2)
        if item.case:
            proposals_item.p(item.case.description).p(item.case.preparation)
            proposals_item.note(f"Förslag till beslut: {item.case.proposal or '–'}")
    if not items:
        proposals.p("Inga ärenden.")
    plans = list(
        ManagementPlan.objects.filter(meeting=meeting)
        .select_related("managed_object", "approved_by")
        .prefetch_related("resources")
    )
    doc.section("Förvaltningsplaner för godkännande").p(
        ", ".join(f"{p.managed_object.name} {p.year}" for p in plans)
        if plans
        else "Inga förvaltningsplaner till detta sammanträde."
    )
    for plan in plans:
        _plan_sections(doc, plan, level=2)
    overview = status_overview(meeting)
    reports = doc.section("Statusrapporter")
    reports.table(
        ["Förvaltningsobjekt", "Status"],
        [[s.managed_object.name, str(s.label)] for s in overview]
        or [["–", "Inga objekt i förvaltning."]],
    )
    for status in overview:
        if status.report is not None and status.report.submitted_at is not None:
            _report_sections(doc, status.report, level=2)
    return doc


def quarterly_document(report: QuarterlyReport) -> Document:
    start, end = report.period
    doc = Document(
        title=f"Kvartalsrapport {report.year} kvartal {report.quarter}",
        subtitle=f"Period {start.isoformat()}–{end.isoformat()}. Funktionsledarens rapport till styrgruppen.",
        status="Publicerad" if report.published_at else "Utkast",
    )
    for name, label in (
        ("economy_staffing", "Ekonomi och bemanning"),
        ("objects_status", "Status per förvaltningsobjekt mot plan"),
        ("development", "Utvecklingsaktiviteter och projekt"),
        ("deviations", "Avvikelser"),
        ("goals", "Uppföljning av verksamhetsplanens mål"),
        ("other", "Övrigt som styrgruppen efterfrågat"),
    ):
        text = getattr(report, name)
        s = doc.section(label)
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            s.bullets(lines)
        else:
            s.p(text or "–")
    return doc


def annual_document(year: int) -> Document:
    """The annual activity report (R-21): decisions, objects, plans, goals and the financial
    statement (from the money capability when it provides one)."""
    doc = Document(title=f"Verksamhetsrapport {year}", subtitle="GITS och SITIV", toc=True)
    decisions = list(decisions_of_year(year))
    doc.section("Beslut under året").table(
        ["Sammanträde", "§", "Ärende", "Utfall", "Beslut"],
        [
            [
                f"{d.item.meeting.body.short_name} {d.item.meeting.date.isoformat()}",
                str(d.item.number),
                d.item.case.diary_number if d.item.case else d.item.title,
                str(d.get_outcome_display()),
                d.text,
            ]
            for d in decisions
        ]
        or [["–", "", "", "", "Inga beslut."]],
    )
    objects = list(ManagedObject.objects.order_by("name"))
    doc.section("Förvaltningsobjekt").table(
        ["Objekt", "Område", "Läge"],
        [[o.name, str(o.get_area_display()), str(o.get_state_display())] for o in objects]
        or [["–", "", ""]],
    )
    plans = list(
        ManagementPlan.objects.filter(year=year).select_related(
            "managed_object", "approved_by__item__meeting"
        )
    )
    doc.section("Förvaltningsplaner").table(
        ["Objekt", "Läge", "Budget"],
        [[p.managed_object.name, str(p.get_state_display()), money(p.budget)] for p in plans]
        or [["–", "", ""]],
    )
    goals = doc.section("Verksamhetsplanens mål")
    activity = ActivityPlan.objects.filter(year=year).first()
    if activity is None:
        goals.p("Ingen verksamhetsplan för året.")
    else:
        goals.table(
            ["Mål", "Typ", "Läge", "Kommentar"],
            [
                [g.text, str(g.get_horizon_display()), str(g.get_state_display()), g.comment]
                for g in activity.goals.all()
            ],
        )
    _financial_statement(doc.section("Ekonomisk redogörelse"), year, plans)
    return doc


def _financial_statement(section: Section, year: int, plans: list[ManagementPlan]) -> None:
    """Per budget line the budget, the recorded actual cost and the difference (R-21). A line
    without a recorded outcome shows "–", not 0; the totals say which lines they leave out."""
    try:
        financial_statement = import_module("gits.finance.selectors").financial_statement
    except (ImportError, AttributeError):  # without the money capability
        financial_statement = None
    statement = financial_statement(year) if financial_statement else None
    if statement is None:
        total = sum((p.budget for p in plans if p.budget is not None), start=0)
        section.p(
            f"Ingen budget registrerad för {year}. Beslutad budget enligt årets "
            f"förvaltningsplaner: {money(total)}."
        )
        return
    rows = [
        [r.name, money(r.budget), money(r.outcome), money(r.difference)] for r in statement.rows
    ]
    rows.append(
        [
            "Summa",
            money(statement.budget_total),
            money(statement.outcome_total),
            money(statement.difference_total),
        ]
    )
    section.table(["Post", "Budget", "Utfall", "Avvikelse (budget − utfall)"], rows)
    if statement.missing_outcome:
        section.p(
            "Utfall är inte registrerat för: "
            + ", ".join(statement.missing_outcome)
            + ". Summan av utfall och avvikelse avser bara raderna med registrerat utfall."
        )
    section.p(f"Fakturerat under året: {money(statement.invoiced)} (kreditnotor räknas negativt).")
