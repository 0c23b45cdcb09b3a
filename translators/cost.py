"""Whether a credits question asks what the video already cost ("這支影片用了多少點數？").

The service reports only the balance (available, on hold, total), never what one video or
one message was charged, so such a question is answered by saying that, with the balance.
The words are data (``data/cost.yaml``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Final

__all__ = ["asks_cost"]

_DATA: Final = Path(__file__).with_name("data") / "cost.yaml"


def asks_cost(text: str) -> bool:
    """Whether ``text`` asks how many credits something already used."""
    return _pattern().search(text) is not None


@functools.cache
def _pattern() -> re.Pattern[str]:
    from backend.datacache import load_yaml  # parsed once per version

    data = load_yaml(_DATA)
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise RuntimeError(f"{_DATA.name}: each language needs a list of expressions")
    return re.compile("|".join(f"(?:{p})" for words in data.values() for p in words),
                      re.IGNORECASE)
