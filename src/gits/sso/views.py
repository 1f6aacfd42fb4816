"""Thin views: start a sign-in, take the provider's answer, log the user in or say why not."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gits.sso import conf, oidc
from gits.sso.models import Protocol, RefusedLogin
from gits.sso.services import SignIn, SsoRefused, refusal_record, sso_sign_in

logger = logging.getLogger(__name__)
Reason = RefusedLogin.Reason

NEXT = "sso_next"
SAML_REQUEST = "sso_saml_request"
BACKEND = "django.contrib.auth.backends.ModelBackend"

# What the person signing in is told; the technical reason goes to the history only.
USER_MESSAGES = {
    Reason.PROTOCOL: _(
        "Svaret från identitetsleverantören kunde inte godkännas, så du är inte inloggad. Försök igen eller kontakta administratören för GITS."
    ),
    Reason.PROVIDER: _("Inloggningen avbröts hos identitetsleverantören."),
    Reason.SESSION: _(
        "Inloggningen tog för lång tid eller påbörjades i en annan webbläsare. Försök igen."
    ),
    Reason.MISSING_CLAIM: _(
        "Identitetsleverantören skickade inte den uppgift som GITS känner igen dig på. Kontakta administratören för GITS."
    ),
    Reason.UNKNOWN_USER: _(
        "Ditt konto hos organisationen är inte kopplat till någon användare i GITS. Kontakta administratören för GITS."
    ),
    Reason.AMBIGUOUS: _(
        "Ditt konto hos organisationen matchar flera användare i GITS. Kontakta administratören för GITS."
    ),
    Reason.INACTIVE: _("Ditt användarkonto i GITS är avstängt. Kontakta administratören för GITS."),
    Reason.UNAVAILABLE: _(
        "Identitetsleverantören går inte att nå just nu. Försök igen senare eller logga in med användarnamn och lösenord."
    ),
}


def _login_page():
    return redirect(settings.LOGIN_URL)


def _remember_next(request) -> None:
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    request.session[NEXT] = target if target and safe else ""


def _refused(request, *, protocol: str, issuer: str, refused: SsoRefused, sign_in=None):
    refusal_record(
        protocol=protocol,
        issuer=getattr(sign_in, "issuer", "") or issuer,
        refused=refused,
        subject=getattr(sign_in, "subject", ""),
        claimed=getattr(sign_in, "claimed", ""),
    )
    logger.warning("SSO refused (%s): %s %s", protocol, refused.reason, refused.detail)
    messages.error(request, USER_MESSAGES[Reason(refused.reason)])
    return _login_page()


def _sign_in(request, *, sign_in: SignIn, issuer: str):
    try:
        user = sso_sign_in(sign_in=sign_in, policy=conf.policy())
    except SsoRefused as refused:
        return _refused(
            request, protocol=sign_in.protocol, issuer=issuer, refused=refused, sign_in=sign_in
        )
    target = request.session.pop(NEXT, "") or settings.LOGIN_REDIRECT_URL
    login(request, user, backend=BACKEND)  # a new session key: no fixation
    return redirect(target)


# --- OpenID Connect --------------------------------------------------------------------------


def _oidc_settings():
    config = conf.oidc_settings()
    if config is None:
        raise Http404
    return config


@require_GET
def oidc_start(request):
    config = _oidc_settings()
    _remember_next(request)
    redirect_uri = request.build_absolute_uri(reverse("sso:oidc_callback"))
    try:
        return oidc.authorize_redirect(request, config=config, redirect_uri=redirect_uri)
    except SsoRefused as refused:
        return _refused(request, protocol=Protocol.OIDC, issuer=config.issuer, refused=refused)


@require_GET
def oidc_callback(request):
    config = _oidc_settings()
    try:
        sign_in = oidc.sign_in_from_callback(request, config=config)
    except SsoRefused as refused:
        return _refused(request, protocol=Protocol.OIDC, issuer=config.issuer, refused=refused)
    return _sign_in(request, sign_in=sign_in, issuer=config.issuer)


# --- SAML 2.0 --------------------------------------------------------------------------------
# pysaml2 takes seconds to import: only a process that serves SAML pays for it.


def _saml_module():
    from gits.sso import saml

    return saml


def _saml():
    settings_ = conf.saml_settings()
    if settings_ is None:
        raise Http404
    return settings_


def _sp_config(request, settings_):
    saml = _saml_module()
    entity_id = settings_.sp_entity_id or request.build_absolute_uri(reverse("sso:saml_metadata"))
    acs_url = request.build_absolute_uri(reverse("sso:saml_acs"))
    return saml.sp_config(settings_, entity_id=entity_id, acs_url=acs_url)


@require_GET
def saml_metadata(request):
    settings_ = _saml()
    saml = _saml_module()
    try:
        xml = saml.metadata_xml(settings_, _sp_config(request, settings_))
    except SsoRefused as refused:
        logger.error("SAML metadata: %s", refused.detail)
        return HttpResponse(status=503)
    return HttpResponse(xml, content_type="application/samlmetadata+xml")


@require_GET
def saml_start(request):
    settings_ = _saml()
    saml = _saml_module()
    _remember_next(request)
    try:
        config = _sp_config(request, settings_)
        request_id, location = saml.authn_request(settings_, config)
    except SsoRefused as refused:
        return _refused(
            request, protocol=Protocol.SAML, issuer=settings_.idp_entity_id, refused=refused
        )
    request.session[SAML_REQUEST] = request_id
    return redirect(location)


@csrf_exempt  # posted by the identity provider; the signed assertion is the proof
@require_POST
def saml_acs(request):
    settings_ = _saml()
    saml = _saml_module()
    try:
        config = _sp_config(request, settings_)
        result = saml.check_response(settings_, config, request.POST.get("SAMLResponse", ""))
    except SsoRefused as refused:
        return _refused(
            request, protocol=Protocol.SAML, issuer=settings_.idp_entity_id, refused=refused
        )
    return redirect(reverse("sso:saml_done") + "?r=" + saml.seal(result))


@require_GET
def saml_done(request):
    settings_ = _saml()
    saml = _saml_module()
    pending = request.session.pop(SAML_REQUEST, None)
    try:
        result = saml.unseal(request.GET.get("r", ""))
    except SsoRefused as refused:
        return _refused(
            request, protocol=Protocol.SAML, issuer=settings_.idp_entity_id, refused=refused
        )
    sign_in = SignIn(**result["sign_in"])
    if not pending or result["in_response_to"] != pending:
        refused = SsoRefused(
            Reason.SESSION,
            detail=f"InResponseTo {result['in_response_to']!r}, väntade {pending!r}",
        )
        return _refused(
            request, protocol=Protocol.SAML, issuer=sign_in.issuer, refused=refused, sign_in=sign_in
        )
    return _sign_in(request, sign_in=sign_in, issuer=sign_in.issuer)
