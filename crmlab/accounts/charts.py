"""Charts of chapter 5, part 2: key-account chart and profitability heat map (图表).

Every function returns a matplotlib ``Figure``; titles, axis labels and legends
come from the glossary (:mod:`crmlab.display`, topic ``accounts``).
"""
from __future__ import annotations

import matplotlib
import matplotlib.ticker
import numpy as np
import pandas as pd

from .. import display
from ..plotting import PALETTE, figure_and_axes, new_figure
from ..validation import InputTypeError, check_frame, check_int, check_number, described, fail
from .model import window_threshold

__all__ = ["plot_key_account_trend", "plot_profitability_heatmap"]

_T = "accounts"


def _title(title, default_id: str) -> str:
    return display.title(title, default_id, _T)


def plot_key_account_trend(trend: pd.DataFrame, threshold: float | None = None,
                           title: str | None = None, ax=None, window: int = 12):
    """Key-account development chart: KA count per month, entries and exits (大客户发展坐标图).

    Pass ``ax`` to draw on existing axes (a what-if panel's figure); the figure
    of those axes is returned.  With ``threshold`` (the annual standard) and
    ``window`` the title states the standard; for a window other than 12 months
    it also gives the sales needed over the window.  The standard goes in
    brackets after the title, or inside the title's own closing bracket when it
    ends in one: ``"大客户发展坐标图（模拟数据；标准：…）"``.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "b", "a"],
    ...                   "date": ["2024-01-05", "2024-01-10", "2024-02-03"],
    ...                   "sales": [150.0, 50.0, 20.0]})
    >>> from crmlab.accounts import key_account_trend
    >>> type(plot_key_account_trend(key_account_trend(o, 100, window=1))).__name__
    'Figure'
    """
    frame = check_frame(trend, "trend", ["key_accounts", "entries", "exits"], zh="大客户趋势表")
    title = _title(title, "ka_chart")
    counts = {}
    for col in ("key_accounts", "entries", "exits"):
        s = frame[col]
        if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_numeric_dtype(s):
            raise fail(f"trend[{col!r}]", described(f"column of dtype {s.dtype}"),
                       "counts of customers", "客户数", zh="大客户趋势表", kind=InputTypeError)
        v = s.to_numpy(dtype=float, na_value=0.0)
        if not np.isfinite(v).all() or (v < 0).any():
            raise fail(f"trend[{col!r}]", described("a negative or infinite count"),
                       "counts >= 0", "非负的客户数", zh="大客户趋势表")
        counts[col] = v
    if threshold is not None:
        threshold = check_number(threshold, "threshold", zh="大客户标准（年化销售额）", low=0,
                                 low_open=True)
        window = check_int(window, "window", zh="滚动窗口（月）", low=1, high=60)
    x = np.arange(len(frame))
    labels = [str(p) for p in frame.index]
    fig, ax = figure_and_axes(ax)
    # thick vertical lines instead of bars: one collection each, not one patch per
    # month, so a what-if panel redraws within its budget
    width = max(1.5, min(6.0, 150.0 / max(len(x), 1)))
    ax.vlines(x - 0.2, 0, counts["entries"], linewidth=width,
              color=PALETTE[2], alpha=0.7, label=display.label("entries", _T, unit=False))
    ax.vlines(x + 0.2, 0, -counts["exits"], linewidth=width,
              color=PALETTE[3], alpha=0.7, label=display.label("exits_negative", _T, unit=False))
    ax.plot(x, counts["key_accounts"], marker="o", color=PALETTE[0],
            linewidth=2, label=display.label("key_accounts", _T, unit=False))
    ax.axhline(0, color="#666666", linewidth=0.8)
    # at most 8 upright month labels, at 1/2/3/6/12-month steps: slanted labels and
    # dozens of ticks cost a what-if panel half its redraw time
    step = next((s for s in (1, 2, 3, 6, 12) if len(x) <= 8 * s), max(1, len(x) // 8))
    ax.set_xticks(x[::step])
    ax.set_xticklabels(labels[::step])
    ax.set_xlabel(display.label("month", _T))
    ax.set_ylabel(display.label("customers", _T))
    if threshold is not None:
        if int(window) == 12:
            standard = f"标准：最近 12 个月销售额 ≥ {threshold:,.0f} 元"
        else:
            standard = (f"年化标准 {threshold:,.0f} 元：最近 {int(window)} 个月销售额 "
                        f"≥ {window_threshold(threshold, window):,.0f} 元")
        # one pair of brackets: a title that already ends in one (（模拟数据）) takes
        # the standard inside it, "…（模拟数据；标准：…）", never "（模拟数据）（标准：…）"
        title = (f"{title[:-1]}；{standard}）" if title.endswith("）")
                 else f"{title}（{standard}）")
    ax.set_title(title)
    # head room above the highest point so the one-row legend never covers data
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + 0.25 * (high - low))
    ax.legend(loc="upper left", ncol=3)
    return fig


def plot_profitability_heatmap(matrix: pd.DataFrame, title: str | None = None):
    """Heat map of a profitability matrix: green profit, red loss, grey not bought.

    Pass a few dozen customers at most (e.g. the largest and the worst) so the
    labels stay readable; row labels are drawn up to 40 rows.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from crmlab.accounts import profitability_example, profitability_matrix
    >>> m, _ = profitability_matrix(profitability_example())
    >>> type(plot_profitability_heatmap(m)).__name__
    'Figure'
    """
    if not isinstance(matrix, pd.DataFrame) or matrix.empty:
        raise fail("matrix", described(type(matrix).__name__), "a non-empty DataFrame from "
                   "profitability_matrix()", "profitability_matrix() 返回的非空表格",
                   zh="利润矩阵", kind=InputTypeError)
    title = _title(title, "profit_matrix")
    if not all(pd.api.types.is_numeric_dtype(d) and not pd.api.types.is_bool_dtype(d)
               for d in matrix.dtypes):
        raise fail("matrix", described("a column that is not numeric"),
                   "profits (numbers; NaN = not bought)", "利润数值（NaN 表示未购买）", zh="利润矩阵",
                   kind=InputTypeError)
    values = matrix.to_numpy(dtype=float)
    if np.isinf(values).any():
        raise fail("matrix", described("an infinite profit"), "finite profits (NaN = not bought)",
                   "有限的利润（NaN 表示未购买）", zh="利润矩阵")
    finite = values[~np.isnan(values)]
    limit = float(np.max(np.abs(finite))) if finite.size else 1.0
    limit = limit or 1.0
    # colours on a scale of ±1 when the profits are so large that the colour bar's
    # arithmetic (vmax − vmin) would overflow; its labels show the profits themselves
    factor = limit if limit > 1e150 else 1.0
    fig, ax = new_figure(figsize=(7.0, max(3.0, min(10.0, 0.25 * len(matrix) + 1.5))))
    cmap = matplotlib.colormaps["RdYlGn"].with_extremes(bad="#dddddd")
    image = ax.imshow(np.ma.masked_invalid(values / factor), cmap=cmap, vmin=-limit / factor,
                      vmax=limit / factor, aspect="auto")
    ax.set_xticks(np.arange(matrix.shape[1]))
    ax.set_xticklabels([str(c) for c in matrix.columns])
    if len(matrix) <= 40:
        ax.set_yticks(np.arange(len(matrix)))
        ax.set_yticklabels([str(i) for i in matrix.index])
    ax.grid(False)
    ax.set_xlabel(display.label("product", _T))
    ax.set_ylabel(display.label("customer", _T))
    ax.set_title(title)
    if factor == 1.0:
        ticks = matplotlib.ticker.StrMethodFormatter("{x:,.0f}")
    else:
        ticks = matplotlib.ticker.FuncFormatter(lambda x, _pos: f"{x * factor:.3g}")
    bar = fig.colorbar(image, ax=ax, format=ticks)
    bar.set_label(display.label("profit_not_bought", _T, unit=False))
    return fig
