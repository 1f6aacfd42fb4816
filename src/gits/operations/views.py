import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gits.core.formviews import form_page, post_action
from gits.core.permissions import can
from gits.operations import selectors, services
from gits.operations.forms import PreferencesForm
from gits.operations.metrics import exposition
from gits.operations.models import Category, NotificationPreference
from gits.operations.notifications import user_recipient


@login_required
def jobs(request):
    if not can(request.user, "operations.jobs:view"):
        raise PermissionDenied
    return render(
        request,
        "operations/jobs.html",
        {
            "rows": selectors.job_rows(),
            "health": selectors.health(),
            "workers": selectors.workers(),
            "queue_length": selectors.queue_length(),
            "may_run": can(request.user, "operations.jobs:run"),
        },
    )


@require_POST
@login_required
def job_run(request, name):
    return post_action(
        request,
        lambda: services.job_request(actor=request.user, name=name),
        success=lambda state: _("%(job)s är lagt i kön och körs inom kort.") % {"job": state},
        next_url=reverse("operations:jobs"),
    )


@login_required
def preferences(request):
    saved = NotificationPreference.objects.filter(user=request.user).first()
    initial = {c.value: saved.wants(c.value) if saved else True for c in Category}
    form = PreferencesForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        template="operations/preferences.html",
        service=services.notification_preferences_set,
        success=_("Dina val av aviseringar är sparade."),
        next_url=reverse("operations:preferences"),
        context={"recipient": user_recipient(request.user)},
    )


@never_cache
def health_check(request):
    """For load balancers and monitoring: 200 when the database answers and a worker has
    shown a sign of life within GITS_WORKER_HEARTBEAT_MAX seconds, else 503."""
    health = selectors.health()
    beat = health.heartbeat
    body = {
        "status": "ok" if health.ok else "unavailable",
        "database": {
            "ok": health.database,
            **({"error": health.database_error} if not health.database else {}),
        },
        "worker": {
            "ok": health.worker,
            "last_heartbeat": beat.seen_at.isoformat() if beat else None,
            "age_seconds": round(health.heartbeat_age, 1)
            if health.heartbeat_age is not None
            else None,
            "host": beat.host if beat else None,
            "max_age_seconds": settings.GITS_WORKER_HEARTBEAT_MAX,
        },
    }
    return JsonResponse(body, status=200 if health.ok else 503)


@never_cache
def metrics(request):
    """Prometheus metrics; with GITS_METRICS_TOKEN set, only for `Authorization: Bearer`."""
    token = settings.GITS_METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            return HttpResponse(status=401, headers={"WWW-Authenticate": "Bearer"})
    content, content_type = exposition()
    return HttpResponse(content, content_type=content_type)
