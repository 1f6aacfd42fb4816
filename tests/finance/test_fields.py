"""The field factories (gits.core.fields) make exactly the fields a model would declare by
hand, so the finance models built on them (a package by concern, re-exported from
gits.finance.models) need no migration."""

from django.core.management import call_command
from django.db import models

from gits.core.fields import (
    money_field,
    optional_date,
    optional_money,
    optional_text,
    organisation_fk,
)
from gits.finance import models as finance_models
from gits.finance.models.choices import accept_earlier_field, vat_category_field, vat_rate_field


def _same(made: models.Field, by_hand: models.Field) -> None:
    assert made.deconstruct()[1:] == by_hand.deconstruct()[1:]


def test_factories_make_the_fields_written_by_hand():
    _same(optional_text("x"), models.TextField("x", blank=True, default=""))
    _same(optional_text("x", 40), models.CharField("x", max_length=40, blank=True, default=""))
    _same(money_field("x"), models.DecimalField("x", max_digits=14, decimal_places=2))
    _same(
        optional_money("x"),
        models.DecimalField("x", max_digits=14, decimal_places=2, null=True, blank=True),
    )
    _same(optional_date("x"), models.DateField("x", null=True, blank=True))
    _same(
        organisation_fk("x", optional=True),
        models.ForeignKey(
            "organisations.Organisation",
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            related_name="+",
            verbose_name="x",
        ),
    )
    _same(
        organisation_fk("x"),
        models.ForeignKey(
            "organisations.Organisation",
            on_delete=models.PROTECT,
            related_name="+",
            verbose_name="x",
        ),
    )
    assert vat_category_field().default == "O" and vat_rate_field().decimal_places == 1
    assert accept_earlier_field().default is False


def test_models_package_re_exports_every_model_and_needs_no_migration(db):
    for name in finance_models.__all__:
        assert hasattr(finance_models, name), name
    assert finance_models.Invoice._meta.app_label == "finance"
    # exits with status 1 when the models differ from the migrations
    call_command("makemigrations", "finance", check=True, dry_run=True, verbosity=0)
