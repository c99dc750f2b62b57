"""Small checks that many test files share (imported as ``from testkit import ...``;
pytest puts ``tests/`` on the import path for the test modules in it)."""
from __future__ import annotations

import re

#: A Chinese (Han) character.
HAN = re.compile(r"[\u4e00-\u9fff]")


def assert_bilingual(excinfo, *names: str) -> str:
    """The error names every one of ``names`` (the argument, …) and says it in Chinese
    too; returns the message."""
    msg = str(excinfo.value)
    for name in names:
        assert name in msg, (name, msg)
    assert HAN.search(msg), f"no Chinese in: {msg}"
    return msg
