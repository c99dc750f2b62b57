"""Data sets of the workbook (数据集): loading, cards and regeneration.

Every data set is a CSV file plus a YAML card in the repository's ``datasets/``
folder.  The card says what the data are, what each column means and its unit,
whether the data are simulated (模拟数据) and, for simulated data, which
generator function and seed made them, the row count and the sha256 of the CSV.

Loading works from a clone (the CSVs are read from ``datasets/`` beside the
package) and from an installed wheel (the build copies ``datasets/`` into the
package as ``crmlab/_datasets``); nothing is downloaded.

Regenerate a simulated data set and refresh its card with::

    python -m crmlab.datasets build [NAME ...]

The tests regenerate every simulated data set and check that the bytes are the
same as the committed CSV (same sha256).

:func:`load` checks the file against its card every time: the columns, the row
count and the sha256 of the bytes (hashing the largest file, 2.8 MB, takes about
2 ms).  A missing, truncated, edited or duplicated file, or one pandas cannot
parse, raises :class:`~crmlab.validation.InputError` naming the file and how to
restore it (``make data`` or ``git checkout datasets/``).

The environment variable ``CRMLAB_DATA_DIR`` points :func:`data_dir` at another
folder of CSVs and cards (the tests use it on a damaged copy of ``datasets/``).
"""
from __future__ import annotations

import hashlib
import importlib
import io
import os
import sys
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from .validation import InputError, InputTypeError, check_choice, described, fail

__all__ = [
    "data_dir",
    "names",
    "card",
    "load",
    "generate",
    "csv_bytes",
    "sha256",
    "build",
    "load_textbook_figures",
    "load_cafe_customers",
    "load_beverage_orders",
    "load_beverage_customers",
    "load_beverage_products",
    "load_mobile_subscribers",
    "load_distributor_lifecycle",
    "load_credit_ledger",
    "load_distributor_applicants",
    "load_carcare_survey",
    "load_vanke_sales",
    "load_vanke_member_survey",
    "load_supermarket_baskets",
    "load_operator_contacts",
    "DATA_DIR_ENV",
]

#: Environment variable that, when set, names the folder :func:`data_dir` returns.
DATA_DIR_ENV = "CRMLAB_DATA_DIR"

_DTYPES = ("string", "int", "float", "category", "date", "datetime", "bool")


def data_dir() -> Path:
    """Folder holding the CSV files and cards.

    ``$CRMLAB_DATA_DIR`` wins when it is set (it must name an existing folder);
    then the copy inside an installed wheel (``crmlab/_datasets``); otherwise the
    ``datasets/`` folder of the clone the package was imported from.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override).expanduser()
        if not path.is_dir():
            raise fail(DATA_DIR_ENV, override, "an existing folder of CSV files and cards",
                       "存在的数据文件夹", zh="数据文件夹环境变量")
        return path.resolve()
    here = Path(__file__).resolve().parent
    packaged = here / "_datasets"
    if packaged.is_dir():
        return packaged
    return here.parent / "datasets"


def names() -> list[str]:
    """Names of all data sets, sorted.

    Examples
    --------
    >>> "textbook_figures" in names()
    True
    """
    return sorted(p.stem for p in data_dir().glob("*.yml"))


@lru_cache(maxsize=64)
def _read_card(path: str, _mtime_ns: int, _size: int) -> dict:
    with open(path, encoding="utf-8") as fh:
        try:
            meta = yaml.safe_load(fh)
        except yaml.YAMLError as err:
            meta = err
    needed = ("name", "file", "columns", "rows", "sha256")
    if not isinstance(meta, dict) or any(k not in meta for k in needed):
        shown = Path(path).name
        missing = [k for k in needed if not isinstance(meta, dict) or k not in meta]
        raise InputError(
            f"the data card {shown} is damaged (missing {', '.join(missing)}); restore it with "
            f"`git checkout datasets/{shown}` or reinstall crmlab "
            f"（数据卡 {shown} 已损坏（缺少 {'、'.join(missing)}），请用 "
            f"git checkout datasets/{shown} 恢复，或重新安装 crmlab）")
    return meta


def _card(name: str) -> dict:
    path = data_dir() / f"{name}.yml"
    stat = path.stat()
    return _read_card(str(path), stat.st_mtime_ns, stat.st_size)


_card.cache_clear = _read_card.cache_clear


def card(name: str) -> dict:
    """The data card of ``name`` as a dict (a fresh copy).

    Examples
    --------
    >>> card("cafe_customers")["simulated"]
    True
    """
    check_choice(name, "name", names(), zh="数据集名称")
    import copy

    return copy.deepcopy(_card(name))


def _restore_hint(meta: dict) -> tuple[str, str]:
    file = f"datasets/{meta['file']}"
    if data_dir().name == "_datasets":     # the copy inside an installed wheel
        return ("reinstall crmlab (`pip install --force-reinstall crmlab`), or in a clone "
                f"run `make data` or `git checkout {file}`",
                "请重新安装 crmlab（`pip install --force-reinstall crmlab`），或在仓库中运行 "
                f"`make data` 或 `git checkout {file}` 恢复")
    if meta.get("generator"):
        how = f"run `make data` (it regenerates the file) or `git checkout {file}`"
        how_zh = f"请运行 `make data`（重新生成）或 `git checkout {file}` 恢复"
    else:
        how = f"run `git checkout {file}`"
        how_zh = f"请运行 `git checkout {file}` 恢复"
    return how, how_zh


def _damaged(meta: dict, path: Path, what: str, what_zh: str) -> InputError:
    how, how_zh = _restore_hint(meta)
    return InputError(
        f"data set {meta['name']!r} is damaged: {path} {what}; {how} "
        f"(数据集 {meta['name']} 的文件 {path} 已损坏：{what_zh}；{how_zh})")


def _apply_dtypes(df: pd.DataFrame, columns: list[dict], meta: dict, path: Path) -> pd.DataFrame:
    out = {}
    for col in columns:
        s = df[col["name"]]
        kind = col["dtype"]
        try:
            if kind == "string":
                s = s.astype("string")
            elif kind == "int":
                s = s.astype("int64")
            elif kind == "float":
                s = s.astype("float64")
            elif kind == "category":
                cats = col.get("categories")
                if cats:
                    cat = pd.Categorical(s, categories=cats, ordered=bool(col.get("ordered", False)))
                    unknown = cat.codes == -1       # missing, or not one of the categories
                    outside = unknown & s.notna().to_numpy() if unknown.any() else unknown
                    if outside.any():
                        bad = s[outside].iloc[0]
                        raise ValueError(f"value {bad!r} is not one of its categories")
                    s = pd.Series(cat, index=df.index)
                else:
                    s = s.astype("category")
            elif kind == "date" or kind == "datetime":
                s = pd.to_datetime(s, format="ISO8601")
            elif kind == "bool":
                if s.dtype != bool and not s.isin([True, False]).all():
                    raise ValueError("it holds values other than True and False")
                s = s.astype(bool)
        except (ValueError, TypeError, OverflowError) as exc:
            reason = str(exc).splitlines()[0][:120]
            raise _damaged(meta, path, f"has a column {col['name']!r} that cannot be read as "
                           f"{kind} ({reason})",
                           f"列 {col['name']} 无法读作 {kind}（{reason}）") from None
        out[col["name"]] = s
    return pd.DataFrame(out, index=df.index)


def load(name: str) -> pd.DataFrame:
    """Load a data set as a DataFrame with the dtypes its card declares.

    The file is checked against its card first: its columns (names and order),
    its row count and the sha256 of its bytes.  Any difference, a missing file or
    a parse error raises :class:`~crmlab.validation.InputError` naming the file
    and how to restore it.

    Parameters
    ----------
    name : str
        One of :func:`names`.

    Examples
    --------
    >>> df = load("cafe_customers")
    >>> df["customer_id"].dtype == "string"
    True
    """
    meta = card(name)
    path = data_dir() / meta["file"]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _damaged(meta, path, f"cannot be read ({type(exc).__name__})",
                       f"文件无法读取（{type(exc).__name__}）") from None
    wanted = [c["name"] for c in meta["columns"]]
    text_cols = [c["name"] for c in meta["columns"] if c["dtype"] in ("string", "category")]
    try:
        raw = pd.read_csv(io.BytesIO(data), dtype={c: str for c in text_cols},
                          keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError,
            ValueError) as exc:
        reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise _damaged(meta, path, f"is not a readable CSV file ({reason})",
                       f"不是可读取的 CSV 文件（{reason}）") from None
    got = [str(c) for c in raw.columns]
    if got != wanted:
        missing = [c for c in wanted if c not in got]
        extra = [c for c in got if c not in wanted]
        detail = "; ".join(part for part in (
            f"missing {missing}" if missing else "", f"extra {extra}" if extra else "",
            "in another order" if not missing and not extra else "") if part)
        detail_zh = "；".join(part for part in (
            f"缺少 {missing}" if missing else "", f"多出 {extra}" if extra else "",
            "顺序不同" if not missing and not extra else "") if part)
        raise _damaged(meta, path, f"has columns {got}, not the card's {wanted} ({detail})",
                       f"列为 {got}，与数据卡的 {wanted} 不符（{detail_zh}）")
    rows = meta.get("rows")
    if rows is not None and len(raw) != rows:
        raise _damaged(meta, path, f"has {len(raw)} rows, not the card's {rows} "
                       f"({'truncated' if len(raw) < rows else 'duplicated or extra rows'})",
                       f"有 {len(raw)} 行，数据卡记为 {rows} 行"
                       f"（{'文件被截断' if len(raw) < rows else '有重复或多余的行'}）")
    digest = meta.get("sha256")
    if digest and sha256(data) != digest:
        raise _damaged(meta, path, f"was edited: its sha256 is {sha256(data)[:12]}…, "
                       f"not the card's {digest[:12]}…",
                       f"内容被修改：sha256 为 {sha256(data)[:12]}…，数据卡记为 {digest[:12]}…")
    return _apply_dtypes(raw, meta["columns"], meta, path)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The exact bytes crmlab writes for ``df`` (UTF-8, ``\\n``, no index).

    Examples
    --------
    >>> csv_bytes(pd.DataFrame({"a": [1, 2]}))
    b'a\\n1\\n2\\n'
    >>> csv_bytes("x")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputTypeError: df must be a pandas DataFrame; got str (数据 df 应为 pandas DataFrame 表格，实际为 str)
    """
    if not isinstance(df, pd.DataFrame):
        raise fail("df", described(type(df).__name__), "a pandas DataFrame", "pandas DataFrame 表格",
                   zh="数据", kind=InputTypeError)
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n", float_format="%.10g")
    return buf.getvalue().encode("utf-8")


def sha256(data: bytes) -> str:
    """Hex sha256 of ``data`` (bytes; text must be encoded first).

    Examples
    --------
    >>> sha256(b"abc")[:16]
    'ba7816bf8f01cfea'
    >>> sha256("abc")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputTypeError: data must be bytes (for text, data.encode('utf-8')); got 'abc' (字节数据 data 应为 bytes（文本请先 encode('utf-8')），实际为 'abc')
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise fail("data", data, "bytes (for text, data.encode('utf-8'))",
                   "bytes（文本请先 encode('utf-8')）", zh="字节数据", kind=InputTypeError)
    return hashlib.sha256(data).hexdigest()


def _generator(meta: dict):
    module, _, func = meta["generator"].partition(":")
    return getattr(importlib.import_module(module), func)


def generate(name: str) -> pd.DataFrame:
    """Run the generator of a simulated data set with the seed its card records."""
    meta = card(name)
    if not meta.get("generator"):
        raise fail("name", name, "a simulated data set with a generator",
                   "由代码生成的模拟数据集", zh="数据集名称")
    return _generator(meta)(seed=meta["seed"])


def build(name: str) -> dict:
    """Regenerate ``name``, write its CSV and refresh rows and sha256 in its card."""
    meta = card(name)
    data = csv_bytes(generate(name)) if meta.get("generator") else \
        (data_dir() / meta["file"]).read_bytes()
    (data_dir() / meta["file"]).write_bytes(data)
    frame = pd.read_csv(io.BytesIO(data))
    path = data_dir() / f"{name}.yml"
    text = path.read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if line.startswith("rows:"):
            line = f"rows: {len(frame)}"
        elif line.startswith("sha256:"):
            line = f"sha256: {sha256(data)}"
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _card.cache_clear()
    return card(name)


def load_textbook_figures() -> pd.DataFrame:
    """The registry of every figure the seed documents state (教材数字登记表)."""
    return load("textbook_figures")


def load_cafe_customers() -> pd.DataFrame:
    """Simulated customers of a small café (模拟数据), used in 00_start_here."""
    return load("cafe_customers")


def load_distributor_lifecycle() -> pd.DataFrame:
    """Simulated customer-years of a distributor's cohort, years 1–13 (模拟数据), Ch 3."""
    return load("distributor_lifecycle")


def load_carcare_survey() -> pd.DataFrame:
    """Simulated satisfaction survey of a car-care chain, 1,000 respondents (模拟数据), Ch 7."""
    return load("carcare_survey")


def load_beverage_orders() -> pd.DataFrame:
    """Simulated order lines of a beverage distributor, 2023–2025 (模拟数据), Ch 5."""
    return load("beverage_orders")


def load_beverage_customers() -> pd.DataFrame:
    """Simulated customer master data of the beverage distributor (模拟数据), Ch 5."""
    return load("beverage_customers")


def load_beverage_products() -> pd.DataFrame:
    """Simulated product table of the beverage distributor (模拟数据), Ch 5."""
    return load("beverage_products")


def load_credit_ledger() -> pd.DataFrame:
    """Simulated 2025 receivables ledger of the beverage distributor's credit customers (模拟数据), Ch 6."""
    return load("credit_ledger")


def load_distributor_applicants() -> pd.DataFrame:
    """Simulated distributor applicants' scores and financial statements (模拟数据), Ch 6."""
    return load("distributor_applicants")


def load_mobile_subscribers() -> pd.DataFrame:
    """Simulated subscribers of a provincial mobile operator (模拟数据, not China Mobile's numbers).

    The data of the China Mobile churn case (``crmlab.churn``); months 1–36 are the
    observation window.  ``join_month`` ≤ 0 marks subscribers active before it.
    ``last_complaint_month`` and ``churn_month`` are nullable integers (``<NA>`` when
    there was no complaint / the subscriber stayed).
    """
    df = load("mobile_subscribers")
    for col in ("last_complaint_month", "churn_month"):
        df[col] = df[col].astype("Int64")
    return df


def load_vanke_sales() -> pd.DataFrame:
    """Simulated sales ledger of six housing projects (模拟数据, not Vanke's sales), Vanke case."""
    return load("vanke_sales")


def load_vanke_member_survey() -> pd.DataFrame:
    """Simulated owners' club member survey (模拟数据, not the 万客会 survey), Vanke case."""
    return load("vanke_member_survey")


def load_supermarket_baskets() -> pd.DataFrame:
    """Simulated baskets of a neighbourhood supermarket, one row per basket and item (模拟数据).

    The data of the case 沃尔玛的啤酒与尿布 (``crmlab.basket``); not Walmart's data.
    """
    return load("supermarket_baskets")


def load_operator_contacts() -> dict:
    """The simulated key-account database of the Huawei "151" case (模拟数据, not Huawei's numbers).

    A dict of four tables (``crmlab.contacts``): ``accounts`` (30 profile cards),
    ``contacts`` (decision-makers with role and relationship level), ``team_lists``
    (the product line's and the customer line's lists, with the true ``person_id``)
    and ``activities`` (the 2025 log of the five means).
    """
    return {key: load(f"operator_{key}") for key in
            ("accounts", "contacts", "team_lists", "activities")}


def _main(argv: list[str]) -> int:
    if not argv or argv[0] != "build":
        print("usage: python -m crmlab.datasets build [NAME ...]")
        return 2
    for name in argv[1:] or names():
        meta = build(name)
        print(f"{name}: {meta['rows']} rows, sha256 {meta['sha256'][:12]}…")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main(sys.argv[1:]))
