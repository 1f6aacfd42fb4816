from gits.core import requestid


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = requestid.start(request.headers.get("X-Request-ID", "")[:64] or None)
        request.request_id = requestid.current()
        try:
            response = self.get_response(request)
        finally:
            requestid.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class ChosenLanguageMiddleware:
    """Swedish unless the user has chosen another language with the language switch (a
    cookie). The browser's Accept-Language is not followed: many officials have English
    browsers but work in Swedish."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        # Restored afterwards so that a thread serving many requests (tests, a worker) does not
        # carry one user's language into the next piece of work.
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            if previous:
                translation.activate(previous)
            else:
                translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
