"""Each domain app declares what it registers (rights, owners, navigation, audited actions)
as a table on its AppConfig; DomainConfig.ready() registers the table."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import translation

from gits.core import history, navigation, permissions
from gits.core.appconfig import DomainConfig
from gits.finance.apps import FinanceConfig


def test_each_domain_app_runs_its_own_config():
    for label in (
        "core",
        "accounts",
        "organisations",
        "bodies",
        "portfolio",
        "meetings",
        "plans",
        "finance",
        "reviews",
        "sso",
        "operations",
    ):
        config = apps.get_app_config(label)
        assert isinstance(config, DomainConfig), label
        assert type(config) is not DomainConfig
    assert DomainConfig.default is False and FinanceConfig.default is True


def test_the_tables_are_registered():
    config = apps.get_app_config("finance")
    for code in config.rights:
        assert code in permissions.RIGHTS
        assert code in permissions.ROLES["function_lead"][1]
    assert permissions.OWNERS["finance.partysettings"] is config.owners["finance.PartySettings"]
    assert any(item.url_name == "finance:overview" for item in navigation.items())
    for model, labels in config.actions.items():
        for code in labels:
            assert history.ACTION_TYPES[code].model == model
            assert history.ACTION_TYPES[code].fields == config.key_labels.get(model, {})


def test_reviews_register_their_parts_at_start():
    assert history.ACTION_TYPES["reviews.milestone.added"].model == "reviews.milestone"
    assert history.ACTION_TYPES["reviews.alternative.removed"].model == "reviews.reviewalternative"


def test_key_labels_name_only_models_with_actions():
    config = apps.get_app_config("finance")
    config.key_labels = {**config.key_labels, "finance.nosuchmodel": {"x": "x"}}
    try:
        with pytest.raises(ImproperlyConfigured, match="finance.nosuchmodel"):
            config.ready()
    finally:
        del config.key_labels


def test_a_field_the_model_names_needs_no_key_label():
    """Convention over configuration: a field named in its model is labelled by that name, even
    where the name reads as the field ("organisation"); Django's own name for an unnamed field
    is no label, so such a field needs an entry in key_labels."""
    config = apps.get_app_config("bodies")
    assert "bodies.person" not in config.key_labels
    assert history.resolve_label(None, "bodies.person", "organisation") == "organisation"
    unnamed = models.CharField()
    unnamed.set_attributes_from_name("serial")
    assert not history._named(unnamed)
    assert history.resolve_label(None, "finance.invoice", "serial") is None
    issued = history.ACTION_TYPES["finance.invoice.issued"]
    with translation.override("sv"):
        assert history.resolve_label(issued, "finance.invoice", "serial") == "löpnummer i serien"
