"""The protocol-neutral part, fast: configuration, attribute names, matching, roles, audit."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import translation

from gits.bodies.models import Person
from gits.core.audit import history_for
from gits.core.models import AuditEntry
from gits.sso import conf
from gits.sso.attributes import attribute_name, normalise
from gits.sso.models import ExternalIdentity, RefusedLogin
from gits.sso.services import SignIn, SsoRefused, refusal_record, roles_sync, sso_sign_in

User = get_user_model()


def _policy(**kwargs) -> conf.Policy:
    values = {"match_field": "email", "create_users": False, "role_map": ()}
    return conf.Policy(**{**values, **kwargs})


def _sign_in(**kwargs) -> SignIn:
    values = {"protocol": "oidc", "issuer": "https://idp.example", "subject": "s-1"}
    return SignIn(**{**values, **kwargs})


# --- configuration ---------------------------------------------------------------------------


def test_role_map_takes_group_names_with_equals_signs_and_several_roles():
    pairs = conf.parse_role_map(
        "CN=GITS Admin,OU=Grupper,DC=vgr=admin; ledamöter = sitiv_member,municipal_contact\n"
    )
    assert pairs == (
        ("CN=GITS Admin,OU=Grupper,DC=vgr", "admin"),
        ("ledamöter", "sitiv_member"),
        ("ledamöter", "municipal_contact"),
    )
    policy = _policy(role_map=pairs)
    assert policy.managed_roles == {"admin", "sitiv_member", "municipal_contact"}
    assert policy.roles_for(["ledamöter", "annat"]) == {"sitiv_member", "municipal_contact"}


@pytest.mark.parametrize("text", ["grupp=superhjälte", "bara-en-grupp", "=admin"])
def test_a_broken_role_map_stops_the_start(text):
    with pytest.raises(ImproperlyConfigured, match="GITS_SSO_ROLE_MAP"):
        conf.parse_role_map(text)


def test_nothing_configured_means_sso_is_off():
    assert not conf.enabled()
    assert conf.oidc_settings() is None and conf.saml_settings() is None
    conf.check()


def test_half_configured_providers_stop_the_start(monkeypatch, tmp_path):
    monkeypatch.setenv("GITS_OIDC_ISSUER", "https://login.microsoftonline.com/t/v2.0")
    with pytest.raises(ImproperlyConfigured, match="GITS_OIDC_CLIENT_ID"):
        conf.check()
    monkeypatch.setenv("GITS_OIDC_CLIENT_ID", "gits")
    monkeypatch.setenv("GITS_SSO_MATCH_FIELD", "personnummer")
    with pytest.raises(ImproperlyConfigured, match="GITS_SSO_MATCH_FIELD"):
        conf.check()
    monkeypatch.delenv("GITS_SSO_MATCH_FIELD")
    monkeypatch.setenv("GITS_SAML_IDP_METADATA", str(tmp_path / "saknas.xml"))
    with pytest.raises(ImproperlyConfigured, match="GITS_SAML_IDP_METADATA"):
        conf.check()
    metadata = tmp_path / "idp.xml"
    metadata.write_text("<md/>")
    monkeypatch.setenv("GITS_SAML_IDP_METADATA", str(metadata))
    monkeypatch.setenv("GITS_SAML_SP_CERT", str(metadata))
    with pytest.raises(ImproperlyConfigured, match="tillsammans"):
        conf.check()


def test_providers_are_reached_over_https_only(monkeypatch):
    monkeypatch.setenv("GITS_OIDC_ISSUER", "http://idp.example")
    monkeypatch.setenv("GITS_OIDC_CLIENT_ID", "gits")
    with pytest.raises(ImproperlyConfigured, match="https"):
        conf.oidc_settings()
    monkeypatch.setenv("GITS_SAML_IDP_METADATA", "http://federation.example/md.xml")
    with pytest.raises(ImproperlyConfigured, match="https"):
        conf.saml_settings()


def test_oidc_defaults(monkeypatch):
    monkeypatch.setenv("GITS_OIDC_ISSUER", "https://idp.example/")
    monkeypatch.setenv("GITS_OIDC_CLIENT_ID", "gits")
    monkeypatch.setenv("GITS_OIDC_SCOPES", "email profile")
    settings = conf.oidc_settings()
    assert settings.scopes == "openid email profile"
    assert settings.discovery_url == "https://idp.example/.well-known/openid-configuration"
    assert (settings.match_claim, settings.groups_claims) == ("email", ("groups",))


# --- the Swedish eID Framework's attribute names ------------------------------------------------


def test_eid_framework_attribute_names_are_understood():
    assert attribute_name("urn:oid:1.2.752.29.4.13") == "personalIdentityNumber"
    assert attribute_name("urn:oid:1.2.752.29.6.2.1") == "employeeHsaId"
    assert attribute_name("urn:oid:2.5.4.42") == "givenName"
    assert attribute_name("urn:oid:2.5.4.4") == "sn"
    assert attribute_name("urn:oid:0.9.2342.19200300.100.1.3") == "mail"
    assert attribute_name("EMPLOYEEHSAID") == "employeeHsaId"
    assert attribute_name("urn:oid:9.9.9") == "urn:oid:9.9.9"
    assert normalise({"urn:oid:1.2.752.29.6.2.1": ["SE1-E1", " "], "mail": "a@b.se"}) == {
        "employeeHsaId": ["SE1-E1"],
        "mail": ["a@b.se"],
    }


# --- matching, accounts, roles ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_email_on_the_person_finds_the_account():
    user = User.objects.create_user(username="kalle")
    Person.objects.create(first_name="Kalle", last_name="Ek", email="kalle@kommun.se", user=user)
    signed_in = sso_sign_in(sign_in=_sign_in(claimed="KALLE@kommun.se"), policy=_policy())
    assert signed_in == user


@pytest.mark.django_db
def test_two_users_with_the_same_address_are_refused():
    User.objects.create_user(username="a", email="delad@kommun.se")
    User.objects.create_user(username="b", email="delad@kommun.se")
    with pytest.raises(SsoRefused) as refused:
        sso_sign_in(sign_in=_sign_in(claimed="delad@kommun.se"), policy=_policy())
    assert refused.value.reason == "ambiguous"
    assert not ExternalIdentity.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_an_inactive_user_is_refused_and_the_refusal_is_audited_on_the_user():
    user = User.objects.create_user(username="gammal", email="gammal@kommun.se", is_active=False)
    with pytest.raises(SsoRefused) as refused:
        sso_sign_in(sign_in=_sign_in(claimed="gammal@kommun.se"), policy=_policy())
    assert refused.value.reason == "inactive" and refused.value.user == user
    record = refusal_record(
        protocol="oidc", issuer="https://idp.example", refused=refused.value, claimed="gammal@"
    )
    assert record.reason == RefusedLogin.Reason.INACTIVE
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.actor_name) == ("sso.login.failed", None, "system")
    assert list(history_for(user)) == [entry]
    assert entry.changes["reason"] == [None, "inactive"]


@pytest.mark.django_db
def test_a_missing_claim_is_refused():
    with pytest.raises(SsoRefused) as refused:
        sso_sign_in(sign_in=_sign_in(claimed=""), policy=_policy(create_users=True))
    assert refused.value.reason == "missing_claim"


@pytest.mark.django_db
def test_a_created_username_never_takes_an_existing_one():
    User.objects.create_user(username="ny@kommun.se", email="annan@kommun.se")
    user = sso_sign_in(sign_in=_sign_in(claimed="ny@kommun.se"), policy=_policy(create_users=True))
    assert user.username == "ny@kommun.se-2" and user.email == "ny@kommun.se"


@pytest.mark.django_db
def test_roles_follow_the_map_and_hand_given_roles_stay():
    user = User.objects.create_user(username="u")
    user.groups.add(
        Group.objects.get_or_create(name="admin")[0],
        Group.objects.get_or_create(name="sitiv_member")[0],
    )
    identity = ExternalIdentity.objects.create(user=user, protocol="saml", issuer="i", subject="s")
    policy = _policy(role_map=(("ledamot", "sitiv_member"), ("kontakt", "municipal_contact")))
    assert roles_sync(user=user, identity=identity, groups=["kontakt"], policy=policy)
    assert set(user.groups.values_list("name", flat=True)) == {"admin", "municipal_contact"}
    entry = AuditEntry.objects.get()
    assert entry.action == "sso.roles.changed" and entry.parent_id == str(user.pk)
    assert entry.changes == {
        "roles": [["Administratör", "Ledamot i SITIV"], ["Administratör", "Kommunkontakt"]]
    }
    # Unchanged: nothing written; no map: nothing touched.
    assert not roles_sync(user=user, identity=identity, groups=["kontakt"], policy=policy)
    assert not roles_sync(user=user, identity=identity, groups=[], policy=_policy())
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_sso_history_reads_as_text():
    user = User.objects.create_user(username="u", email="u@kommun.se")
    sso_sign_in(
        sign_in=_sign_in(claimed="u@kommun.se", groups=["g"]),
        policy=_policy(role_map=(("g", "admin"),)),
    )
    entries = list(AuditEntry.objects.all())
    with translation.override("sv"):
        html = render_to_string("gits/history.html", {"history": entries})
    assert "Konto hos identitetsleverantör kopplat" in html
    assert "Roller ändrade av identitetsleverantören" in html
    assert "Inloggning med organisationens konto" in html
    assert "OpenID Connect" in html and "identitetsleverantör" in html
    assert "sso." not in html and "protocol" not in html
    assert user.external_identities.get().last_login_at is not None
