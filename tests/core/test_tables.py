"""Wide tables scroll inside their own focusable, named region, wrapped on the server
(`{% scrolltable %}`, WCAG 1.4.10), so no page scrolls sideways at 390 px."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

import gits

TEMPLATES = Path(gits.__file__).parent
# Every app's templates are checked (the meetings templates since issue 13).
NOT_YET: set[str] = set()


def test_the_tag_wraps_a_table_in_a_named_focusable_region():
    html = Template(
        '{% load tables %}{% scrolltable labelledby="cap" %}<table><caption id="cap">X</caption>'
        "</table>{% endscrolltable %}"
    ).render(Context())
    assert html == (
        '<div class="table-scroll" role="region" aria-labelledby="cap" tabindex="0">'
        '<table><caption id="cap">X</caption></table></div>'
    )


def test_the_tag_takes_a_translated_or_a_variable_label():
    html = Template(
        '{% load tables %}{% scrolltable label=_("Avtal") %}<table></table>{% endscrolltable %}'
        "{% scrolltable label=title %}<table></table>{% endscrolltable %}"
    ).render(Context({"title": 'Plan "A" & <B>'}))
    assert 'aria-label="Avtal"' in html
    assert 'aria-label="Plan &quot;A&quot; &amp; &lt;B&gt;"' in html


@pytest.mark.parametrize("args", ["", 'label="a" labelledby="b"', 'name="a"', '"a"'], ids=str)
def test_the_tag_wants_exactly_one_name(args):
    with pytest.raises(TemplateSyntaxError):
        Template(f"{{% load tables %}}{{% scrolltable {args} %}}{{% endscrolltable %}}")


def _bare_tables(text: str) -> int:
    """Tables not inside a scrolltable block or a literal table-scroll region."""
    wrapped = re.sub(
        r"\{% scrolltable .*?\{% endscrolltable %\}"
        r'|<div class="table-scroll"(?=[^>]*role="region")(?=[^>]*tabindex="0")'
        r"(?=[^>]*aria-label)[^>]*>.*?</table>",
        "",
        text,
        flags=re.S,
    )
    return len(re.findall(r"<table\b", wrapped))


def test_every_table_in_a_template_is_wrapped():
    bare = {
        str(path.relative_to(TEMPLATES)): n
        for path in TEMPLATES.glob("*/templates/**/*.html")
        if path.relative_to(TEMPLATES).parts[0] not in NOT_YET
        and (n := _bare_tables(path.read_text()))
    }
    assert bare == {}, "wrap these tables in {% scrolltable %}"


def test_the_meetings_lists_render_their_tables_in_named_regions(client, people):
    """The registers of cases, decisions and meetings scroll inside a named region."""
    from django.urls import reverse

    client.force_login(people.objects.get(username="funktionsledare"))
    for name in ("meetings:cases", "meetings:decisions", "meetings:meetings"):
        html = client.get(reverse(name)).content.decode()
        assert html.count("<table") >= 1
        assert html.count('class="table-scroll" role="region"') == html.count("<table"), name
