"""Chart style and the bundled Chinese font (图表样式与中文字体).

:func:`setup` is the one call at the top of every notebook (``crmlab.setup()``).
It registers the Simplified Chinese font shipped inside the package
(``crmlab/fonts``: a GB2312 subset of Noto Sans CJK SC, SIL Open Font License
1.1) with matplotlib's font manager *for this Python process only* — nothing in
matplotlib's installation or the user's configuration is changed — and applies
a clean chart style.  Chinese titles and labels then render on any machine, with
or without a system CJK font, and with no missing-glyph warnings.

Plot functions elsewhere in crmlab create figures with :func:`new_figure`
(``matplotlib.figure.Figure``, not pyplot), so that a what-if panel can redraw
the same figure without leaking pyplot state.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.axes
from matplotlib import font_manager
from matplotlib.figure import Figure

from .validation import InputTypeError, check_bool, check_int, check_number, described, fail

__all__ = ["FONT_FAMILY", "FONT_FILES", "PALETTE", "setup", "style", "new_figure", "figure_and_axes",
           "font_path"]

FONT_FAMILY = "CRMLab Noto Sans SC"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = (FONT_DIR / "CRMLabNotoSansSC-Regular.ttf", FONT_DIR / "CRMLabNotoSansSC-Bold.ttf")

#: Colour-blind-safe palette (Okabe & Ito 2008), in the order charts use it.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000")

_STYLE = {
    "font.family": [FONT_FAMILY, "DejaVu Sans"],
    "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
    "axes.unicode_minus": True,
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "axes.prop_cycle": matplotlib.cycler(color=list(PALETTE)),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.alpha": 0.3,
    "grid.linestyle": "-",
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "legend.frameon": False,
    # The bundled CJK font's hinting leaves a visible gap after some glyphs (户) at 100 dpi.
    "text.hinting": "no_hinting",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
}


def font_path(bold: bool = False) -> Path:
    """Path of the bundled font file (regular or bold).

    Examples
    --------
    >>> font_path(bold=True).name
    'CRMLabNotoSansSC-Bold.ttf'
    >>> font_path(bold="no")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputTypeError: bold must be True or False; got 'no' (粗体 bold 应为 True 或 False，实际为 'no')
    """
    return FONT_FILES[1 if check_bool(bold, "bold", zh="粗体") else 0]


def _check_figsize(figsize):
    """``None`` or a pair (width, height) of inches, each in (0, 50]."""
    if figsize is None:
        return None
    expected = ("None or a pair (width, height) in inches, each in (0, 50]",
                "None 或（宽, 高）英寸，各在 (0, 50] 内")
    if isinstance(figsize, (str, bytes)) or not hasattr(figsize, "__len__") or len(figsize) != 2:
        raise fail("figsize", figsize, *expected, zh="图表尺寸", kind=InputTypeError)
    return tuple(check_number(v, "figsize", zh="图表尺寸", low=0, high=50, low_open=True)
                 for v in figsize)


def _register_fonts() -> None:
    known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
    for path in FONT_FILES:
        if path.resolve() not in known:
            font_manager.fontManager.addfont(str(path))


def _figure_png(fig) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return buf.getvalue()


def _register_notebook_display() -> None:
    """Let a bare ``Figure`` (made without pyplot) display as PNG in Jupyter."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "display_formatter"):
        shell.display_formatter.formatters["image/png"].for_type(Figure, _figure_png)


def style() -> dict:
    """The rcParams :func:`setup` applies (a copy)."""
    return dict(_STYLE)


def setup() -> None:
    """Register the bundled Chinese font and apply the chart style (idempotent).

    Call once at the top of a notebook::

        import crmlab; crmlab.setup()

    Calling it again is harmless and cheap.  In Jupyter it also lets a
    ``Figure`` returned by a crmlab plot function display itself as a PNG.

    Examples
    --------
    >>> setup()
    >>> import matplotlib
    >>> matplotlib.rcParams["font.sans-serif"][0]
    'CRMLab Noto Sans SC'
    """
    _register_fonts()
    matplotlib.rcParams.update(_STYLE)
    _register_notebook_display()


def new_figure(nrows: int = 1, ncols: int = 1, figsize=None, **subplot_kw):
    """A ``Figure`` (not managed by pyplot) and its axes.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : Axes or array of Axes
        As :meth:`Figure.subplots` returns them.

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> type(fig).__name__
    'Figure'
    >>> new_figure(nrows=0)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: nrows must be a whole number >= 1 and <= 12; got 0 (行数 nrows 应为不小于 1、不大于 12 的整数，实际为 0)
    """
    nrows = check_int(nrows, "nrows", zh="行数", low=1, high=12)
    ncols = check_int(ncols, "ncols", zh="列数", low=1, high=12)
    figsize = _check_figsize(figsize)
    setup()
    fig = Figure(figsize=figsize or matplotlib.rcParams["figure.figsize"],
                 layout="constrained")
    try:
        axes = fig.subplots(nrows, ncols, **subplot_kw)
    except (TypeError, ValueError) as err:  # an unknown keyword, sharex="nope", …
        raise fail("subplot_kw", described(", ".join(f"{k}={v!r}" for k, v in subplot_kw.items())),
                   f"keywords of matplotlib's Figure.subplots ({err})",
                   "matplotlib Figure.subplots 接受的关键字参数", zh="子图参数") from None
    return fig, axes


def figure_and_axes(ax=None, figsize=None):
    """A new figure and axes, or the figure of the axes given (for what-if panels).

    Every crmlab plot function takes ``ax=None``: without it the function makes
    its own :func:`new_figure`; with it (a panel passes ``fig.add_subplot()``)
    it draws there and returns that axes' figure.

    Examples
    --------
    >>> fig, ax = figure_and_axes()
    >>> figure_and_axes(ax)[0] is fig
    True
    >>> figure_and_axes("not axes")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputTypeError: ax must be a matplotlib Axes or None; got str (坐标轴 ax 应为 matplotlib 坐标轴 Axes 或 None，实际为 str)
    """
    figsize = _check_figsize(figsize)
    if ax is None:
        return new_figure(figsize=figsize)
    if not isinstance(ax, matplotlib.axes.Axes):
        raise fail("ax", described(type(ax).__name__), "a matplotlib Axes or None",
                   "matplotlib 坐标轴 Axes 或 None", zh="坐标轴", kind=InputTypeError)
    return ax.figure, ax
