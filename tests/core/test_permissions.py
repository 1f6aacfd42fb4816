import pytest
from django.contrib.auth.models import AnonymousUser

from gits.core.errors import RightMissing
from gits.core.permissions import RIGHTS, ROLES, can, require


def test_admin_role_holds_every_right():
    assert ROLES["admin"][1] == frozenset(RIGHTS)


@pytest.mark.django_db
def test_rights_follow_the_role(make_user):
    lead = make_user("function_lead")
    contact = make_user("municipal_contact")
    assert can(lead, "bodies.membership:change")
    assert not can(contact, "bodies.membership:change")
    with pytest.raises(RightMissing) as err:
        require(contact, "bodies.membership:change")
    assert "behörighet" in str(err.value)


def test_anonymous_has_no_rights():
    assert not can(AnonymousUser(), "core.audit:view")


def test_unknown_right_is_a_programming_error():
    with pytest.raises(KeyError):
        can(AnonymousUser(), "no.such:right")
