"""One chat message over ``/run_sse``: sent once, streamed back as typed events.

Refusals before the stream starts (1001, 1002, 429) go through the client's policies: the
service did not take the message, so sending it again is safe. Once the stream has started,
nothing is ever sent again: a drop raises ``StreamDropped`` after the events that arrived.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, AsyncIterator
from typing import TYPE_CHECKING

import httpx

from backend.envelope import decode_response
from backend.errors import (
    APIError,
    BadResponse,
    ConnectError,
    StreamDropped,
    TimeoutError_,
    redact,
)
from backend.events import ChatEvent, StreamError
from backend.sse import LineSplitter, SSEParser

if TYPE_CHECKING:
    from backend.client import NemoClient

__all__ = ["ChatStream"]

log = logging.getLogger(__name__)

_ERROR_BODY_LIMIT = 65536


class ChatStream:
    """Iterate once for the agent's events. After (or during) iteration: ``reply`` is the
    text so far, each piece counted once; ``malformed`` counts skipped lines; ``sent`` counts
    the requests that reached the service (never more than one accepted one).

    Raises, while iterating: the mapped ``APIError`` for a refusal or an error event,
    ``ConnectError`` when the service cannot be reached (nothing was sent), ``StreamDropped``
    when the stream broke or went silent longer than ``Timings.stream_read_timeout``, and
    ``TimeoutError_`` after ``Timings.heartbeat_only_limit`` seconds of heartbeats only.
    """

    def __init__(self, client: NemoClient, text: str) -> None:
        self._client = client
        self.text = text
        self.parser = SSEParser(clock=client.clock, secrets=client.secrets())
        self.sent = 0
        self._started = False

    def __repr__(self) -> str:
        return f"ChatStream(sent={self.sent}, events={self.parser.events})"

    @property
    def reply(self) -> str:
        return self.parser.reply

    @property
    def malformed(self) -> int:
        return self.parser.malformed

    def __aiter__(self) -> AsyncGenerator[ChatEvent, None]:
        if self._started:
            raise RuntimeError("a ChatStream can be iterated only once (it never re-sends)")
        self._started = True
        return self._events()

    async def _events(self) -> AsyncGenerator[ChatEvent, None]:
        client = self._client
        retried: set[type[APIError]] = set()
        while True:
            session = await client.ensure_session()
            token = await client._token()
            headers = {**client._attribution, "Authorization": f"Bearer {token}",
                       "Accept": "text/event-stream", "Cache-Control": "no-store"}
            body = {"app_name": "nemo_agent", "user_id": "me",
                    "session_id": session.session_id,
                    "new_message": {"role": "user", "parts": [{"text": self.text}]}}
            t = client.timings
            timeout = httpx.Timeout(t.request_timeout, read=t.stream_read_timeout)
            try:
                refusal: APIError | None = None
                async with client._http.stream("POST", client.api_base + "/run_sse",
                                               json=body, headers=headers,
                                               timeout=timeout) as resp:
                    self.sent += 1
                    refusal = await self._refusal(resp)
                    if refusal is None:
                        async for event in self._read(resp):
                            yield event
                        return
            except httpx.ConnectError as exc:
                raise ConnectError(f"cannot reach {httpx.URL(client.api_base).host}: "
                                   f"{self._clean(exc)}") from None
            except (httpx.ConnectTimeout, httpx.PoolTimeout):
                raise ConnectError("the service did not accept the connection in time"
                                   ) from None
            except (httpx.TimeoutException, httpx.TransportError, httpx.DecodingError) as exc:
                # The message may have been taken: never send it again.
                raise StreamDropped(self._drop_message(exc)) from None
            await client.apply_policy(refusal, retried, token_used=token,
                                      session_id=session.session_id)

    async def _refusal(self, resp: httpx.Response) -> APIError | None:
        ctype = resp.headers.get("content-type", "").lower()
        if resp.status_code == 200 and "text/event-stream" in ctype:
            return None
        content = b""
        async for chunk in resp.aiter_bytes():
            content += chunk
            if len(content) >= _ERROR_BODY_LIMIT:
                break
        try:
            decode_response(resp.status_code, resp.headers, content,
                            secrets=self._client.secrets(),
                            extra=self._client._error_context())
        except APIError as exc:
            return exc
        what = ctype.partition(";")[0] or "no content type"
        return BadResponse(f"the chat answer is not an event stream ({what})",
                           status=resp.status_code,
                           body=redact(content[:2000].decode("utf-8", "replace"),
                                       self._client.secrets()))

    async def _read(self, resp: httpx.Response) -> AsyncIterator[ChatEvent]:
        splitter = LineSplitter()
        parser = self.parser
        limit = self._client.timings.heartbeat_only_limit
        secrets = self._client.secrets()
        async for chunk in resp.aiter_text():
            for line in splitter.feed(chunk):
                for event in parser.feed_line(line):
                    if type(event) is StreamError:
                        raise event.exception(secrets=secrets)
                    yield event
            if parser.idle_seconds >= limit:
                raise TimeoutError_(
                    f"only heartbeats for {limit / 60:.0f} minutes: the agent may still "
                    "finish; ask for the status in a while")
        for line in splitter.finish():
            for event in parser.feed_line(line):
                if type(event) is StreamError:
                    raise event.exception(secrets=secrets)
                yield event
        for event in parser.finish():
            if type(event) is StreamError:
                raise event.exception(secrets=secrets)
            yield event
        if parser.malformed:
            log.info("chat stream ended; %d malformed lines skipped", parser.malformed)

    def _drop_message(self, exc: Exception) -> str:
        if isinstance(exc, httpx.ReadTimeout):
            why = (f"no data (not even a heartbeat) for "
                   f"{self._client.timings.stream_read_timeout:.0f} s")
        else:
            why = self._clean(exc)
        return (f"the chat stream broke ({why}); the message was not sent again: "
                "checking the project state instead")

    def _clean(self, exc: Exception) -> str:
        return redact(str(exc) or type(exc).__name__, self._client.secrets())[:300]
