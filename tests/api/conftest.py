import pytest

from gits.accounts.services import token_create


@pytest.fixture
def auth_header():
    def make(user):
        _, raw = token_create(user=user)
        return {"Authorization": f"Bearer {raw}"}

    return make
