"""Each domain app declares what it registers (rights, owners, navigation, audited actions)
as a table on its AppConfig; DomainConfig.ready() registers the table."""

from django.apps import apps

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
    for actions in config.actions:
        for code in actions.labels:
            assert history.ACTION_TYPES[code].model == actions.model


def test_reviews_register_their_parts_at_start():
    assert history.ACTION_TYPES["reviews.milestone.added"].model == "reviews.milestone"
    assert history.ACTION_TYPES["reviews.alternative.removed"].model == "reviews.reviewalternative"
