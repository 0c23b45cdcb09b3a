"""The conversation: one user message in, typed reply events out, in the user's language.

It connects lazily, routes the message, and runs one flow: chat with the backend agent over
SSE, export, credits, state or upload. It never prints; hosts render the events.

Flows are async generators that delegate to each other. Each one closes the generator it
iterates (``contextlib.aclosing``): async generators have no ``yield from``, and a chain left
open when a host stops listening is otherwise closed out of order at exit ("already running").
"""

from __future__ import annotations

import contextlib
import functools
import re
import time
import types
from collections.abc import AsyncGenerator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from backend import uploads
from backend.client import NemoClient
from backend.draft import draft_ready
from backend.errors import (
    AuthError,
    ConfigError,
    ConnectError,
    FileRejected,
    FileTooLarge,
    GenerationLost,
    MediaUnavailable,
    NemoError,
    OutOfCredits,
    RenderFailed,
    StreamDropped,
    TokenQuotaExceeded,
    UnsupportedFile,
    os_reason,
)
from backend.models import SessionState
from backend.session_store import BatchItem, PendingRender
from skill.conversation import questions
from skill.conversation.pump import Pump
from skill.replies import Error, Media, Progress, Reply, Status, Text
from translators import messages  # the other translators: imported by the flows using them
from translators.lang import normalize_language

if TYPE_CHECKING:
    from backend import events as ev
    from backend.render_job import RenderProgress
    from router.model import Match
    from translators.answers import Answer

__all__ = ["Conversation", "ConversationSettings", "RouteLike", "Router", "export_target"]

#: Silence (seconds) after which the user hears "⏳ Still working…" again (DESIGN §2).
STILL_WORKING_EVERY = 120.0


class RouteLike(Protocol):
    """What the conversation needs from a route (``router.Route`` is one)."""

    @property
    def action(self) -> str: ...

    @property
    def language(self) -> str: ...

    @property
    def then(self) -> str | None: ...

    @property
    def attachments(self) -> tuple[str, ...]: ...

    @property
    def reason(self) -> str: ...

    @property
    def matched(self) -> Match | None: ...


class Router(Protocol):
    def route(self, text: str, attachments: Sequence[str] = (), *,
              after: str | None = None, prior_language: str | None = None) -> RouteLike: ...

    def destination(self, text: str) -> str | None: ...


def export_target(path: Path) -> Path:
    """Where an export asked for at ``path`` is written: a folder gets a fresh file name,
    and a name without ``.mp4`` gets it ("out" → "out.mp4"); ``~`` and relative paths are
    resolved (against the working directory)."""
    from backend.render_job import output_filename

    path = path.expanduser().resolve()
    if path.is_dir():
        return path / output_filename()
    return path if path.suffix.lower() == ".mp4" else path.with_name(path.name + ".mp4")


@dataclass(frozen=True)
class ConversationSettings:
    """Where videos go and how the replies are worded."""

    export_dir: Path
    web_url: str
    default_language: str = "en"
    gui_phrases: Mapping[str, Mapping[str, Sequence[str]]] = field(default_factory=dict)
    gui_mode: str = "extend"
    still_working_every: float = STILL_WORKING_EVERY
    #: The backend is the local one: out of credits is told how to add its (free) credits,
    #: never sent to the cloud's registration page.
    local: bool = False
    #: Where a path a message names as the video's destination ("render it to
    #: ./dist/promo.mp4") is written, or None to ignore it; default ``export_target``. A host
    #: that limits where files go (the MCP server's allowed folders) vets it here.
    place_export: Callable[[str], Path | None] | None = None


class Conversation:
    """A chat with one NemoVideo project. ``send`` takes any user message and routes it;
    ``credits``, ``timeline``, ``export`` and ``upload`` run one action directly.

    ``client`` is an open ``NemoClient``; ``router`` classifies messages; ``clock`` drives the
    "still working" notices so tests need not wait.
    """

    def __init__(self, client: NemoClient, router: Router, settings: ConversationSettings, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.router = router
        self.settings = settings
        self.clock = clock
        #: Where the API is now (``open_conversation`` sets it for the shared local backend,
        #: which may make way for a server of newer code); None: the address never moves.
        self.locate_api: Callable[[], str] | None = None
        self._last_language: str | None = None

    async def follow_api(self) -> None:
        """Point the client at where the API is now, for a host that lives across many
        messages (the MCP server) to call before each. Best effort: when the API cannot be
        found, the requests that follow fail and are worded as usual."""
        if self.locate_api is None:
            return
        import asyncio
        import logging

        try:
            url = await asyncio.to_thread(self.locate_api)
        except NemoError as exc:
            logging.getLogger(__name__).warning("the local backend cannot be reached: %s", exc)
            return
        if url != self.client.api_base:
            logging.getLogger(__name__).info("the local backend moved to %s", url)
            self.client.api_base = url

    # -- entry points ------------------------------------------------------------------------

    async def send(self, text: str, attachments: Sequence[str] = (), *,
                   export_to: Path | None = None,
                   new_project: bool = False) -> AsyncGenerator[Reply, None]:
        """Handle one user message; yield reply events until it is fully answered.

        ``export_to`` asks for the project's video at that path after the message (the CLI's
        ``--export``). ``new_project`` starts a new project (session) first; the old one and
        its exported videos stay as they are. Failures end in one ``Error`` event worded for
        the user; nothing raises except programming errors and cancellation.
        """
        if not text.strip() and not attachments:
            if new_project:  # "start a new project", with nothing to say yet
                async with contextlib.aclosing(self.new_project()) as started:
                    async for reply in started:
                        yield reply
                return
            # Nothing was said: no request, no session; tell the user what to send.
            yield Error(messages.render("empty_message", self._language("")), code=2,
                        error="EmptyMessage")
            return
        # What our previous reply was (persisted: hosts start a process per message) makes a
        # short follow-up mean something: "ok do it" after an export offer is an export.
        stored = self.client.store.load()
        # The language the user wrote in before settles a message that fits several ("no").
        route = self.router.route(text, tuple(attachments), after=stored.last_reply,
                                  prior_language=self._last_language or stored.language)
        if export_to is None and "export" in (route.action, route.then):
            # "render it to ./dist/promo.mp4": the video goes where the message says.
            named = self.router.destination(text)
            if named is not None:
                place = self.settings.place_export
                export_to = export_target(Path(named)) if place is None else place(named)
        asked = (questions.pending(self.client.store)
                 if not attachments and not new_project else None)
        lang = self._language(_asked_in(asked) if asked is not None and _says_no_language(
            text, route.language) else route.language, text=text)
        message: AsyncGenerator[Reply, None]
        answer = _interpret(asked, text) if asked is not None else None
        if asked is not None and (answer is not None or route.action not in _ASIDES):
            # The agent is waiting for this answer: unless it is no answer at all and asks for
            # the credits, the project or the file, it is not a command.
            message = self._answer(asked, answer, text, lang, export_to)
        elif attachments and (parts := _batch().split_parts(
                text, [_file_name(a) for a in attachments])):
            # Different instructions per file: each part is its own video.
            message = self._batch([_Job([attachments[i] for i in part.files], part.text,
                                        part.missing) for part in parts],
                                  tuple(attachments), lang,
                                  ignored=_batch().unused_text(text, [_file_name(a)
                                                                      for a in attachments]))
        elif attachments and _batch().wants_batch(text, len(attachments)):
            instruction = _batch().each_instruction(text)
            message = self._batch([_Job([a], instruction) for a in attachments],
                                  tuple(attachments), lang)
        else:
            message = self._in_named_project(text, lang,
                                             self._message(route, text, lang, export_to))
        flow = self._guarded(lang, self._new_project(lang, message) if new_project else message)
        # The export hint is rendered when the first text reply is seen, not here: rendering
        # loads the template engine, which a cloud request need not wait for.
        last = _LastReply("chat" if asked is not None else route.then or route.action,
                          functools.partial(messages.render, "gui_hint_export", lang))
        async with contextlib.aclosing(flow) as replies:
            async for reply in replies:
                last.saw(reply)
                yield reply
        # A message that tells its language settles the project's: the next ambiguous one
        # ("加字幕：雞排" in characters both Chinese scripts share), sent by another process
        # (hosts start one per message), keeps it rather than the language the project began in.
        told = (lang if route.language not in ("", "und", "zh") and asked is None
                and lang != stored.language else None)
        with contextlib.suppress(NemoError):  # the reply is out; the context is a nicety
            self.client.store.update(last_reply=last.context(),
                                     **({"language": told} if told else {}))

    async def new_project(self, *, language: str | None = None) -> AsyncGenerator[Reply, None]:
        """Start a new, empty project (session); the current one is left as it is."""
        lang = self._language(language or "")

        async def nothing() -> AsyncGenerator[Reply, None]:
            return
            yield
        async with contextlib.aclosing(self._guarded(lang, self._new_project(lang, nothing()))
                                       ) as replies:
            async for reply in replies:
                yield reply

    async def _new_project(self, lang: str, then: AsyncGenerator[Reply, None]
                           ) -> AsyncGenerator[Reply, None]:
        await self.client.new_session(lang)
        yield Text(messages.render("new_project", lang))
        async with contextlib.aclosing(then) as replies:
            async for reply in replies:
                yield reply

    async def _batch(self, jobs: Sequence[_Job], attachments: tuple[str, ...], lang: str, *,
                     ignored: str = "") -> AsyncGenerator[Reply, None]:
        """One project per job (its files and what to do with them), each exported;
        remembered so later messages can name one ("the second one", its file name). Ends
        with one line per video: what it holds and where it was saved."""
        stored = self.client.store.load()
        # "Now a separate video from this one" adds to the batch the user is working through.
        items: list[BatchItem] = list(stored.batch) if len(jobs) == 1 else []
        lines: list[str] = []
        made = 0
        for number, job in enumerate(jobs, 1):
            if job.missing is not None:
                # "third: …" with two files: no file, so no project and no video.
                lines.append(messages.render("batch_missing_line", lang, n=number,
                                             ordinal=job.missing, attached=len(attachments)))
                continue
            names = [_file_name(f) for f in job.files]
            shown = ", ".join(names) or messages.render("batch_no_file", lang)
            yield Status(messages.render("batch_item", lang, n=number, count=len(jobs),
                                         name=shown))
            session = await self.client.new_session(lang)
            items.append(BatchItem(names[0] if names else f"#{len(items) + 1}",
                                   session.session_id, session.task_id or None))
            self.client.store.update(batch=tuple(items))
            flows: list[AsyncGenerator[Reply, None]] = []
            if job.files:
                flows.append(self._upload(job.files, lang))
            if job.text:
                flows.append(self._chat(job.text, lang))
            flows.append(self._export(lang, None))
            saved: Path | None = None
            failed = False
            try:
                for flow in flows:
                    async with contextlib.aclosing(flow) as replies:
                        async for reply in replies:
                            if isinstance(reply, Media):
                                saved = reply.path
                            yield reply
            except _ONE_VIDEO_FAILURES as exc:
                # This file or this render failed: said now, and the other videos still made.
                failed = True
                yield await self._failure_told(exc, lang)
            except OSError as exc:
                failed = True
                yield self._failure(_local_file_error(exc, lang), lang)
            made += saved is not None
            state = await self.client.state()
            lines.append(messages.render("batch_video_line", lang,
                                         n=len(items) if len(jobs) == 1 else number,
                                         names=shown, summary=_contents(state.draft, lang),
                                         path=str(saved) if saved else None, failed=failed))
        used = {f for job in jobs for f in job.files}
        unused = [_file_name(a) for a in attachments if a not in used]
        if len(jobs) == 1 and made:
            header = messages.render("new_project", lang)
        elif made < len(jobs):
            # Only what was made is counted: "2 of 3 videos made".
            header = messages.render("batch_some_made", lang, made=made, count=len(jobs),
                                     unused=unused)
        elif all(len(job.files) == 1 for job in jobs) and not unused and all(
                job.text == jobs[0].text for job in jobs):
            header = messages.render("batch_done", lang, count=len(jobs),
                                     names=[_file_name(job.files[0]) for job in jobs])
        else:
            header = messages.render("batch_parts_done", lang, count=len(jobs), unused=unused)
        if ignored:  # asked before the first part, for no video in particular
            lines.append(messages.render("batch_text_unused", lang, text=ignored))
        yield Text("\n".join([header, *lines]))

    async def _in_named_project(self, text: str, lang: str, then: AsyncGenerator[Reply, None]
                                ) -> AsyncGenerator[Reply, None]:
        """Switch to the batch project ``text`` names, if any, then run ``then``."""
        stored = self.client.store.load()
        if stored.batch:
            index = _batch().pick(text, [item.name for item in stored.batch])
            if index is not None and stored.batch[index].session_id != stored.session_id:
                item = stored.batch[index]
                self.client.store.update(session_id=item.session_id, task_id=item.task_id)
                yield Status(messages.render("batch_switch", lang, n=index + 1, name=item.name))
        async with contextlib.aclosing(then) as replies:
            async for reply in replies:
                yield reply

    # The direct actions below are for hosts whose user already chose the action (the MCP
    # server's tools): no routing, so nothing can be misread. They run the same flows as
    # ``send`` does for a routed message, and fail the same way (one ``Error`` event).

    def current_language(self) -> str:
        """The language replies are in now: the one the user last wrote in, then the
        session's, then the default (for texts a host adds around the replies)."""
        return self._language("")

    async def credits(self, *, language: str | None = None,
                      alongside: bool = False) -> AsyncGenerator[Reply, None]:
        """Yield the credit balance (one ``Text``). ``language`` defaults to the language
        the user last wrote in (then the session's). ``alongside``: another call of this
        conversation is running, so only read (it delivers any pending render itself)."""
        lang = self._language(language or "")

        async def flow() -> AsyncGenerator[Reply, None]:
            yield await self._credits(lang)
        async with contextlib.aclosing(
                self._guarded(lang, flow(), resume=not alongside)) as replies:
            async for reply in replies:
                yield reply

    async def timeline(self, *, language: str | None = None,
                       alongside: bool = False) -> AsyncGenerator[Reply, None]:
        """Yield the project's timeline summary (one ``Text``; "nothing yet" when empty);
        ``alongside`` as for ``credits``."""
        lang = self._language(language or "")

        async def flow() -> AsyncGenerator[Reply, None]:
            yield await self._timeline(lang)
        async with contextlib.aclosing(
                self._guarded(lang, flow(), resume=not alongside)) as replies:
            async for reply in replies:
                yield reply

    async def export(self, export_to: Path | None = None, *,
                     language: str | None = None) -> AsyncGenerator[Reply, None]:
        """Render the project and yield progress, then the ``Media`` (saved at ``export_to``,
        else in the export directory), or a ``Text`` saying there is nothing to export yet."""
        lang = self._language(language or "")
        flow = self._guarded(lang, self._export(lang, export_to))
        async with contextlib.aclosing(flow) as replies:
            async for reply in replies:
                yield reply

    async def upload(self, attachments: Sequence[str], instruction: str | None = None, *,
                     language: str | None = None) -> AsyncGenerator[Reply, None]:
        """Upload files and links to the project, then, if given, send ``instruction`` (what
        to do with them) to the assistant as a chat message."""
        detected = self.router.route(instruction).language if instruction else ""
        lang = self._language(language or detected)

        async def flow() -> AsyncGenerator[Reply, None]:
            async with contextlib.aclosing(self._upload(attachments, lang)) as replies:
                async for reply in replies:
                    yield reply
            if instruction and instruction.strip():
                async with contextlib.aclosing(self._chat(instruction, lang)) as replies:
                    async for reply in replies:
                        yield reply
        async with contextlib.aclosing(self._guarded(lang, flow())) as replies:
            async for reply in replies:
                yield reply

    async def _guarded(self, lang: str, flow: AsyncGenerator[Reply, None], *,
                       resume: bool = True) -> AsyncGenerator[Reply, None]:
        """Connect, deliver renders left pending by an earlier process (if ``resume``), then
        run ``flow``; a ``NemoError`` anywhere ends it with one ``Error`` event."""
        try:
            async with contextlib.aclosing(self._connect(lang)) as replies:
                async for reply in replies:
                    yield reply
            if resume:
                async with contextlib.aclosing(self._resume_pending(lang)) as replies:
                    async for reply in replies:
                        yield reply
            async with contextlib.aclosing(flow) as replies:
                async for reply in replies:
                    yield reply
        except NemoError as exc:
            yield await self._failure_told(exc, lang)
        except OSError as exc:
            # A local file or folder problem (an attachment, the export folder, the state
            # directory): explained like any other failure, never a traceback.
            yield self._failure(_local_file_error(exc, lang), lang)

    async def _message(self, route: RouteLike, text: str, lang: str,
                       export_to: Path | None) -> AsyncGenerator[Reply, None]:
        # An export step (asked for, or a video delivered) already used export_to.
        exported = "export" in (route.action, route.then)
        async with contextlib.aclosing(self._dispatch(route, text, lang, export_to)) as replies:
            async for reply in replies:
                exported = exported or isinstance(reply, Media)
                yield reply
        if export_to is not None and not exported and questions.pending(
                self.client.store) is None:
            async with contextlib.aclosing(self._export(lang, export_to)) as replies:
                async for reply in replies:
                    yield reply

    async def _answer(self, asked: ev.AgentQuestion, answer: Answer | None, text: str,
                      lang: str, export_to: Path | None) -> AsyncGenerator[Reply, None]:
        """Send the user's ``answer`` to the agent's question in the form it expects. An
        answer that maps onto no option is never guessed: a sentence ("a lighthouse on a cliff")
        is the user's own instruction and goes to the agent as it is (as typed into the chat
        box instead of clicking an option); anything else asks again and says why."""
        from translators import answers

        if answer is None and not answers.free_form(asked, text):
            yield questions.reply_for(asked, lang, again=True, said=text)
            return
        questions.forget(self.client.store)
        message = answers.answer_message(asked, answer) if answer is not None else text
        exported = False
        try:
            async with contextlib.aclosing(self._chat(message, lang, export_to)) as replies:
                async for reply in replies:
                    exported = exported or isinstance(reply, Media)
                    yield reply
        except (ConnectError, AuthError, TokenQuotaExceeded):
            # The answer never reached the agent: it still waits for it.
            questions.remember(self.client.store, asked)
            raise
        if export_to is not None and not exported and questions.pending(
                self.client.store) is None:
            async with contextlib.aclosing(self._export(lang, export_to)) as replies:
                async for reply in replies:
                    yield reply

    async def _dispatch(self, route: RouteLike, text: str, lang: str,
                        export_to: Path | None) -> AsyncGenerator[Reply, None]:
        steps = [route.action] + ([route.then] if route.then else [])
        for step in steps:
            if step == "export":
                async with contextlib.aclosing(self._export(lang, export_to)) as replies:
                    async for reply in replies:
                        yield reply
            elif step == "credits":
                yield await self._credits(lang, asked=text)
            elif step == "state":
                yield await self._timeline(lang, asked=_sentence_of(text, route.matched))
            elif step == "upload":
                async with contextlib.aclosing(self._upload(route.attachments, lang)) as replies:
                    async for reply in replies:
                        yield reply
            elif route.reason in ("declined", "follow-up"):
                # "先别导出", or "dale" with nothing offered: nothing for the assistant to do,
                # and it would only say it did not understand.
                yield Text(self._unasked(route, lang))
            else:
                async with contextlib.aclosing(self._chat(text, lang, export_to)) as replies:
                    async for reply in replies:
                        yield reply

    @staticmethod
    def _unasked(route: RouteLike, lang: str) -> str:
        if route.reason == "follow-up":
            return messages.render("nothing_to_confirm", lang)
        role = route.matched.role if route.matched else "export"  # "not yet" to an offer
        hint = messages.render("gui_hint_export", lang) if role == "export" else ""
        return messages.render("declined", lang, hint=hint)

    # -- connection and language ---------------------------------------------------------------

    def _language(self, detected: str, *, text: str = "") -> str:
        # The user's latest message decides; a message with no clue ("ok", a file) and the
        # actions that carry no text (MCP's get_credits, export_video) keep the language the
        # user last wrote in, then the session's.
        if detected == "zh":
            # Chinese in characters both scripts share ("加字幕"): a Traditional writer's
            # earlier messages (or session) decide, so the reply does not flip to Simplified.
            earlier = self._last_language or normalize_language(
                self.client.store.load().language or "")
            # Japanese writes them too: "海", "映画風" alone in a Japanese conversation are
            # Japanese words, answered in Japanese (the local agent keeps it so as well); a
            # sentence ("我想加字幕") is Chinese.
            keeps = ("zh", "zh-Hant", "ja") if _one_shared_word(text) else ("zh", "zh-Hant")
            self._last_language = earlier if earlier in keeps else "zh"
            return self._last_language
        if detected and detected not in ("und", ""):
            self._last_language = normalize_language(detected)
            return self._last_language
        if self._last_language:
            return self._last_language
        stored = self.client.store.load().language
        return normalize_language(stored or self.settings.default_language)

    def greeting_language(self, locale: str | None = None) -> str:
        """The language to greet in before the user has written: the one they last wrote in,
        the project's, a configured one, then the system ``locale``'s ("ko_KR.UTF-8"), else
        English."""
        stored = self.client.store.load().language
        if self._last_language or stored:
            return self._language("")
        if self.settings.default_language != "en" or not locale:
            return normalize_language(self.settings.default_language)
        return normalize_language(locale.split(".")[0].split("@")[0].replace("_", "-"))

    async def _connect(self, lang: str) -> AsyncGenerator[Reply, None]:
        if self.client.store.load().session_id:
            return
        yield Status(messages.render("connecting", lang))
        await self.client.ensure_session(lang)

    async def _resume_pending(self, lang: str) -> AsyncGenerator[Reply, None]:
        # A render started by an earlier (interrupted) process is delivered, not orphaned.
        # One that cannot be delivered any more is forgotten, so it never stands between the
        # user and their message.
        session = self.client.store.load().session_id
        for pending in self.client.pending_renders():
            if pending.session_id != session:  # another project's: nothing to deliver here
                self.client.store.remove_render(pending.render_id)
                continue
            yield Progress(messages.render("rendering", lang), 0.0)
            pump: Pump[Reply, Path] = Pump(functools.partial(self._resume, pending, lang))
            try:
                async with contextlib.aclosing(aiter(pump)) as replies:
                    async for reply in replies:
                        yield reply
            except NemoError:
                self.client.store.remove_render(pending.render_id)
                yield Status(messages.render("render_failed", lang))
                continue
            yield await self._media(pump.result, None, lang)

    async def _resume(self, pending: PendingRender, lang: str,
                      emit: Callable[[Reply], None]) -> Path:
        return await self.client.resume_render(
            pending, on_progress=self._progress_reporter(emit, lang))

    async def _failure_told(self, exc: NemoError, lang: str) -> Error:
        """``_failure``, with the balance when the service refused for lack of credits: "out
        of credits" beside a balance of 50 reads as a contradiction, "not enough for this
        (50 left)" does not. The balance is asked once; if that fails too, it is left out."""
        available: int | float | None = None
        if isinstance(exc, OutOfCredits):
            with contextlib.suppress(NemoError):
                available = _num((await self.client.credits()).available)
        return self._failure(exc, lang, available=available)

    def _failure(self, exc: NemoError, lang: str, *, available: int | float | None = None
                 ) -> Error:
        from skill.conversation.failures import FailureContext, reply_for

        stored = self.client.store.load()
        ctx = FailureContext(web_url=self.settings.web_url,
                             anonymous=self.client.token_source == "anonymous",
                             user_id=stored.user_id, wall_clock=self.client.wall_clock,
                             local=self.settings.local, available=available)
        return reply_for(exc, lang, ctx)

    # -- direct actions ----------------------------------------------------------------------------

    async def _credits(self, lang: str, *, asked: str = "") -> Text:
        from translators.cost import cost_questions

        c = await self.client.credits()
        balance = messages.render("credits", lang, available=_num(c.available),
                                  frozen=_num(c.frozen), total=_num(c.total))
        asks = cost_questions(asked) if asked else frozenset()
        if "spent" in asks:
            # "這支影片用了多少點數？": the service never says what a video cost; the balance
            # alone would answer another question.
            return Text(messages.render("credits_cost_unknown", lang) + "\n" + balance)
        # "how many more can I make?", "要花钱吗？": the balance, then what it means for the
        # question asked (a number alone answers neither).
        lines = [balance]
        if "videos" in asks:
            lines.append(messages.render("credits_videos_unknown", lang))
        if "money" in asks:
            lines.append(messages.render("credits_not_money", lang))
        return Text("\n".join(lines))

    async def _timeline(self, lang: str, state: SessionState | None = None, *,
                        asked: str = "") -> Text:
        from translators import timeline, tracks

        state = state or await self.client.state()
        if not draft_ready(state.draft):
            return Text(messages.render("timeline_empty", lang))
        # "字幕の一覧を見せて": a request that names one track is answered with that track.
        kind = tracks.named_track(asked) if asked else None
        if kind is not None:
            return Text(tracks.list_track(state.raw or state.draft, kind, lang))
        # The whole state, so that clips without a description of their own are named from
        # the state's video_analyses.
        return Text(timeline.summarize_timeline(state.raw or state.draft, lang))

    async def _export(self, lang: str, export_to: Path | None) -> AsyncGenerator[Reply, None]:
        state = await self.client.state()
        if not draft_ready(state.draft):
            yield Text(messages.render("export_not_ready", lang))
            return
        dest_dir = export_to.parent if export_to else self.settings.export_dir
        filename = export_to.name if export_to else None
        yield Progress(messages.render("rendering", lang), 0.0)
        pump: Pump[Reply, Path] = Pump(lambda emit: self.client.export(
            state.draft, dest_dir, on_progress=self._progress_reporter(emit, lang),
            filename=filename))
        async with contextlib.aclosing(aiter(pump)) as replies:
            async for reply in replies:
                yield reply
        yield await self._media(pump.result, state.draft, lang, asked=export_to)

    def _progress_reporter(self, emit: Callable[[Reply], None],
                           lang: str) -> Callable[[RenderProgress], None]:
        last = [-1]

        def report(p: RenderProgress) -> None:
            percent = int(p.percent)
            if p.phase == "rendering" and percent != last[0]:
                last[0] = percent
                emit(Progress(messages.render("render_progress", lang, percent=percent),
                              float(percent)))
            elif p.phase == "downloading" and last[0] != 100:
                last[0] = 100
                emit(Progress(messages.render("render_progress", lang, percent=100), 100.0))
        return report

    async def _media(self, path: Path, draft: Mapping[str, Any] | None, lang: str, *,
                     asked: Path | None = None) -> Media:
        draft = draft or {}
        width, height, dur = draft.get("w"), draft.get("h"), draft.get("d")
        # Every delivered video goes with the link that opens the project in the browser.
        from backend.claim import claim_link

        link = await claim_link(self.client, self.settings.web_url)
        text = messages.render("video_ready", lang, path=str(path), url=None)
        if asked is not None and path.name != asked.name:
            # A file of the name asked for was there: it is kept, and the new name is said.
            text += "\n" + messages.render("export_renamed", lang, asked=asked.name,
                                           saved=path.name)
        if link:
            text += "\n" + messages.render("claim_link", lang, url=link)
        return Media(
            path=path, text=text, claim_url=link,
            width=width if isinstance(width, int) else None,
            height=height if isinstance(height, int) else None,
            duration=dur / 1000 if isinstance(dur, int | float) else None,
        )

    async def _upload(self, attachments: Sequence[str], lang: str) -> AsyncGenerator[Reply, None]:
        urls = [a for a in attachments if a.lower().startswith(("http://", "https://"))]
        files = [a for a in attachments if a not in urls]
        names: list[str] = []
        count = len(urls) + len(files)
        if count == 0:
            yield Text(messages.render("gui_hint_upload", lang))
            return
        if files:
            # A missing or refused file is said before "Uploading…", not after it.
            uploads.check_files(files)
        yield Progress(messages.render("uploading", lang, count=count), None, stage="upload")
        if files:
            names += [f.display_name for f in (await self.client.upload_files(files)).files]
        if urls:
            names += [f.filename for f in (await self.client.upload_urls(urls)).files]
        yield Text(messages.render("upload_done", lang, count=count, names=names))

    # -- chat with the backend agent -----------------------------------------------------------

    async def _chat(self, text: str, lang: str,
                    export_to: Path | None = None) -> AsyncGenerator[Reply, None]:
        from translators import timeline
        from translators import turn as turn_rules

        before = await self.client.state()
        turn = _Turn(raw=_RawVideo(already=draft_ready(before.draft)))
        try:
            async with contextlib.aclosing(self._stream(text, lang, turn)) as replies:
                async for reply in replies:
                    yield reply
        except StreamDropped:
            # Never re-send: the service may still be working on it (and would charge twice).
            yield Status(messages.render("checking_progress", lang))
            pump: Pump[Reply, SessionState] = Pump(
                functools.partial(self._recover, before, lang))
            async with contextlib.aclosing(aiter(pump)) as replies:
                async for reply in replies:
                    yield reply
            after = pump.result
        else:
            if turn.raw.due():
                yield Text(messages.render("raw_video_ready", lang))
            after = await self.client.state()
        # A first video, or a new one made in this project (its generation is recorded).
        generated = draft_ready(after.draft) and (
            not draft_ready(before.draft)
            or len(after.generated_media or ()) > len(before.generated_media or ()))
        if generated:
            # All tracks, in the seeds' timeline form (the agent's own wording varies).
            summary = timeline.summarize_timeline(after.raw or after.draft, lang)
            yield Text(summary if turn.said else
                       messages.render("post_production_done", lang, timeline=summary))
        elif not turn.said:
            # About 30% of edits close the stream silently: tell the user what changed.
            for reply in self._changes(before, after, lang, quiet=False):
                yield reply
        # After an edit was made, "tell me the change in words" would be advice about nothing.
        edited = before.fingerprint() != after.fingerprint()
        if (not generated and not turn.asked and draft_ready(after.draft) and edited):
            # A completed edit: a few next steps that fit this draft.
            steps = turn_rules.next_steps(after.raw or {"draft": after.draft}, lang,
                                          before=before.raw or {"draft": before.draft})
            if steps:
                yield Text(steps)
        async for reply in self._follow_gui(turn.actions, after, lang, export_to,
                                            shown_timeline=generated, edited=edited):
            yield reply

    async def _stream(self, text: str, lang: str, turn: _Turn) -> AsyncGenerator[Reply, None]:
        """The agent's events for one message, as replies; the stream is closed on exit."""
        from backend import events as ev
        from translators import gui
        from translators import turn as turn_rules

        last_heard = self.clock()
        events = aiter(self.client.send_message(text))
        async with contextlib.aclosing(events):
            async for event in events:
                if isinstance(event, ev.Text):
                    turn.raw.agent_spoke()
                    translated = gui.translate(event.text, lang,
                                               extra_phrases=self.settings.gui_phrases,
                                               mode=self.settings.gui_mode, hints=False)
                    turn.actions += [a.action for a in translated.actions]
                    for reply in turn.say(translated.text):
                        yield reply
                    last_heard = self.clock()
                elif isinstance(event, ev.ToolCall):
                    if turn.raw.due():
                        yield Text(messages.render("raw_video_ready", lang))
                    stage = turn_rules.stage_message(event.name, lang)
                    if stage is not None and stage[0] != turn.stage:
                        # Tool names tell what the work is at (edits often say nothing).
                        turn.stage = stage[0]
                        yield Status(stage[1])
                    last_heard = self.clock()
                elif isinstance(event, ev.Question):
                    # The agent waits for the user: show it, and keep it for the next message
                    # (the next process, for hosts that run one per message).
                    questions.remember(self.client.store, event.question)
                    turn.said = turn.asked = True
                    yield questions.reply_for(event.question, lang)
                    last_heard = self.clock()
                elif isinstance(event, ev.PartialText):
                    # Previews of a Text that follows in full: never shown twice.
                    turn.raw.agent_spoke()
                elif isinstance(event, ev.StateDelta):
                    # Text of the same ADK event follows right after its delta: decide later.
                    turn.raw.delta(event.delta)
                elif turn.raw.due():
                    yield Text(messages.render("raw_video_ready", lang))
                    last_heard = self.clock()
                elif self.clock() - last_heard >= self.settings.still_working_every:
                    last_heard = self.clock()
                    yield Status(messages.render("still_working", lang))
        if turn.held is not None:
            # The agent said only that it hit a temporary issue: that is the answer.
            turn.said = True
            yield Text(turn.held)

    async def _recover(self, before: SessionState, lang: str,
                       emit: Callable[[Reply], None]) -> SessionState:
        """After a drop: poll until the state changes, then until it settles (a generation
        has two stages), telling the user at every poll that we are still on it."""
        def still_working(_number: int, _waited: float) -> None:
            emit(Status(messages.render("still_working", lang)))

        after = await self.client.recover_after_drop(before, on_poll=still_working)
        for delay in self.client.timings.recovery_delays:
            await self.client.sleep(delay)
            still_working(0, delay)
            latest = await self.client.state()
            if latest.fingerprint() == after.fingerprint():
                break
            after = latest
        return after

    def _changes(self, before: SessionState, after: SessionState, lang: str, *,
                 quiet: bool) -> list[Reply]:
        from translators import diff

        summary = diff.summarize_changes(before.raw or _as_state(before),
                                         after.raw or _as_state(after), lang)
        if not summary.changes:
            return [] if quiet else [Text(messages.render("no_change_detected", lang))]
        if len(summary.lines) == 1:
            return [Text(summary.lines[0])]
        return [Text("\n".join([messages.render("changes_intro", lang), *summary.lines]))]

    async def _follow_gui(self, actions: list[str], state: SessionState, lang: str,
                          export_to: Path | None, *, shown_timeline: bool,
                          edited: bool = False) -> AsyncGenerator[Reply, None]:
        """Do what the agent's GUI directions asked for, each at most once."""
        done: set[str] = set()
        for action in actions:
            if action in done:
                continue
            done.add(action)
            if action == "export":
                # "Click Export when you're happy" is an offer to the user, not an order: the
                # user's own "export" (or --export) runs the export flow.
                if export_to is None:
                    yield Text(messages.render("gui_hint_export", lang))
            elif action in ("state", "timeline") and not shown_timeline and not edited:
                # After an edit, "preview in timeline" would repeat every track and every
                # earlier choice under the reply that said what changed.
                shown_timeline = True
                yield await self._timeline(lang, state)
            elif action == "credits":
                yield await self._credits(lang)
            elif action == "upload":
                yield Text(messages.render("gui_hint_upload", lang))
            elif action == "edit" and not edited:
                yield Text(messages.render("gui_hint_edit", lang))


def _says_no_language(text: str, detected: str) -> bool:
    """Whether an answer tells nothing of its language: undetected, or only option keys
    ("1B 2A 3C" looks English to a detector)."""
    return detected in ("", "und") or all(len(w) <= 2 for w in _WORDS.findall(text))


#: What a user may ask for while the agent waits for an answer to its question ("how many
#: credits do I have?" was answered with the question again). The question stays pending.
_ASIDES = frozenset({"credits", "state", "export"})


def _batch() -> types.ModuleType:
    # Imported when a message has files or the project has a batch: its phrase patterns and
    # types cost every other message (credits, status, an edit) a few milliseconds.
    from skill.conversation import batch

    return batch


def _interpret(asked: ev.AgentQuestion, text: str) -> Answer | None:
    """``text`` as an answer to ``asked``; None when it maps onto none of its options."""
    from translators import answers

    return answers.interpret(asked, text)


_WORDS = re.compile(r"\w+")
_ONE_WORD_MAX = 4  # characters of a word alone ("映画風"); more is a sentence
# Chinese particles and pronouns that Japanese does not write: a message holding one is Chinese.
_CHINESE_ONLY = frozenset("我你她们們吗嗎呢吧这這个给把")


def _one_shared_word(text: str) -> bool:
    """Whether ``text`` is a word or two in characters Chinese and Japanese share ("海")."""
    chars = [ch for ch in text if ch.isalnum()]
    return 0 < len(chars) <= _ONE_WORD_MAX and not _CHINESE_ONLY.intersection(chars)


# Where a clause ends: a sentence's end, and the commas, semicolons and ellipses that
# people who type fast put between a remark and a request ("why is the title wrong, show me").
_CLAUSE_END = re.compile(r"(?<=[.!?。！？\n;；…,，、])\s*")


def _sentence_of(text: str, matched: Match | None) -> str:
    """What of ``text`` the request to see the project is about: from the clause that holds
    the router's evidence (``matched``) to the end, else all of it. A track named before
    the request is a remark ("標題怎麼是「想」？現在做好的內容給我看一下。": the whole
    timeline answers, not the title); one named after it narrows it ("show me what you've
    got so far. Just the captions.")."""
    if matched is None or not matched.text:
        return text
    from router.text import normalize

    wanted = "".join(matched.text.split())
    clauses = _CLAUSE_END.split(text)
    for n, clause in enumerate(clauses):
        if wanted in "".join(normalize(clause).split()):
            return " ".join(clauses[n:])
    return text


def _asked_in(question: ev.AgentQuestion) -> str:
    """The language a pending question was asked in: an answer to it ("1B 2A", "B") tells
    little of its own, and the replies to it stay in the question's language."""
    from router.language import detect_locale

    return detect_locale(" ".join([question.title, *(q.prompt for q in question.questions)]))


class _LastReply:
    """What one answered message leaves the user looking at, as the router's ``after``
    context: an export offer, the timeline, the credits, or an edit reported (None after an
    export, an upload or a failure)."""

    def __init__(self, step: str, export_hint: Callable[[], str]) -> None:
        self.step = step  # the last thing the message did: export, credits, state, upload, chat
        self._export_hint = export_hint
        self._hint: str | None = None
        self.offered = self.ended = False

    def saw(self, reply: Reply) -> None:
        if isinstance(reply, Error | Media):
            self.ended = True
        elif isinstance(reply, Text):
            if self._hint is None:
                self._hint = self._export_hint()
            if self._hint in reply.text:
                self.offered = True

    def context(self) -> str | None:
        if self.ended:
            return None
        if self.step == "chat":
            return "export-offer" if self.offered else "edit"
        return {"state": "timeline", "credits": "credits"}.get(self.step)


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def _as_state(state: SessionState) -> dict[str, Any]:
    return {"draft": state.draft, "video_infos": state.video_infos,
            "generated_media": state.generated_media, "canvas_config": state.canvas_config}


@dataclass
class _Turn:
    """What one chat message produced so far."""

    raw: _RawVideo
    said: bool = False
    asked: bool = False
    actions: list[str] = field(default_factory=list)
    stage: str | None = None
    #: A "temporary issue" sentence said before anything else, shown only if nothing follows.
    held: str | None = None

    def say(self, text: str) -> list[Reply]:
        """The replies for a piece of the agent's text. A trailing "I encountered a temporary
        issue" is dropped when the turn's earlier replies were normal."""
        from translators import turn as turn_rules

        cleaned, issue = turn_rules.without_temporary_issue(text) if text.strip() else (
            "", False)
        out: list[Reply] = []
        if issue and not self.said and not cleaned:
            self.held = text.strip()
            return out
        if not issue:
            cleaned = text
        if cleaned.strip():
            if self.held is not None:
                out.append(Text(self.held))
                self.held = None
            self.said = True
            out.append(Text(cleaned))
        return out


class _RawVideo:
    """Tracks the first generation stage within one stream."""

    def __init__(self, *, already: bool) -> None:
        self.done = already
        self.pending = False

    def delta(self, delta: Mapping[str, Any]) -> None:
        if not self.done and _raw_video_in(delta):
            self.done = self.pending = True

    def agent_spoke(self) -> None:
        self.pending = False

    def due(self) -> bool:
        """True once, when the raw video arrived and the agent has not mentioned it."""
        if self.pending:
            self.pending = False
            return True
        return False


def _raw_video_in(delta: Mapping[str, Any]) -> bool:
    """Whether a state delta carries a draft with video (the first generation stage)."""
    draft = delta.get("draft")
    if not isinstance(draft, dict):
        return False
    return any(isinstance(t, dict) and t.get("tt") == 0 and t.get("sg")
               for t in draft.get("t") or [])


#: Failures of one video of a batch (its file, its render): the batch goes on with the next.
_ONE_VIDEO_FAILURES = (FileRejected, UnsupportedFile, FileTooLarge, MediaUnavailable,
                       RenderFailed, GenerationLost)


@dataclass(frozen=True)
class _Job:
    """One video of a batch: the attachments it uses and what to ask for."""

    files: list[str]
    text: str
    #: The ordinal of a part that names no attached file ("third:" with two): no video.
    missing: int | None = None


def _local_file_error(exc: OSError, lang: str) -> ConfigError:
    """A local file or folder problem, worded in the user's language (the OS's own text is
    English)."""
    name = str(exc.filename) if exc.filename else ""
    reason = os_reason(exc)
    return ConfigError(messages.render("local_file_error", lang, name=name, reason=reason))


def _file_name(attachment: str) -> str:
    return attachment.rstrip("/").rsplit("/", 1)[-1]


def _contents(draft: Mapping[str, Any] | None, lang: str) -> str:
    """What a video holds, on one line: length, shape and each track's content."""
    from translators.draft_view import draft_duration_ms, draft_ratio, format_seconds, read_tracks
    from translators.timeline import track_label

    parts: list[str] = []
    duration = draft_duration_ms(draft)
    if duration:
        parts.append(messages.render("seconds", lang, value=format_seconds(duration)))
    ratio = draft_ratio(draft)
    if ratio:
        parts.append(ratio)
    head = " ".join(parts)
    labels = [track_label(track, lang) for track in read_tracks(draft) if track.segments]
    if not labels:
        return messages.render("timeline_empty", lang)
    return " · ".join([head, *labels] if head else labels)
