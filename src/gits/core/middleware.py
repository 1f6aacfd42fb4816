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
