"""Helpers shared by the meetings pages."""

from django.contrib import messages
from django.shortcuts import redirect

from gits.core.errors import DomainError
from gits.core.forms import call_service
from gits.core.formviews import post_action


def posted_form(request, form, save, *, invalid, success, next_url):
    """A small form posted from a page and answered there: a form not filled in says
    `invalid`, otherwise `save(cleaned_data)` runs as a button would."""

    def run():
        if not form.is_valid():
            raise DomainError(invalid)
        return save(form.cleaned_data)

    return post_action(request, run, success=success, next_url=next_url)


def form_on_page(request, form, save, *, success, next_url, page):
    """A form posted from a detail page: on success say so and go on; otherwise show the
    page again with the form and why (status 400)."""
    if form.is_valid():
        saved = call_service(form, lambda: save(dict(form.cleaned_data)))
        if saved is not None:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(next_url(saved) if callable(next_url) else next_url)
    return page()
