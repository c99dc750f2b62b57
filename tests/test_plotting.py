import io
import re
import warnings
from pathlib import Path

import matplotlib
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager

import crmlab
from crmlab.plotting import FONT_FAMILY, FONT_FILES, new_figure

ROOT = Path(__file__).resolve().parents[1]


def test_setup_registers_the_bundled_font_once():
    crmlab.setup()
    n = len(font_manager.fontManager.ttflist)
    crmlab.setup()
    assert len(font_manager.fontManager.ttflist) == n
    found = font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY))
    assert Path(found).resolve() == FONT_FILES[0].resolve()
    bold = font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY, weight="bold"))
    assert Path(bold).resolve() == FONT_FILES[1].resolve()
    assert matplotlib.rcParams["font.family"][0] == FONT_FAMILY


def test_font_is_small_and_licensed():
    for path in FONT_FILES:
        assert path.stat().st_size < 3_000_000
    licence = (FONT_FILES[0].parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence.upper() and "Noto Sans CJK SC" in licence


def test_chinese_chart_renders_without_missing_glyphs(tmp_path):
    crmlab.setup()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = new_figure()
        ax.plot([1, 2, 3], [-1, 2, 5], label="客户终生价值 CLV")
        ax.set_title("客户关系管理：留存率与贴现率 −5% ¥920")
        ax.set_xlabel("关系持续年数（年）")
        ax.set_ylabel("价值（元）")
        ax.legend()
        fig.savefig(tmp_path / "chart.png")
        fig.savefig(tmp_path / "chart.pdf")
    assert (tmp_path / "chart.png").stat().st_size > 5_000
    assert (tmp_path / "chart.pdf").read_bytes()[:4] == b"%PDF"


def test_a_missing_glyph_would_be_reported():
    """The check above can fail: a character outside every font does warn."""
    crmlab.setup()
    fig, ax = new_figure()
    ax.set_title("\U0001F9FF")  # an emoji neither bundled nor DejaVu font has
    with pytest.warns(UserWarning, match=r"Glyph \d+ .*missing from"):  # wording varies by version
        fig.savefig(io.BytesIO(), format="png")


def _cjk_chars_in(paths):
    chars = set()
    for p in paths:
        chars |= set(re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", p.read_text(encoding="utf-8")))
    return chars


def test_every_chinese_character_the_workbook_uses_is_in_the_font():
    files = [p for pattern in ("crmlab/**/*.py", "notebooks/**/*.ipynb", "exercises/**/*.ipynb",
                               "datasets/*.yml", "datasets/*.csv")
             for p in ROOT.glob(pattern) if ".ipynb_checkpoints" not in p.parts]
    used = _cjk_chars_in(files)
    assert len(used) > 200
    cmap = TTFont(FONT_FILES[0])["cmap"].getBestCmap()
    missing = sorted(c for c in used if ord(c) not in cmap)
    assert not missing, f"characters missing from the bundled font: {''.join(missing)}"


def test_a_bare_figure_displays_as_png_in_jupyter():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        crmlab.setup()
        fig, ax = new_figure()
        ax.set_title("中文")
        data, _meta = shell.display_formatter.format(fig)
        assert data["image/png"][:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        InteractiveShell.clear_instance()


# ---------------------------------------------------------------- bad input (issue 11 §2–3)
from crmlab.plotting import figure_and_axes, font_path  # noqa: E402
from crmlab.validation import InputError, InputTypeError  # noqa: E402


@pytest.mark.parametrize("bad", ["no", "yes", 1, 0, None, 1.0, [True]])
def test_font_path_bold_must_be_a_boolean(bad):
    with pytest.raises(InputTypeError, match="^bold must be True or False"):
        font_path(bold=bad)


def test_font_path_regular_and_bold():
    assert font_path() == FONT_FILES[0] and font_path(bold=False) == FONT_FILES[0]
    assert font_path(bold=True) == FONT_FILES[1]


@pytest.mark.parametrize("kwargs, kind, match", [
    (dict(nrows=0), InputError, "^nrows must be a whole number >= 1"),
    (dict(nrows=1.5), InputError, "^nrows must be a whole number"),
    (dict(ncols="2"), InputTypeError, "^ncols must be a whole number"),
    (dict(nrows=True), InputTypeError, "^nrows must be"),
    (dict(figsize=(7, float("nan"))), InputError, "^figsize must be a number in \\(0, 50\\]"),
    (dict(figsize=(-1, 3)), InputError, "^figsize must be a number in \\(0, 50\\]"),
    (dict(figsize=(1e6, 3)), InputError, "^figsize must be a number in \\(0, 50\\]"),
    (dict(figsize="big"), InputTypeError, "^figsize must be None or a pair"),
    (dict(figsize=(7,)), InputTypeError, "^figsize must be None or a pair"),
])
def test_new_figure_refuses_malformed_input(kwargs, kind, match):
    with pytest.raises(kind, match=match):
        new_figure(**kwargs)


@pytest.mark.parametrize("bad", ["not axes", 3, object(), [None]])
def test_figure_and_axes_refuses_what_is_not_an_axes(bad):
    with pytest.raises(InputTypeError, match="^ax must be a matplotlib Axes or None"):
        figure_and_axes(bad)


def test_figure_and_axes_checks_figsize_and_returns_the_axes_figure():
    fig, ax = new_figure(1, 2, figsize=(6, 3))
    assert figure_and_axes(ax[1]) == (fig, ax[1])
    assert tuple(figure_and_axes(figsize=(5, 2))[0].get_size_inches()) == (5, 2)
    with pytest.raises(InputError, match="^figsize must be"):
        figure_and_axes(figsize=(0, 2))


def test_new_figure_refuses_unknown_subplot_keywords():
    import pytest

    from crmlab.plotting import new_figure
    from crmlab.validation import InputError
    for kw in ({"bogus": 1}, {"sharex": "nope"}):
        with pytest.raises(InputError, match="subplot_kw"):
            new_figure(**kw)
