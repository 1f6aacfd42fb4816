"""The shared page shapes (core/formviews.py): what an `EditPage` derives from its model, what
it lets an app say otherwise, and the small helpers buttons and posted forms use."""

import pytest

from gits.bodies import services as bodies
from gits.bodies.forms import PersonForm
from gits.bodies.models import Person
from gits.core.errors import DomainError
from gits.core.forms import GitsForm, date_field, optional_text, textarea
from gits.core.formviews import EditPage, form_page, valid_data


def test_edit_page_derives_right_template_and_urls_from_the_model():
    page = EditPage(Person, PersonForm, bodies.person_create, bodies.person_update)
    assert page.right == "bodies.person:change"
    assert page.template == "bodies/person_form.html"
    assert page.list_url == "bodies:list"
    assert page.detail_url == "bodies:detail"
    assert page.entity == "person"


def test_edit_page_keeps_what_an_app_declares():
    page = EditPage(
        Person,
        PersonForm,
        bodies.person_create,
        bodies.person_update,
        list_url="bodies:people",
        detail_url="bodies:person",
    )
    assert (page.list_url, page.detail_url) == ("bodies:people", "bodies:person")
    assert page.right == "bodies.person:change"


def test_valid_data_refuses_a_form_not_filled_in_with_the_given_reason():
    class ReasonForm(GitsForm):
        reason = textarea("Skäl", required=True)

    assert valid_data(ReasonForm({"reason": "Fel datum"}), "Ange skäl") == {"reason": "Fel datum"}
    with pytest.raises(DomainError, match="Ange skäl"):
        valid_data(ReasonForm({"reason": ""}), "Ange skäl")


def test_field_helpers_are_the_fields_they_stand_for():
    text = textarea("Beskrivning", rows=2)
    assert (text.required, text.widget.attrs["rows"]) == (False, 2)
    line = optional_text("Kortnamn", max_length=50, help_text="Hjälp")
    assert (line.required, line.max_length, line.help_text) == (False, 50, "Hjälp")
    date = date_field("Datum", required=False)
    assert (date.required, date.widget.input_type, date.widget.format) == (
        False,
        "date",
        "%Y-%m-%d",
    )


class _Named(GitsForm):
    name = optional_text("Namn", max_length=20)


def _page(rf, data, shown):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = rf.post("/", data)
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)

    def context():
        shown.append(True)
        return {"obj": None}

    return form_page(
        request,
        _Named(request.POST),
        template="gits/form.html",
        save=lambda data, _version: data["name"],
        success="Sparat",
        next_url="/klart/",
        context=context,
        error_status=400,
    )


def test_a_context_given_as_a_function_is_made_only_for_a_page_shown(rf):
    shown: list[bool] = []
    saved = _page(rf, {"name": "Ett namn"}, shown)
    assert (saved.status_code, saved.url, shown) == (302, "/klart/", [])
    refused = _page(rf, {"name": "x" * 21}, shown)
    assert (refused.status_code, shown) == (400, [True])
