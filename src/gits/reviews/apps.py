from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import Actions, DomainConfig
from gits.core.navigation import NavItem

VIEW = "reviews.review:view"
CHANGE = "reviews.review:change"

# The parts of a review, each added, changed and removed on the review's page.
PARTS = {
    "milestone": ("reviews.milestone", _("Tidplanspunkt")),
    "deliverable": ("reviews.deliverable", _("Leverans")),
    "stakeholder": ("reviews.reviewstakeholder", _("Intressent")),
    "alternative": ("reviews.reviewalternative", _("Alternativ")),
}


def _part_actions(kind: str, model: str, label: object) -> Actions:
    return Actions(
        model,
        {
            f"reviews.{kind}.added": _("%(p)s tillagd") % {"p": label},
            f"reviews.{kind}.changed": _("%(p)s ändrad") % {"p": label},
            f"reviews.{kind}.removed": _("%(p)s borttagen") % {"p": label},
        },
    )


class ReviewsConfig(DomainConfig):
    name = "gits.reviews"
    verbose_name = _("Översyner")

    rights = {
        VIEW: _("se översyner"),
        CHANGE: _("upprätta, ändra och avsluta översyner"),
    }
    grants = {
        "function_lead": {VIEW, CHANGE},
        "sitiv_member": {VIEW, CHANGE},
        "function_coordinator": {VIEW},
        "municipal_contact": {VIEW},
    }
    nav_items = [NavItem(_("Översyner"), "reviews:list", 65, right=VIEW)]
    actions = [
        Actions(
            "reviews.review",
            {
                "reviews.review.created": _("Översyn upprättad"),
                "reviews.review.changed": _("Översyn ändrad"),
                "reviews.review.closed": _("Översyn avslutad"),
            },
        ),
    ]

    def ready(self) -> None:
        # The parts' labels are made from their names once translations are set up.
        self.actions = [
            *self.actions,
            *(_part_actions(kind, model, label) for kind, (model, label) in PARTS.items()),
        ]
        super().ready()
        from gits.core import navigation
        from gits.reviews import notice

        navigation.register_home_panel(
            navigation.HomePanel("reviews/_home_notices.html", notice.home_panel)
        )
        navigation.register_page_panel(
            "meeting", navigation.PagePanel("reviews/_meeting_notices.html", notice.meeting_panel)
        )
