from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.envelope import decode_response, expect_dict, unwrap
from backend.errors import (
    APIError,
    AuthError,
    BadResponse,
    ExportBlocked,
    FileTooLarge,
    MissingClientId,
    OutOfCredits,
    RateLimited,
    ServerError,
    SessionNotFound,
    UnsupportedFile,
)

JSON = {"content-type": "application/json"}


def decode(status: int, body: object, headers: dict[str, str] | None = None, **kw: object
           ) -> object:
    return decode_response(status, headers or JSON, json.dumps(body).encode(), **kw)  # type: ignore[arg-type]


def test_the_three_shapes_unwrap_to_the_same_data() -> None:
    data = {"available": 100}
    assert decode(200, {"code": 0, "data": data, "message": "ok"}) == data
    assert decode(200, {"success": True, "data": data, "error": None}) == data
    assert decode(200, data) == data


@pytest.mark.parametrize(("body", "status", "cls"), [
    ({"code": 1001, "message": "token expired"}, 200, AuthError),
    ({"code": 1010, "message": "auth"}, 401, AuthError),
    ({"code": 1011}, 200, AuthError),
    ({"detail": "unauthorised"}, 401, AuthError),
    ({"code": 1002, "message": "no session"}, 404, SessionNotFound),
    ({"code": 2001, "message": "no credits"}, 402, OutOfCredits),
    ({"success": False, "error": {"code": 4001, "message": "bad type"}}, 400, UnsupportedFile),
    ({"success": False, "error": {"code": 4002, "message": "too big"}}, 413, FileTooLarge),
    ({"error": "attribution missing"}, 402, ExportBlocked),
    ({"error": "slow down"}, 429, RateLimited),
    ({"success": False, "error": "boom"}, 500, ServerError),
    ({"code": 9999, "message": "odd"}, 200, ServerError),
])
def test_codes_and_statuses_map_to_one_class_each(body: object, status: int,
                                                  cls: type[APIError]) -> None:
    with pytest.raises(cls) as info:
        decode(status, body)
    assert type(info.value) is cls
    assert info.value.status == status


def test_a_400_is_missing_client_id_only_on_token_acquisition() -> None:
    with pytest.raises(MissingClientId):
        decode(400, {"message": "X-Client-Id required"}, token_request=True)
    with pytest.raises(BadResponse) as info:
        decode(400, {"message": "task_name required"})
    assert "task_name required" in str(info.value)


def test_out_of_credits_carries_what_the_registration_message_needs() -> None:
    with pytest.raises(OutOfCredits) as info:
        decode(200, {"code": 2001, "message": "insufficient", "data": {"user_id": "u42"}},
               extra={"anonymous": True})
    assert info.value.user_id == "u42"
    assert info.value.anonymous is True


def test_rate_limit_keeps_retry_after_and_request_id() -> None:
    headers = {**JSON, "retry-after": "12", "x-request-id": "req-1"}
    with pytest.raises(RateLimited) as info:
        decode(429, {"error": "slow"}, headers=headers)
    assert info.value.retry_after == 12.0
    assert info.value.request_id == "req-1"


def test_an_html_error_page_is_an_error_not_data() -> None:
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    with pytest.raises(ServerError) as info:
        decode_response(502, {"content-type": "text/html"}, page)
    assert "502 Bad Gateway" in str(info.value)
    with pytest.raises(BadResponse) as bad:
        decode_response(200, {"content-type": "text/html"}, page)
    assert "text/html" in str(bad.value)


def test_unparseable_body_is_bad_response() -> None:
    with pytest.raises(BadResponse):
        decode_response(200, JSON, b'{"code": 0, "data": ')


def test_secrets_never_reach_the_error() -> None:
    body = {"code": 1001, "message": "token abc-SECRET-xyz is expired"}
    with pytest.raises(AuthError) as info:
        decode(200, body, secrets=("abc-SECRET-xyz",))
    text = str(info.value) + repr(info.value) + info.value.body
    assert "abc-SECRET-xyz" not in text


def test_empty_success_is_none_and_empty_failure_maps_by_status() -> None:
    assert decode_response(204, {}, b"") is None
    with pytest.raises(ServerError):
        decode_response(503, {}, b"")


def test_expect_dict_names_what_is_missing() -> None:
    with pytest.raises(BadResponse, match="session_id"):
        expect_dict({"task_id": "t"}, "create session", keys=("session_id",))
    with pytest.raises(BadResponse, match="expected an object"):
        expect_dict([1], "credits")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["code", "data", "message", "success", "error", "user_id", "detail"])
        | st.text(max_size=6), inner, max_size=5),
    max_leaves=15)


@settings(max_examples=300, deadline=None)
@given(st.integers(100, 599), _json, st.sampled_from(["application/json", "text/html", ""]))
def test_arbitrary_json_bodies_end_in_data_or_typed_errors(status: int, body: object,
                                                          ctype: str) -> None:
    try:
        decode_response(status, {"content-type": ctype}, json.dumps(body).encode())
    except APIError:
        return
    assert 200 <= status < 300, "a failed HTTP status never passes as data"


@settings(max_examples=300, deadline=None)
@given(st.integers(100, 599), st.binary(max_size=200))
def test_arbitrary_bytes_end_in_data_or_typed_errors(status: int, content: bytes) -> None:
    try:
        decode_response(status, JSON, content)
    except APIError:
        return
    assert 200 <= status < 300


@settings(max_examples=200, deadline=None)
@given(_json)
def test_unwrap_never_fails_untyped(body: object) -> None:
    with contextlib.suppress(APIError):
        unwrap(body)
