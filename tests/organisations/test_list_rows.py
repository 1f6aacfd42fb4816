"""The register's municipality table is written out in the view (issue 15): the same link,
code, federation, figure and date per row as before, and a bad filter value is no error."""

import pytest
from django.urls import reverse

from gits.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_each_row_links_to_its_municipality_with_federation_and_figure(client, defaults):
    goteborg = Organisation.objects.get(scb_code="1480")
    text = client.get(reverse("organisations:list")).content.decode().replace("\xa0", " ")
    row = text[text.index(f'<a href="{reverse("organisations:detail", args=[goteborg.pk])}">') :]
    row = row[: row.index("</tr>")]
    assert ">Göteborg</a></td><td>1480</td><td>GR</td>" in row
    assert "608 993" in row.replace(",", " ")


def test_a_federation_filter_that_is_not_a_number_shows_everything(client, defaults):
    response = client.get(reverse("organisations:list"), {"forbund": "x"})
    assert response.status_code == 200
    assert "49 kommuner" in response.content.decode()
