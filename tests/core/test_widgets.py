"""FastSelect writes the same markup as Django's Select, without a template per option."""

import re

from django import forms

from gits.core.widgets import FastSelect


def _normal(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---------"), ("1", "Ett & två"), ("2", "<b>Tre</b>")])
    grouped = forms.ChoiceField(
        required=False,
        choices=[("Grupp <A>", [("a", "A1"), ("b", "A2")]), ("c", "Ensam")],
    )


def _pair(data):
    fast = _Form(data)
    slow = _Form(data)
    for name in ("plain", "grouped"):
        fast.fields[name].widget = FastSelect(choices=fast.fields[name].choices)
    return fast, slow


def test_fast_select_renders_the_same_markup_as_django():
    for data in (None, {"plain": "2", "grouped": "b"}, {"plain": "", "grouped": "c"}):
        fast, slow = _pair(data)
        for name in ("plain", "grouped"):
            assert _normal(fast[name]) == _normal(slow[name])


def test_fast_select_escapes_labels_and_marks_the_chosen_option():
    fast, _slow = _pair({"plain": "2", "grouped": "b"})
    html = str(fast["plain"])
    assert "&lt;b&gt;Tre&lt;/b&gt;" in html and "Ett &amp; två" in html
    assert '<option value="2" selected>' in html
    assert 'name="plain" required id="id_plain"' in html
    assert '<optgroup label="Grupp &lt;A&gt;">' in str(fast["grouped"])


def test_model_choices_use_the_fast_select():
    from gits.core.forms import choice_of
    from gits.organisations.models import Organisation

    assert isinstance(choice_of("Organisation", Organisation).widget, FastSelect)
