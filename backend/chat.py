"""One chat message over ``/run_sse``: sent once, streamed back as typed events.

Refusals before the stream starts (1001, 1002, 429) go through the client's policies: the
service did not take the message, so sending it again is safe. Once the stream has started,
nothing is ever sent again: a drop raises ``StreamDropped`` after the events that arrived.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING

import httpx

from backend.bounded import ACCEPT_ENCODING, BadEncoding, body_chunks, human_size, read_body
from backend.envelope import decode_response
from backend.errors import (
    APIError,
    BadResponse,
    ConnectError,
    ResponseTooLarge,
    StreamDropped,
    TimeoutError_,
    redact,
)
from backend.events import ChatEvent, PartialText, StreamError, Text
from backend.limits import duration_text
from backend.sse import SSEParser
from backend.sse_framing import LineReader
from backend.wire import json_body, replace_surrogates

if TYPE_CHECKING:
    from backend.client import NemoClient

__all__ = ["ChatStream"]

log = logging.getLogger(__name__)


class ChatStream:
    """Iterate once for the agent's events. After (or during) iteration: ``reply`` is the
    text so far, each piece counted once; ``malformed`` counts skipped lines; ``sent`` counts
    the requests that reached the service (never more than one accepted one).

    Raises, while iterating: the mapped ``APIError`` for a refusal or an error event,
    ``ConnectError`` when the service cannot be reached (nothing was sent), ``StreamDropped``
    when the stream broke or went silent longer than ``Timings.stream_read_timeout``,
    ``TimeoutError_`` after ``Timings.heartbeat_only_limit`` seconds of heartbeats only or
    past ``Limits.chat_deadline``, and ``ResponseTooLarge`` when a line, an event, the reply
    text or the whole stream outgrows its ``Limits``.

    A lone surrogate in ``text`` (undecodable bytes in an argument) is sent as U+FFFD.
    """

    def __init__(self, client: NemoClient, text: str) -> None:
        self._client = client
        self.text = replace_surrogates(text)
        self.parser = SSEParser(clock=client.clock, secrets=client.secrets(),
                                max_event_bytes=client.limits.sse_event_bytes)
        self.sent = 0
        self._started = False
        self._text_chars = 0
        self._partial_chars = 0

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
        limits = client.limits
        loop = asyncio.get_running_loop()
        retried: set[type[APIError]] = set()
        while True:
            session = await client.ensure_session()
            token = await client._token()
            headers = {**client._attribution, "Authorization": f"Bearer {token}",
                       "Accept": "text/event-stream", "Cache-Control": "no-store",
                       "Accept-Encoding": ACCEPT_ENCODING, "Content-Type": "application/json"}
            body = json_body({"app_name": "nemo_agent", "user_id": "me",
                              "session_id": session.session_id,
                              "new_message": {"role": "user", "parts": [{"text": self.text}]}})
            t = client.timings
            timeout = httpx.Timeout(t.request_timeout, read=t.stream_read_timeout)
            deadline = loop.time() + limits.chat_deadline
            request = client._http.build_request("POST", client.api_base + "/run_sse",
                                                 content=body, headers=headers,
                                                 timeout=timeout)
            try:
                refusal: APIError | None = None
                async with asyncio.timeout_at(deadline):
                    resp = await client._http.send(request, stream=True)
                try:
                    self.sent += 1
                    async with asyncio.timeout_at(deadline):
                        refusal = await self._refusal(resp)
                    if refusal is None:
                        async with contextlib.aclosing(self._read(resp, deadline)) as events:
                            async for event in events:
                                yield event
                        return
                finally:
                    await resp.aclose()
            except TimeoutError:
                raise TimeoutError_(
                    f"the chat message did not finish within "
                    f"{duration_text(limits.chat_deadline)}; it was not sent again: the agent "
                    "may still finish, ask for the status in a while") from None
            except httpx.ConnectError as exc:
                raise ConnectError(f"cannot reach {httpx.URL(client.api_base).host}: "
                                   f"{self._clean(exc)}") from None
            except (httpx.ConnectTimeout, httpx.PoolTimeout):
                raise ConnectError("the service did not accept the connection in time"
                                   ) from None
            except (httpx.TimeoutException, httpx.TransportError, httpx.DecodingError,
                    BadEncoding) as exc:
                # The message may have been taken: never send it again.
                raise StreamDropped(self._drop_message(exc)) from None
            await client.apply_policy(refusal, retried, token_used=token,
                                      session_id=session.session_id)

    async def _refusal(self, resp: httpx.Response) -> APIError | None:
        ctype = resp.headers.get("content-type", "").lower()
        if resp.status_code == 200 and "text/event-stream" in ctype:
            return None
        limits = self._client.limits
        content = await read_body(resp, limit=limits.error_body_bytes, what="the chat message",
                                  truncate=True, step=limits.inflate_step_bytes)
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

    async def _read(self, resp: httpx.Response, deadline: float
                    ) -> AsyncGenerator[ChatEvent, None]:
        limits = self._client.limits
        lines = LineReader(limits.sse_line_bytes)
        parser = self.parser
        idle_limit = self._client.timings.heartbeat_only_limit
        received = 0
        chunks = body_chunks(resp, step=limits.inflate_step_bytes, deadline=deadline)
        async with contextlib.aclosing(chunks):
            async for chunk in chunks:
                received += len(chunk)
                if received > limits.chat_stream_bytes:
                    raise ResponseTooLarge(
                        f"the chat stream sent more than {human_size(limits.chat_stream_bytes)}"
                        ": stopped reading it", what="the chat stream",
                        limit=limits.chat_stream_bytes)
                for line in lines.feed(chunk):
                    for event in parser.feed_line(line):
                        yield self._checked(event)
                if parser.idle_seconds >= idle_limit:
                    raise TimeoutError_(
                        f"only heartbeats for {idle_limit / 60:.0f} minutes: the agent may "
                        "still finish; ask for the status in a while")
        for line in lines.finish():
            for event in parser.feed_line(line):
                yield self._checked(event)
        for event in parser.finish():
            yield self._checked(event)
        if parser.malformed:
            log.info("chat stream ended; %d malformed lines skipped", parser.malformed)

    def _checked(self, event: ChatEvent) -> ChatEvent:
        """``event``, once it is known to be no error and to keep the reply within limits."""
        kind = type(event)
        if kind is StreamError:
            assert isinstance(event, StreamError)
            raise event.exception(secrets=self._client.secrets())
        if kind is Text or kind is PartialText:
            limit = self._client.limits.reply_chars
            if kind is Text:
                assert isinstance(event, Text)
                self._text_chars += len(event.text)
                over = self._text_chars > limit
            else:
                assert isinstance(event, PartialText)
                self._partial_chars += len(event.delta)
                over = self._partial_chars > limit
            if over:
                raise ResponseTooLarge(
                    f"the agent's reply is longer than {limit:,} characters: stopped reading "
                    "it", what="the reply", limit=limit, unit="characters")
        return event

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
