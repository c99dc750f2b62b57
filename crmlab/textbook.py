"""The figures of the course documents, and visible checks against them (教材数字).

Every number the seed course documents state lives once, in
``datasets/textbook_figures.csv`` (with its card ``textbook_figures.yml``): an
id, the value as a computation returns it (shares as fractions), its unit, how
the document writes it, the chapter, the seed file and a short description.

In a notebook, put :func:`compare` beside each number the workbook reproduces::

    crmlab.textbook.compare(clv_simple(100, 10, 80), "ch1_clv_example")

It shows a tick and 与教材一致 with the source when the computed value matches
the textbook to the precision the textbook states, and a cross with both values
(与教材不一致) when it does not.  The notebook tests fail on any cross.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .datasets import load
from .validation import InputError, check_choice, check_number

__all__ = ["figures", "figure", "value", "compare", "Comparison", "MATCH", "MISMATCH"]

MATCH = "与教材一致"
MISMATCH = "与教材不一致"


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    return load("textbook_figures").set_index("id", drop=False)


def figures(chapter: str | int | None = None) -> pd.DataFrame:
    """The registry as a DataFrame, optionally for one chapter (``1``…``7`` or ``"case"``).

    Examples
    --------
    >>> float(figures(1).loc["ch1_clv_example", "value"])
    920.0
    """
    table = _table().reset_index(drop=True)
    if chapter is None:
        return table.copy()
    check_choice(str(chapter), "chapter", sorted(table["chapter"].unique()), zh="章节")
    return table[table["chapter"] == str(chapter)].set_index("id", drop=False).copy()


def figure(figure_id: str) -> dict:
    """One figure as a dict (id, value, unit, display, chapter, seed, description, note).

    Examples
    --------
    >>> figure("ch1_clv_example")["display"]
    '$920'
    """
    table = _table()
    if figure_id not in table.index:
        close = [i for i in table.index if figure_id.split("_")[0] in i][:5]
        hint = f" (for example {', '.join(close)})" if close else ""
        raise InputError(
            f"figure_id must be an id of datasets/textbook_figures.csv{hint}; got {figure_id!r} "
            f"(教材数字编号 figure_id 应为登记表中的编号，实际为 {figure_id!r})"
        )
    row = table.loc[figure_id]
    return {k: (None if isinstance(v, float) and math.isnan(v) else v)
            for k, v in row.to_dict().items()} | {"value": float(row["value"])}


def value(figure_id: str) -> float:
    """The textbook value of ``figure_id`` (shares as fractions).

    Examples
    --------
    >>> value("ch1_clv_example")
    920.0
    """
    return figure(figure_id)["value"]


def _default_atol(v: float) -> float:
    text = np.format_float_positional(v, trim="-")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0 ** (-decimals)


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _fmt(x: float, unit: str) -> str:
    if unit == "share":
        return _trim(f"{x * 100:.2f}") + "%"
    if unit == "USD":
        return "$" + _trim(f"{x:,.2f}")
    return _trim(f"{x:,.2f}")


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`; displays itself in a notebook."""

    figure_id: str
    computed: float
    expected: float
    ok: bool
    figure: dict

    def _source(self) -> str:
        f = self.figure
        chapter = f"第{f['chapter']}章" if f["chapter"] != "case" else "案例"
        return f"教材 [{f['seed']}] {chapter}：{f['description']}"

    def __str__(self) -> str:
        f = self.figure
        got = _fmt(self.computed, f["unit"])
        if self.ok:
            return f"✓ {MATCH} (matches the textbook): {got} = {f['display']}  — {self._source()}"
        return (f"✗ {MISMATCH} (differs from the textbook): 计算值 computed {got}，"
                f"教材 textbook {f['display']}  — {self._source()}")

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour, bg = ("#1b7837", "#edf8e9") if self.ok else ("#b2182b", "#fde0dd")
        return (f'<div class="crmlab-compare" data-ok="{str(self.ok).lower()}" '
                f'style="border-left:4px solid {colour};background:{bg};padding:4px 8px;'
                f'margin:4px 0;font-size:90%">{html.escape(str(self))}</div>')

    def __bool__(self) -> bool:
        return self.ok


def compare(computed, figure_id: str, *, rtol: float = 1e-6, atol: float | None = None) -> Comparison:
    """Compare a computed number with the textbook figure ``figure_id``.

    Parameters
    ----------
    computed : float
        The number the notebook computed (shares as fractions, as in the registry).
    figure_id : str
        An id of ``datasets/textbook_figures.csv``.
    rtol : float, default 1e-6
        Relative tolerance.
    atol : float, optional
        Absolute tolerance.  By default half a unit of the last digit the
        registry gives (920 → 0.5; 0.653 → 0.0005), i.e. "equal to the
        precision the textbook states".

    Returns
    -------
    Comparison
        Truthy when they match; shows ✓ 与教材一致 or ✗ 与教材不一致 in a notebook.

    Examples
    --------
    >>> bool(compare(10 * 100 - 80, "ch1_clv_example"))
    True
    >>> print(compare(900, "ch1_clv_example"))  # doctest: +ELLIPSIS
    ✗ 与教材不一致 (differs from the textbook): 计算值 computed $900，教材 textbook $920 ...
    """
    fig = figure(figure_id)
    x = check_number(computed, "computed", zh="计算值")
    expected = fig["value"]
    tol = _default_atol(expected) if atol is None else check_number(atol, "atol", low=0)
    ok = math.isclose(x, expected, rel_tol=rtol, abs_tol=tol)
    return Comparison(figure_id, x, expected, ok, fig)
