import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gits.bodies import services
from gits.bodies.forms import (
    BodyForm,
    MembershipEndForm,
    MembershipForm,
    PersonAccountCreateForm,
    PersonAccountForm,
    PersonForm,
)
from gits.bodies.models import Body, Membership, Person
from gits.bodies.selectors import bodies_with_counts, body_composition
from gits.core.audit import history_for
from gits.core.forms import call_service
from gits.core.formviews import EditPage, refuse_without
from gits.core.permissions import can


def _date_param(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        return dt.date.today()


def body_list(request):
    date = _date_param(request)
    return render(
        request,
        "bodies/list.html",
        {
            "bodies": bodies_with_counts(date),
            "date": date,
            "can_change": can(request.user, "bodies.body:change"),
        },
    )


def body_detail(request, pk, membership_form=None):
    body = get_object_or_404(Body.objects.select_related("parent"), pk=pk)
    date = _date_param(request)
    composition = body_composition(body, date)
    can_members = can(request.user, "bodies.membership:change")
    context = {
        "body": body,
        "composition": composition,
        "date": date,
        "today": dt.date.today(),
        "can_change": can(request.user, "bodies.body:change"),
        "can_members": can_members,
        "form": membership_form or (MembershipForm() if can_members else None),
        "history": history_for(body) if can(request.user, "core.audit:view") else None,
        "all_memberships": body.memberships.select_related("person").order_by("-start_date")
        if request.GET.get("alla")
        else None,
    }
    return render(request, "bodies/detail.html", context, status=400 if membership_form else 200)


@login_required
def membership_add(request, pk):
    body = get_object_or_404(Body, pk=pk)
    if request.method != "POST":
        return redirect("bodies:detail", pk=pk)
    form = MembershipForm(request.POST)
    if form.is_valid():
        membership = call_service(
            form,
            lambda: services.membership_add(actor=request.user, body=body, **form.cleaned_data),
        )
        if membership is not None:
            messages.success(
                request,
                _("%(person)s är tillsatt som %(role)s i %(body)s.")
                % {
                    "person": membership.person,
                    "role": membership.get_role_display().lower(),
                    "body": body,
                },
            )
            return redirect("bodies:detail", pk=pk)
    return body_detail(request, pk, membership_form=form)


@login_required
def membership_end(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("body", "person"), pk=pk)
    refused = refuse_without(
        request, "bodies.membership:change", "bodies:detail", pk=membership.body_id
    )
    if refused:
        return refused
    form = MembershipEndForm(
        request.POST or None, initial={"end_date": dt.date.today(), "version": membership.version}
    )
    if request.method == "POST" and form.is_valid():
        ended = call_service(
            form,
            lambda: services.membership_end(
                actor=request.user,
                membership=membership,
                end_date=form.cleaned_data["end_date"],
                version=form.cleaned_data["version"],
            ),
        )
        if ended is not None:
            messages.success(
                request, _("Uppdraget för %(person)s är avslutat.") % {"person": ended.person}
            )
            return redirect("bodies:detail", pk=membership.body_id)
    return render(request, "bodies/membership_end.html", {"form": form, "membership": membership})


body_form = EditPage(
    Body, BodyForm, services.body_create, services.body_update, form_kwargs=lambda b: {"body": b}
)


def person_list(request):
    people = Person.objects.select_related("organisation").order_by("last_name", "first_name")
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(last_name__icontains=query) | people.filter(
            first_name__icontains=query
        )
    return render(
        request,
        "bodies/person_list.html",
        {"people": people, "q": query, "can_change": can(request.user, "bodies.person:change")},
    )


def person_detail(request, pk):
    person = get_object_or_404(
        Person.objects.select_related("organisation", "user").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("body").order_by("-start_date"),
            )
        ),
        pk=pk,
    )
    return render(
        request,
        "bodies/person_detail.html",
        {
            "person": person,
            "today": dt.date.today(),
            "can_change": can(request.user, "bodies.person:change"),
            "can_link": can(request.user, "bodies.person:link_account"),
            "history": history_for(person) if can(request.user, "core.audit:view") else None,
        },
    )


@login_required
def person_account(request, pk):
    """Link the person to a user account (or unlink), or create an account for them."""
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    refused = refuse_without(request, "bodies.person:link_account", "bodies:person", pk=pk)
    if refused:
        return refused
    initial = {"user": person.user_id, "version": person.version}
    link_form = PersonAccountForm(
        request.POST if "link" in request.POST else None, person=person, initial=initial
    )
    create_form = PersonAccountCreateForm(
        request.POST if "create" in request.POST else None,
        initial={"person_version": person.version},
    )
    if request.method == "POST" and "link" in request.POST and link_form.is_valid():
        data = link_form.cleaned_data
        saved = call_service(
            link_form,
            lambda: services.person_account_link(
                actor=request.user, person=person, user=data["user"], version=data["version"]
            ),
        )
        if saved is not None:
            messages.success(
                request,
                _("%(person)s är kopplad till kontot %(user)s.")
                % {"person": saved, "user": saved.user.get_username()}
                if saved.user
                else _("%(person)s har inget användarkonto längre.") % {"person": saved},
            )
            return redirect("bodies:person", pk=pk)
    if request.method == "POST" and "create" in request.POST and create_form.is_valid():
        data = create_form.cleaned_data
        account = call_service(
            create_form,
            lambda: services.person_account_create(
                actor=request.user,
                person=person,
                username=data["username"],
                role=data["role"],
                version=data["person_version"],
            ),
        )
        if account is not None:
            messages.success(
                request,
                _(
                    "Kontot %(user)s är skapat och kopplat till %(person)s. Det har inget "
                    "lösenord än: sätt ett i administrationen, eller låt personen logga in "
                    "med organisationens konto."
                )
                % {"user": account.get_username(), "person": person},
            )
            return redirect("bodies:person", pk=pk)
    return render(
        request,
        "bodies/person_account.html",
        {"person": person, "link_form": link_form, "create_form": create_form},
        status=400 if request.method == "POST" else 200,
    )


person_form = EditPage(
    Person,
    PersonForm,
    services.person_create,
    services.person_update,
    list_url="bodies:people",
    detail_url="bodies:person",
)
