"""The built-in sources of "Mitt arbete" (core/mywork.py), one function a kind of work.

They read the domain apps' models and selectors read-only, imported inside each function so
that core imports no domain app at load time. Each runs a fixed number of queries (the
minutes source at most a few per draft awaiting signature, and looks at five at most), so the
start page stays bounded however much data there is. An app that wants to own its source
registers one with the same key from its AppConfig.ready(); it replaces the one here."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gits.core.errors import DomainError
from gits.core.mywork import Link, Viewer, WorkItem, WorkSource, register, sources

MINUTES_LOOKED_AT = 5
MEETINGS_AHEAD = 2  # status reports are listed for the next two steering-group meetings
NOTICE_MONTHS = 6  # agreements whose last day of notice is this near


def _active_on(today: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    )


# --- minutes to sign (R-14) -------------------------------------------------------------------


def minutes_to_sign(v: Viewer) -> list[WorkItem] | None:
    """The latest version of each meeting's minutes that the person may still sign: asked of
    the minutes service's own rule, so who signs is decided in one place."""
    if v.person is None or not v.can("meetings.minutes:sign"):
        return None
    from gits.meetings.models import Minutes
    from gits.meetings.services.minutes import _signs_as

    person = v.person
    later = Minutes.objects.filter(meeting=OuterRef("meeting"), version__gt=OuterRef("version"))
    drafts = (
        Minutes.objects.filter(signed_at__isnull=True)
        .filter(~Exists(later))
        .filter(
            Q(meeting__chair=person)
            | Q(meeting__attendance__person=person, meeting__attendance__present=True)
        )
    )
    if any(f.name == "withdrawn_at" for f in Minutes._meta.get_fields()):
        drafts = drafts.filter(withdrawn_at__isnull=True)
    drafts = (
        drafts.distinct()
        .select_related("meeting__body")
        .defer("content")
        .order_by("-meeting__date")[:MINUTES_LOOKED_AT]
    )
    items = []
    for minutes in drafts:
        try:
            capacity, _side = _signs_as(minutes, person)
        except DomainError:
            continue
        meeting = minutes.meeting
        items.append(
            WorkItem(
                title=_("Protokoll från %(body)s %(date)s")
                % {"body": meeting.body.short_name, "date": meeting.date.isoformat()},
                url=reverse("meetings:meeting", args=[meeting.pk]),
                date=meeting.date,
                deadline=False,
                date_label=_("sammanträdet"),
                detail=_("Du justerar som %(capacity)s.") % {"capacity": _capacity_label(capacity)},
            )
        )
    return items


def _capacity_label(capacity: str) -> str:
    from gits.meetings.models import Signature

    return str(Signature.Capacity(capacity).label).lower()


# --- status reports (R-16) --------------------------------------------------------------------


def status_reports_due(v: Viewer) -> list[WorkItem] | None:
    """The status reports of the objects the person coordinates, not yet handed in, for the
    next steering-group meetings: due on each meeting's material deadline. Four queries."""
    if v.person is None:
        return None
    from gits.bodies.models import Body
    from gits.meetings.models import Meeting
    from gits.plans.models import StatusReport
    from gits.plans.selectors import REPORTING_STATES
    from gits.portfolio.models import ManagedObject, ObjectRole

    objects = list(
        ManagedObject.objects.filter(
            Q(state__in=REPORTING_STATES)
            & Q(roles__role=ObjectRole.Role.COORDINATOR, roles__person=v.person)
            & _active_on(v.today, "roles__")
        )
        .distinct()
        .order_by("name")
    )
    if not objects:
        return [] if v.can("plans.status:write") else None
    meetings = list(
        Meeting.objects.filter(date__gte=v.today, body__kind=Body.Kind.STEERING_GROUP)
        .select_related("body")
        .order_by("date", "start_time")[:MEETINGS_AHEAD]
    )
    reports = {
        (r.meeting_id, r.managed_object_id): r
        for r in StatusReport.objects.filter(meeting__in=meetings, managed_object__in=objects).only(
            "id", "meeting_id", "managed_object_id", "submitted_at"
        )
    }
    items = []
    for meeting in meetings:
        for obj in objects:
            report = reports.get((meeting.pk, obj.pk))
            if report is not None and report.submitted_at is not None:
                continue
            items.append(
                WorkItem(
                    title=_("Statusrapport %(object)s till %(meeting)s")
                    % {"object": obj.short_name or obj.name, "meeting": meeting},
                    url=reverse("plans:status_report", args=[meeting.pk, obj.pk]),
                    date=meeting.material_deadline,
                    detail=_("Utkastet är sparat men inte inlämnat.")
                    if report is not None
                    else _("Inte påbörjad."),
                )
            )
    return items


# --- the next meeting, its material deadline and pack -----------------------------------------


def next_meetings(v: Viewer) -> list[WorkItem] | None:
    """The next meeting of each body the person sits in (of every body, for those who plan
    meetings), with its material deadline and the latest compiled pack. Two queries."""
    plans_meetings = v.can("meetings.meeting:change")
    if not v.body_ids and not plans_meetings:
        return None
    from gits.meetings.models import Meeting
    from gits.plans.models import MeetingPack

    qs = Meeting.objects.filter(date__gte=v.today).select_related("body")
    if not plans_meetings:
        qs = qs.filter(body_id__in=v.body_ids)
    first: dict[int, Meeting] = {}
    for meeting in qs.order_by("date", "start_time")[:50]:
        first.setdefault(meeting.body_id, meeting)
    packs = {
        p.meeting_id: p
        for p in MeetingPack.objects.filter(meeting__in=list(first.values()))
        .only("id", "meeting_id", "compiled_at")
        .order_by("compiled_at")
    }
    items = []
    for meeting in first.values():
        deadline = meeting.material_deadline
        pack = packs.get(meeting.pk)
        links = (Link(_("Utskicket (PDF)"), reverse("plans:pack", args=[pack.pk])),) if pack else ()
        detail = _("Underlag senast %(date)s.") % {"date": deadline.isoformat()}
        if pack is None:
            detail += " " + _("Utskicket är inte sammanställt än.")
        items.append(
            WorkItem(
                title=_("Sammanträde %(meeting)s") % {"meeting": meeting},
                url=reverse("meetings:meeting", args=[meeting.pk]),
                date=meeting.date,
                deadline=False,
                date_label=_("sammanträdet"),
                detail=detail,
                links=links,
            )
        )
    return items


# --- what is missing for the next meeting (the secretary) -------------------------------------


def missing_for_next_meeting(v: Viewer) -> list[WorkItem] | None:
    """For those who plan meetings: what the steering group's next meeting still lacks —
    a meeting at all, a chair on the day, an agenda, status reports, the pack."""
    if not v.can("meetings.meeting:change"):
        return None
    from gits.bodies.models import Body
    from gits.bodies.selectors import body_composition
    from gits.meetings.models import Meeting
    from gits.plans.models import MeetingPack, StatusReport
    from gits.plans.selectors import REPORTING_STATES
    from gits.portfolio.models import ManagedObject

    meeting = (
        Meeting.objects.filter(date__gte=v.today, body__kind=Body.Kind.STEERING_GROUP)
        .select_related("body")
        .order_by("date", "start_time")
        .first()
    )
    if meeting is None:
        return [
            WorkItem(
                title=_("Inget sammanträde i styrgruppen är planerat"),
                url=reverse("meetings:meeting_create"),
                date=v.today,
                deadline=False,
                date_label=_("i dag"),
                detail=_("Planera nästa sammanträde."),
            )
        ]
    deadline = meeting.material_deadline
    page = reverse("meetings:meeting", args=[meeting.pk])
    overview = reverse("plans:status_overview", args=[meeting.pk])
    items = []

    def missing(title: str, url: str, detail: str = "") -> None:
        items.append(WorkItem(title=title, url=url, date=deadline, detail=detail))

    composition = body_composition(meeting.body, meeting.date)
    if composition.chair is None and meeting.chair_id is None:
        missing(
            _("%(meeting)s: ingen ordförande") % {"meeting": meeting},
            reverse("bodies:detail", args=[meeting.body_id]),
            _("%(body)s har ingen ordförande på sammanträdesdagen.")
            % {"body": meeting.body.short_name},
        )
    if not meeting.items.exists():
        missing(_("%(meeting)s: dagordningen är tom") % {"meeting": meeting}, page)
    # Counted in the database: the objects `expected_objects` lists (those in a reporting
    # state) without a submitted report for the meeting, not one row per object read.
    lacking = (
        ManagedObject.objects.filter(state__in=REPORTING_STATES)
        .exclude(
            Exists(
                StatusReport.objects.filter(
                    meeting=meeting, managed_object=OuterRef("pk"), submitted_at__isnull=False
                )
            )
        )
        .count()
    )
    if lacking:
        missing(
            ngettext(
                "%(meeting)s: %(n)s statusrapport saknas",
                "%(meeting)s: %(n)s statusrapporter saknas",
                lacking,
            )
            % {"meeting": meeting, "n": lacking},
            overview,
        )
    if not MeetingPack.objects.filter(meeting=meeting).exists():
        missing(
            _("%(meeting)s: utskicket är inte sammanställt") % {"meeting": meeting},
            overview,
            _("Sammanställs automatiskt dagen efter underlagsdagen, eller av dig när allt är in."),
        )
    return items


# --- assignments from decisions ---------------------------------------------------------------


def assignments_due(v: Viewer) -> list[WorkItem] | None:
    """Assignments given by decisions to the person or a body the person sits in, not yet
    reported back, by due date. One query (two with the person's bodies)."""
    if v.person is None:
        return None
    from gits.meetings.models import Assignment

    qs = (
        Assignment.objects.filter(reported_at__isnull=True)
        .filter(Q(assignee_person=v.person) | Q(assignee_body_id__in=v.body_ids))
        .select_related("decision__item__meeting__body", "assignee_body", "assignee_person")
        .order_by("due_date")[:20]
    )
    items = []
    for a in qs:
        item = a.decision.item
        text = a.description.strip().splitlines()[0] if a.description.strip() else ""
        items.append(
            WorkItem(
                title=text if len(text) <= 90 else text[:89] + "…",
                url=reverse("meetings:decision", args=[a.decision_id]),
                date=a.due_date,
                detail=_("Från beslut i %(body)s %(date)s § %(n)s, till %(to)s.")
                % {
                    "body": item.meeting.body.short_name,
                    "date": item.meeting.date.isoformat(),
                    "n": item.number,
                    "to": a.assignee,
                },
            )
        )
    return items


# --- agreements whose notice day is near (R-27) -----------------------------------------------


def agreement_notices(v: Viewer) -> list[WorkItem] | None:
    """Agreements whose last day of notice falls within six months: all of them for those
    who manage agreements, else those of the objects the person owns, manages or
    coordinates. Two queries (the roles, then `notice_due`: one)."""
    from gits.portfolio.models import ObjectRole
    from gits.portfolio.selectors import notice_due

    manages = v.can("portfolio.agreement:change")
    object_ids: set[int] = set()
    if v.person is not None:
        object_ids = set(
            ObjectRole.objects.filter(
                _active_on(v.today),
                person=v.person,
                role__in=[
                    ObjectRole.Role.SYSTEM_OWNER,
                    ObjectRole.Role.SYSTEM_MANAGER,
                    ObjectRole.Role.COORDINATOR,
                ],
            ).values_list("managed_object_id", flat=True)
        )
    if not manages and not object_ids:
        return None
    items = []
    for s in notice_due(NOTICE_MONTHS, v.today):
        agreement, status = s.agreement, s.status
        if not manages and agreement.managed_object_id not in object_ids:
            continue
        if status is None or status.earliest_end_notice is None:
            continue
        items.append(
            WorkItem(
                title=_("Avtal: %(title)s") % {"title": agreement.title},
                url=reverse("portfolio:agreement", args=[agreement.pk]),
                date=status.earliest_end_notice,
                date_label=_("sista dag att säga upp"),
                detail=_(
                    "Sägs avtalet upp senast denna dag upphör det %(end)s; annars förlängs det."
                )
                % {"end": status.earliest_end.isoformat() if status.earliest_end else "–"},
            )
        )
    return items


# --- quarters to invoice and the budget calendar (R-24) --------------------------------


def quarters_to_invoice(v: Viewer) -> list[WorkItem] | None:
    """Quarters of this year and last year that have ended, whose year has a budget, with no
    quarterly invoice (or only credited ones). Two queries."""
    if not v.can("finance.invoice:run"):
        return None
    from gits.finance.models import Budget, Invoice

    years = [v.today.year - 1, v.today.year]
    budget_years = set(Budget.objects.filter(year__in=years).values_list("year", flat=True))
    invoiced = set(
        Invoice.objects.live()
        .filter(kind=Invoice.Kind.QUARTERLY, year__in=years)
        .values_list("year", "quarter")
        .distinct()  # at most eight rows, whatever the number of parties invoiced
    )
    items = []
    for year in sorted(budget_years):
        due = [
            q for q in (1, 2, 3, 4) if _quarter_end(year, q) < v.today and (year, q) not in invoiced
        ]
        if not due:
            continue
        quarters = ", ".join(str(q) for q in due)
        items.append(
            WorkItem(
                title=ngettext(
                    "Kvartal %(q)s %(y)s är inte fakturerat",
                    "Kvartal %(q)s %(y)s är inte fakturerade",
                    len(due),
                )
                % {"q": quarters, "y": year},
                # The invoice page opens with the year's last quarter not invoiced chosen.
                url=f"{reverse('finance:invoices')}?ar={year}&kvartal={due[-1]}",
                date=_quarter_end(year, due[0]),
                deadline=False,
                date_label=_("kvartalet slutade")
                if len(due) == 1
                else _("det första kvartalet slutade"),
                detail=_("Kör kvartalsfaktureringen, ett kvartal i taget."),
            )
        )
    return items


def _quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def budget_deadline(v: Viewer) -> list[WorkItem] | None:
    """Next year's budget until it is fixed, with its deadline (R-24). One query."""
    if not v.can("finance.budget:change"):
        return None
    from gits.finance.selectors import budget_calendar

    calendar = budget_calendar(v.today)
    if calendar.status == "decided":
        return []
    url = (
        reverse("finance:budget", args=[calendar.year])
        if calendar.budget is not None
        else reverse("finance:budget_create")
    )
    return [
        WorkItem(
            title=_("Budgeten för %(year)s ska fastställas") % {"year": calendar.year},
            url=url,
            date=calendar.deadline,
            detail=calendar.message,
        )
    ]


def register_builtin_sources() -> None:
    for source in (
        WorkSource(
            "minutes",
            gettext_lazy("Protokoll att justera"),
            gettext_lazy("Här visas protokoll som väntar på din justering."),
            minutes_to_sign,
            10,
        ),
        WorkSource(
            "status_reports",
            gettext_lazy("Statusrapport att lämna"),
            gettext_lazy(
                "Här visas statusrapporter för dina förvaltningsobjekt inför styrgruppens "
                "sammanträden, med dagar kvar till underlagsdagen."
            ),
            status_reports_due,
            20,
        ),
        WorkSource(
            "missing",
            gettext_lazy("Saknas inför nästa sammanträde"),
            gettext_lazy(
                "Här visas vad styrgruppens nästa sammanträde saknar: ordförande, dagordning, "
                "statusrapporter och utskick."
            ),
            missing_for_next_meeting,
            30,
        ),
        WorkSource(
            "meetings",
            gettext_lazy("Nästa sammanträde"),
            gettext_lazy(
                "Här visas nästa sammanträde i dina organ, med sista dag för underlag och "
                "utskicket."
            ),
            next_meetings,
            40,
        ),
        WorkSource(
            "assignments",
            gettext_lazy("Uppdrag från beslut"),
            gettext_lazy(
                "Här visas uppdrag från beslut till dig eller dina organ som inte är "
                "återrapporterade."
            ),
            assignments_due,
            50,
        ),
        WorkSource(
            "agreements",
            gettext_lazy("Avtal att säga upp eller förlänga"),
            gettext_lazy("Här visas avtal vars sista dag att säga upp infaller inom sex månader."),
            agreement_notices,
            60,
        ),
        WorkSource(
            "invoicing",
            gettext_lazy("Kvartal att fakturera"),
            gettext_lazy("Här visas kvartal som är slut men inte fakturerade."),
            quarters_to_invoice,
            70,
        ),
        WorkSource(
            "budget",
            gettext_lazy("Budgetkalendern"),
            gettext_lazy("Här visas när nästa års budget ska vara fastställd."),
            budget_deadline,
            80,
        ),
    ):
        if source.key not in {s.key for s in sources()}:  # an app's own source stays
            register(source)
