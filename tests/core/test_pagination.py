"""The page links of a long list keep its filters and name the page in `sida`."""

from django.test import RequestFactory

from gits.core.pagination import get_page, query_string


def test_query_string_keeps_the_filters_without_the_page():
    request = RequestFactory().get("/beslut/", {"q": "avtal å", "sida": "3", "organ": "2"})
    assert query_string(request) == "q=avtal+%C3%A5&organ=2"
    assert query_string(RequestFactory().get("/beslut/?sida=2")) == ""


def test_get_page_reads_sida_and_falls_back_to_the_first_or_last_page():
    rows = list(range(25))
    factory = RequestFactory()
    assert list(get_page(factory.get("/", {"sida": "2"}), rows, 10)) == list(range(10, 20))
    assert get_page(factory.get("/"), rows, 10).number == 1
    assert get_page(factory.get("/", {"sida": "x"}), rows, 10).number == 1
    assert get_page(factory.get("/", {"sida": "9"}), rows, 10).number == 3
