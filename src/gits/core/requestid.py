"""The id of the request being served, so that audit entries of one request can be grouped."""

import contextvars
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("gits_request_id", default="")


def current() -> str:
    return _request_id.get()


def start(value: str | None = None) -> contextvars.Token[str]:
    return _request_id.set(value or uuid.uuid4().hex)


def reset(token: contextvars.Token[str]) -> None:
    _request_id.reset(token)
