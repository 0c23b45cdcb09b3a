"""Which credits questions the balance alone does not answer: what a video already cost
("這支影片用了多少點數？"), how many more videos the balance makes ("あと何本作れますか？"),
and whether it costs money ("¿me va a cobrar algo?").

The service reports only the balance (available, on hold, total): never what one video or one
message was charged, nor what the next will cost. A credits reply to such a question gives the
balance and says what can and cannot be told. The words are data (``data/cost.yaml``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Final

__all__ = ["KINDS", "cost_questions"]

_DATA: Final = Path(__file__).with_name("data") / "cost.yaml"
#: What a credits question can ask beyond the balance (see data/cost.yaml).
KINDS: Final = ("spent", "videos", "money")


def cost_questions(text: str) -> frozenset[str]:
    """The ``KINDS`` that ``text`` asks. Whether it costs money outranks what was spent ("did
    it cost me money?"), and how many more videos outranks it too: beside that question a
    past-tense verb tells what was spent ("ya gasté 200 créditos, ¿cuántos vídeos más
    puedo hacer?"), it asks nothing."""
    found = {kind for kind, pattern in _patterns().items() if pattern.search(text)}
    if "money" in found or "videos" in found:
        found.discard("spent")
    return frozenset(found)


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    from backend.datacache import load_yaml  # parsed once per version

    data = load_yaml(_DATA)
    if not isinstance(data, dict) or set(data) != set(KINDS) or not all(
            isinstance(langs, dict) and all(isinstance(v, list) for v in langs.values())
            for langs in data.values()):
        raise RuntimeError(f"{_DATA.name}: needs {', '.join(KINDS)}, each a list of "
                           "expressions per language")
    return {kind: re.compile("|".join(f"(?:{p})" for words in data[kind].values()
                                      for p in words), re.IGNORECASE)
            for kind in KINDS}
