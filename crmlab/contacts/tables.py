"""Student-facing tables of the Huawei "151" case (案例的展示表格).

English column ids; a notebook shows them with
``crmlab.display.table(frame, topic="contacts")``.
"""
from __future__ import annotations

import re

import pandas as pd

from ..validation import InputTypeError, described, fail
from .model import SCHEMA, TABLES, _data, run_sql

__all__ = ["CARD_GROUPS", "profile_card", "schema_table"]

#: The four groups of content of a customer profile card (客户资料卡的四组内容, seed
#: [002] 第三章) and the columns of ``data["accounts"]`` that hold each.
CARD_GROUPS = {
    "基本资料": ("company_name", "short_name", "operator", "province", "city"),
    "客户特征": ("subscribers_m", "network_focus", "purchase_mode"),
    "业务状况": ("capex_100m", "our_share", "main_rival"),
    "交易状况": ("contract_10k", "orders_2024", "payment_days", "credit_grade",
                 "account_manager", "card_updated"),
}


def profile_card(data, account_id: str) -> pd.DataFrame:
    """One account's profile card (客户资料卡), field by field in its four groups.

    Returns
    -------
    DataFrame
        ``card_group`` (基本资料 …), ``field`` (the Chinese field name) and
        ``field_value`` (as text, units included), one row per field.

    Examples
    --------
    >>> from crmlab import datasets
    >>> card = profile_card(datasets.load_operator_contacts(), "A01")
    >>> card["card_group"].unique().tolist()
    ['基本资料', '客户特征', '业务状况', '交易状况']
    """
    from .. import display

    t = _data(data, need=("accounts",))
    acc = t["accounts"]
    if not isinstance(account_id, str):
        raise fail("account_id", account_id, "an account id such as 'A01'", "客户编号，例如 'A01'",
                   zh="客户编号", kind=InputTypeError)
    row = acc[acc["account_id"] == account_id]
    if row.empty:
        raise fail("account_id", account_id, f"one of {acc['account_id'].iloc[0]!r} … "
                   f"{acc['account_id'].iloc[-1]!r}", "案例数据中已有的客户编号", zh="客户编号")
    row = row.iloc[0]
    fields = [(g, c) for g, cols in CARD_GROUPS.items() for c in cols]
    return pd.DataFrame({
        "card_group": [g for g, _ in fields],
        "field": [display.label(c, "contacts", unit=False) for _, c in fields],
        "field_value": [display.number(row[c], c, "contacts") if c in TABLES["accounts"]
                        and not isinstance(row[c], str) else str(row[c]) for _, c in fields],
    })


_COMMENT = re.compile(r"^\s*(\w+)\s+(TEXT|REAL|INTEGER)\b.*?(?:--\s*(.*))?$")


def schema_table(db, tables=None) -> pd.DataFrame:
    """The tables and columns of the database with their Chinese meaning (数据库结构).

    Read from the database itself (``sqlite_master`` and ``pragma_table_info``),
    the meaning from the comments of :data:`~crmlab.contacts.model.SCHEMA`.
    ``tables`` (a list of table names, default all) keeps only those tables, in the
    database's order, so that a long schema can be shown in parts (one slide each).

    Examples
    --------
    >>> from crmlab import datasets
    >>> from crmlab.contacts.model import build_database
    >>> s = schema_table(build_database(datasets.load_operator_contacts()))
    >>> s["table_name"].nunique()
    7
    >>> list(schema_table(build_database(datasets.load_operator_contacts()),
    ...                   tables=["contacts"])["table_name"].unique())
    ['contacts']
    """
    cols = run_sql(db, "SELECT m.name AS table_name, p.name AS column_name, p.type AS sql_type, "
                       "p.pk AS primary_key FROM sqlite_master AS m "
                       "JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table' "
                       "ORDER BY m.rowid, p.cid")
    if cols.empty:
        raise fail("db", described("a database without tables"),
                   "the path of a database from build_database()",
                   "build_database() 返回的数据库路径", zh="数据库")
    meaning = {}
    table = None
    for line in SCHEMA.splitlines():   # the schema text, a few dozen lines
        head = re.match(r"CREATE TABLE (\w+)", line)
        if head:
            table = head.group(1)
            continue
        m = _COMMENT.match(line)
        if m and table:
            meaning[(table, m.group(1))] = (m.group(3) or "").strip()
    from .. import display

    known = set(display.glossary("contacts")["id"])
    fallback = cols["column_name"].map(
        lambda c: display.label(c, "contacts", unit=False) if c in known else "—")
    cols["meaning"] = pd.Series([meaning.get(k, "") for k in zip(cols["table_name"],
                                                                   cols["column_name"])],
                                index=cols.index).replace("", pd.NA).fillna(fallback)
    cols["primary_key"] = cols["primary_key"].gt(0).map({True: "是", False: ""})
    if tables is not None:
        names = list(dict.fromkeys(cols["table_name"]))
        if isinstance(tables, str) or not hasattr(tables, "__iter__"):
            raise fail("tables", described(tables), f"a list of table names out of {names}",
                       f"表名的列表，取自 {names}", zh="表名", kind=InputTypeError)
        tables = list(tables)
        unknown = [t for t in tables if not isinstance(t, str) or t not in names]
        if not tables or unknown:
            raise fail("tables", described(unknown or tables), f"table names out of {names}",
                       f"取自 {names} 的表名", zh="表名")
        cols = cols[cols["table_name"].isin(tables)].reset_index(drop=True)
    return cols
