from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

VIEW = "reviews.review:view"
CHANGE = "reviews.review:change"


class ReviewsConfig(AppConfig):
    name = "gits.reviews"
    label = "reviews"
    verbose_name = _("Översyner")

    def ready(self) -> None:
        from gits.core import navigation
        from gits.core.permissions import register_rights
        from gits.reviews import notice

        register_rights(
            {
                VIEW: _("se översyner"),
                CHANGE: _("upprätta, ändra och avsluta översyner"),
            },
            grants={
                "function_lead": {VIEW, CHANGE},
                "sitiv_member": {VIEW, CHANGE},
                "function_coordinator": {VIEW},
                "municipal_contact": {VIEW},
            },
        )
        navigation.register(navigation.NavItem(_("Översyner"), "reviews:list", 65, right=VIEW))
        navigation.register_home_panel(
            navigation.HomePanel("reviews/_home_notices.html", notice.home_panel)
        )
        navigation.register_page_panel(
            "meeting", navigation.PagePanel("reviews/_meeting_notices.html", notice.meeting_panel)
        )
        _register_actions()


def _register_actions() -> None:
    from gits.core.history import register_actions

    register_actions(
        "reviews.review",
        {
            "reviews.review.created": _("Översyn upprättad"),
            "reviews.review.changed": _("Översyn ändrad"),
            "reviews.review.closed": _("Översyn avslutad"),
        },
    )
    parts = {
        "milestone": ("reviews.milestone", _("Tidplanspunkt")),
        "deliverable": ("reviews.deliverable", _("Leverans")),
        "stakeholder": ("reviews.reviewstakeholder", _("Intressent")),
        "alternative": ("reviews.reviewalternative", _("Alternativ")),
    }
    for kind, (model, label) in parts.items():
        register_actions(
            model,
            {
                f"reviews.{kind}.added": _("%(p)s tillagd") % {"p": label},
                f"reviews.{kind}.changed": _("%(p)s ändrad") % {"p": label},
                f"reviews.{kind}.removed": _("%(p)s borttagen") % {"p": label},
            },
        )
