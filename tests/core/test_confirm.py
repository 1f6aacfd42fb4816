"""The one confirmation step before an irreversible action (issue 13): it names the action,
says what follows, posts what was asked about to the action itself, offers a way back, and
refuses a user without the right."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from gits.core.confirm import Follows, Link, confirm_page, posted_values

pytestmark = pytest.mark.django_db


def _get(user, query=""):
    request = RequestFactory().get("/fraga/" + query)
    request.user = user
    return request


def _page(user, **kwargs):
    options = {
        "title": "Fakturera varje kommun",
        "follows": [
            "49 fakturor skapas och får fakturanummer",
            Follows("De kan inte ändras efter utfärdandet, bara krediteras.", important=True),
        ],
        "action": "/gor/",
        "button": "Ja, utfärda fakturorna",
        "cancel": "/tillbaka/",
        **kwargs,
    }
    response = confirm_page(_get(user), **options)
    return response.status_code, response.content.decode()


def test_names_the_action_lists_what_follows_and_posts_to_the_action(lead_user):
    status, html = _page(lead_user, data={"year": 2026, "quarter": 2}, progress="Fakturerar …")
    assert status == 200
    assert "<h1>Fakturera varje kommun</h1>" in html
    assert "Det här händer" in html and "<li>49 fakturor skapas och får fakturanummer</li>" in html
    assert "<strong>De kan inte ändras efter utfärdandet, bara krediteras.</strong>" in html
    form = html[html.index('<form method="post" action="/gor/">') :]
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="year" value="2026">' in form
    assert '<input type="hidden" name="quarter" value="2">' in form
    assert ">Ja, utfärda fakturorna</button>" in form
    assert '<a href="/tillbaka/">Avbryt</a>' in form
    assert 'data-progress="confirm-progress"' in form and "<progress" in form


def test_a_user_without_the_right_is_refused(contact_user, lead_user):
    with pytest.raises(PermissionDenied):
        _page(contact_user, right="finance.invoice:run")
    assert _page(lead_user, right="finance.invoice:run")[0] == 200


def test_a_blocked_action_has_no_button_but_a_way_on(lead_user):
    status, html = _page(
        lead_user,
        blocked="Kvartalet är redan fakturerat (F-1); inget nytt skapas.",
        instead=Link("/faktura/1/", "Visa faktura F-1"),
    )
    assert status == 200 and "redan fakturerat" in html
    assert 'action="/gor/"' not in html and "Ja, utfärda fakturorna" not in html
    assert '<a class="button" href="/faktura/1/">Visa faktura F-1</a>' in html


def test_text_is_escaped(lead_user):
    _, html = _page(lead_user, follows=["<script>x</script>"], data={"r": '"><b>'})
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html
    assert 'value="&quot;&gt;&lt;b&gt;"' in html


def test_posted_values_carries_exactly_the_forms_fields():
    class F(forms.Form):
        title = forms.CharField()
        accept = forms.BooleanField(required=False)
        many = forms.MultipleChoiceField(choices=[("a", "a"), ("b", "b")])

    request = RequestFactory().get("/", {"title": "Bibblix", "many": ["a", "b"], "other": "x"})
    form = F(request.GET)
    assert form.is_valid()
    assert posted_values(form) == [("title", "Bibblix"), ("many", "a"), ("many", "b")]
    prefixed = F({"p-title": "T", "p-accept": "on", "p-many": "a"}, prefix="p")
    assert posted_values(prefixed) == [("p-title", "T"), ("p-accept", "on"), ("p-many", "a")]
