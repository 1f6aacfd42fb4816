from django import template
from django.urls import reverse
from django.utils.http import urlencode

from gits.sso import conf

register = template.Library()


@register.inclusion_tag("sso/buttons.html", takes_context=True)
def sso_buttons(context):
    """The "Logga in med organisationens konto" buttons for the configured identity
    providers; nothing when SSO is off."""
    query = f"?{urlencode({'next': context['next']})}" if context.get("next") else ""
    providers = []
    if (oidc := conf.oidc_settings()) is not None:
        providers.append({"name": oidc.name, "url": reverse("sso:oidc_start") + query})
    if (saml := conf.saml_settings()) is not None:
        providers.append({"name": saml.name, "url": reverse("sso:saml_start") + query})
    return {"providers": providers}
