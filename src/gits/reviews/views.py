"""Review pages (seed 004, seed 000): the list, a review with its assignment, timeline,
deliverables, stakeholders and costed alternatives, the forms that change them and the
closing by a decision."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gits.core.audit import history_for
from gits.core.forms import call_service
from gits.core.formviews import edit_page, form_page, initial_from, post_action, refuse_without
from gits.core.permissions import can
from gits.reviews import services
from gits.reviews.apps import CHANGE, VIEW
from gits.reviews.forms import ITEM_EDIT_FORMS, ITEM_FORMS, CloseForm, ReviewForm
from gits.reviews.models import Review
from gits.reviews.selectors import review_detail, reviews


def reader(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not can(request.user, VIEW):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _item_model(part: str):
    if part not in services.ITEMS:
        raise Http404
    return services.ITEMS[part][0]


@reader
def review_list(request):
    return render(
        request,
        "reviews/review_list.html",
        {
            "reviews": reviews().order_by("state", "-start_date", "-pk"),
            "can_change": can(request.user, CHANGE),
        },
    )


@reader
def review_form(request, pk=None):
    review = None if pk is None else get_object_or_404(Review, pk=pk)
    return edit_page(
        request,
        obj=review,
        form_class=ReviewForm,
        template="reviews/review_form.html",
        fields=services.REVIEW_FIELDS,
        create=services.review_create,
        update=services.review_update,
        entity="review",
        next_url=lambda saved: reverse("reviews:detail", args=[saved.pk]),
        success=lambda saved: _("Översynen %(t)s är sparad.") % {"t": saved.title},
        right=CHANGE,
        refuse_to="reviews:list",
    )


@reader
def review_detail_view(request, pk, forms=None):
    review = get_object_or_404(reviews(), pk=pk)
    can_change = can(request.user, CHANGE) and review.is_open
    forms = forms or {}
    item_forms = (
        {
            kind: forms.get(kind) or (form(review=review) if kind == "alternative" else form())
            for kind, form in ITEM_FORMS.items()
        }
        if can_change
        else {}
    )
    return render(
        request,
        "reviews/review_detail.html",
        {
            "detail": review_detail(review),
            "review": review,
            "milestones": review.milestones.all(),
            "deliverables": review.deliverables.all(),
            "stakeholders": review.stakeholders.all(),
            "item_forms": item_forms,
            "can_change": can_change,
            "history": history_for(review) if can(request.user, "core.audit:view") else None,
        },
        status=400 if forms else 200,
    )


@reader
@require_POST
def item_add_view(request, pk, part):
    review = get_object_or_404(Review, pk=pk)
    _item_model(part)
    form_class = ITEM_FORMS[part]
    form = (
        form_class(request.POST, review=review)
        if part == "alternative"
        else form_class(request.POST)
    )
    if form.is_valid():
        saved = call_service(
            form,
            lambda: services.item_add(
                actor=request.user, review=review, part=part, **form.cleaned_data
            ),
        )
        if saved is not None:
            from django.contrib import messages

            messages.success(request, _("%(i)s är tillagd.") % {"i": saved})
            return redirect(reverse("reviews:detail", args=[pk]) + f"#{part}-heading")
    return review_detail_view(request, pk, forms={part: form})


@reader
def item_edit(request, part, item_pk):
    item = get_object_or_404(_item_model(part), pk=item_pk)
    refused = refuse_without(request, CHANGE, "reviews:detail", item.review_id)
    if refused:
        return refused
    names = [n for n in services.ITEMS[part][1] if n != "position"]
    form_class = ITEM_EDIT_FORMS[part]
    kwargs = {"review": item.review} if part == "alternative" else {}
    form = form_class(request.POST or None, initial=initial_from(item, names), **kwargs)
    return form_page(
        request,
        form,
        template="reviews/item_form.html",
        save=lambda data, version: services.item_update(
            actor=request.user, item=item, version=version, **data
        ),
        success=lambda saved: _("%(i)s är sparad.") % {"i": saved},
        next_url=reverse("reviews:detail", args=[item.review_id]),
        context={"item": item, "review": item.review},
        error_status=400,
    )


@reader
@require_POST
def item_remove_view(request, part, item_pk):
    item = get_object_or_404(_item_model(part), pk=item_pk)
    return post_action(
        request,
        lambda: services.item_remove(actor=request.user, item=item),
        success=_("%(i)s är borttagen.") % {"i": item},
        next_url=reverse("reviews:detail", args=[item.review_id]),
    )


@reader
def review_close_view(request, pk):
    review = get_object_or_404(Review, pk=pk)
    refused = refuse_without(request, CHANGE, "reviews:detail", pk)
    if refused:
        return refused
    form = CloseForm(request.POST or None, initial={"version": review.version}, review=review)
    return form_page(
        request,
        form,
        template="reviews/review_close.html",
        service=partial(services.review_close, review=review),
        success=_("Översynen är avslutad."),
        next_url=reverse("reviews:detail", args=[pk]),
        context={"review": review},
        error_status=400,
    )
