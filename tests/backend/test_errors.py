"""The one code→class mapping, exit codes, and that no error text carries a token."""

from __future__ import annotations

import pytest

from backend import errors as e


@pytest.mark.parametrize(
    ("code", "status", "cls"),
    [
        (1001, 200, e.AuthError), (1010, None, e.AuthError), (1011, 403, e.AuthError),
        (None, 401, e.AuthError), (1002, 200, e.SessionNotFound), (2001, 200, e.OutOfCredits),
        (4001, 400, e.UnsupportedFile), (4002, 413, e.FileTooLarge),
        (None, 400, e.MissingClientId), (None, 402, e.ExportBlocked), (None, 429, e.RateLimited),
        (None, 500, e.ServerError), (None, 503, e.ServerError), (9999, 200, e.ServerError),
        (None, 404, e.BadResponse), (None, None, e.ServerError),
    ],
)
def test_error_for_maps_each_documented_condition(code: int | None, status: int | None,
                                                  cls: type[e.APIError]) -> None:
    err = e.error_for(code=code, status=status, request_id="req-1")
    assert type(err) is cls
    assert (err.code, err.status, err.request_id) == (code, status, "req-1")
    assert str(err)  # a default message always exists


def test_code_wins_over_status() -> None:
    assert isinstance(e.error_for(code=2001, status=402), e.OutOfCredits)


def test_extras_reach_the_error() -> None:
    credits = e.error_for(code=2001, extra={"user_id": "u-7"})
    assert isinstance(credits, e.OutOfCredits)
    assert credits.user_id == "u-7"
    limited = e.error_for(status=429, extra={"retry_after": "30"})
    assert isinstance(limited, e.RateLimited)
    assert limited.retry_after == 30.0


def test_every_branch_has_its_own_exit_code() -> None:
    codes = {cls: cls.exit_code for cls in (
        e.SkillError, e.ConfigError, e.UsageError, e.TransportError, e.AuthError,
        e.OutOfCredits, e.ExportBlocked, e.FileRejected, e.RateLimited, e.ServerError,
        e.SessionNotFound, e.RenderFailed, e.GenerationLost)}
    assert len(set(codes.values())) == len(codes)
    assert e.UnsupportedFile.exit_code == e.FileTooLarge.exit_code == e.FileRejected.exit_code


@pytest.mark.parametrize(
    "text",
    [
        "token nmv_usr_abc123XYZ expired",
        "Authorization: Bearer sk-live-0123456789",
        '{"token": "opaque-value-42", "x": 1}',
        "access_token=opaque-value-42&y=2",
    ],
)
def test_redact_removes_tokens(text: str) -> None:
    out = e.redact(text)
    for secret in ("abc123XYZ", "sk-live-0123456789", "opaque-value-42"):
        assert secret not in out
    assert "***" in out


def test_errors_redact_message_body_and_repr() -> None:
    err = e.error_for(code=1001, message="bad token nmv_usr_leak",
                      body='{"authorization":"Bearer nmv_usr_leak"}')
    for text in (str(err), repr(err), err.body, err.message):
        assert "nmv_usr_leak" not in text
    assert e.redact("the secret hunter2", secrets=("hunter2",)) == "the secret ***"


def test_skill_error_names_file_field_and_line() -> None:
    err = e.SkillError("is bad", path="/x/SKILL.md", field="name", line=3)
    assert str(err) == "/x/SKILL.md:3, field 'name': is bad"


def test_429_on_token_acquisition_is_the_quota() -> None:
    from backend.errors import RateLimited, TokenQuotaExceeded, error_for

    quota = error_for(status=429, extra={"token_request": True, "retry_after": 60})
    assert type(quota) is TokenQuotaExceeded
    assert quota.retry_after == 60
    assert quota.exit_code == 15
    worded = error_for(code=4290, status=403, message="Anonymous token quota exceeded",
                       extra={"token_request": True})
    assert type(worded) is TokenQuotaExceeded
    assert type(error_for(status=429, extra={"token_request": False})) is RateLimited
