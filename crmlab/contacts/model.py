"""The maths of the Huawei "151 program" case (华为“一五一工程”：一支队伍、五种手段、一个资料库).

Four pieces, each a pure function of the case's data (a mapping of four tables,
:func:`crmlab.datasets.load_operator_contacts`, 模拟数据):

1. **Relationship map and coverage** (关系图与覆盖率): which buying roles of each
   account have been reached by which of the five means, and a weighted
   coverage score per account (本书补充).
2. **Planning under a budget** (预算约束下的活动计划): a small integer programme
   solved with :func:`scipy.optimize.milp`, beside the greedy rule a manager
   would use.
3. **One database** (一个资料库): the profile cards, contacts and activity log in
   SQLite, with queries that answer the eight design questions of seed
   ``[002]`` 第三章.
4. **Merging the two lines' lists** (两条线名单合并): record linkage on normalised
   names, companies and phones at five levels of strictness, measured against
   the labelled truth.
"""
from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..validation import (InputError, InputTypeError, check_choice, check_frame,
                          check_int, check_number, described, fail)

__all__ = ["ROLES", "MEANS_TABLE", "DEFAULT_WEIGHTS", "TABLES", "SCHEMA", "DESIGN_QUESTIONS",
           "STRICTNESS", "relationship_map", "coverage_scores", "planning_inputs", "plan_activities",
           "compare_plans", "build_database", "run_sql", "design_query", "match_lists",
           "match_quality", "merge_effects", "conflicting_visits"]

#: The four roles in an account's buying decision (采购决策中的四种角色), 本书补充 after
#: the buying centre of Webster & Wind (1972) and the economic / user / technical
#: buyers of Miller & Heiman (1985).  Seed [002] 第四章 says only that as products
#: grow complex "more departments of the buyer take part in the purchase decision".
ROLES = ("决策", "影响", "使用", "技术")

#: The five means of seed [001] (五种手段) with what the case assumes about them
#: (本书补充, invented for the simulation): cost per activity (万元), how many the
#: vendor can run in a planning quarter (capacity) and which roles one activity
#: at an account reaches.
MEANS_TABLE = pd.DataFrame({
    "means": ["参观公司", "参观样板点", "现场会", "技术交流", "管理和经营研究"],
    "means_en": ["company visit", "model-site visit", "on-site meeting", "technical exchange",
                 "management and business research"],
    "cost_10k": [6.0, 4.0, 2.0, 1.0, 5.0],
    "capacity": [4, 6, 10, 15, 4],
    "reaches": ["决策、影响", "影响、使用、技术", "影响、使用", "使用、技术", "决策、影响"],
})
_REACH = np.array([[1, 1, 0, 0], [0, 1, 1, 1], [0, 1, 1, 0], [0, 0, 1, 1], [1, 1, 0, 0]], float)

# "决策、影响" … for each of the 16 subsets of the roles (bit j = role j), "—" for none
_ROLE_SETS = np.array(["、".join(r for j, r in enumerate(ROLES) if k >> j & 1) or "—"
                       for k in range(1 << len(ROLES))])

#: Default role weights of the coverage score (本书补充): the decision-maker counts
#: most, the technical gatekeeper next.  Weights are normalised to sum to 1.
DEFAULT_WEIGHTS = {"决策": 0.40, "影响": 0.25, "使用": 0.15, "技术": 0.20}

#: Columns each table of the case's data must hold.
TABLES = {
    "accounts": ("account_id", "company_name", "short_name", "operator", "province", "city",
                 "subscribers_m", "network_focus", "purchase_mode", "capex_100m", "our_share",
                 "main_rival", "contract_10k", "orders_2024", "payment_days", "credit_grade",
                 "account_manager", "card_updated"),
    "contacts": ("contact_id", "account_id", "name", "title", "role", "level", "phone"),
    "team_lists": ("record_id", "team", "name", "company", "phone", "role", "person_id"),
    "activities": ("activity_id", "date", "account_id", "contact_id", "means", "team", "cost_10k"),
}
_NUMERIC = {"accounts": ("subscribers_m", "capex_100m", "our_share", "contract_10k",
                         "orders_2024", "payment_days"),
            "contacts": ("level",), "team_lists": (), "activities": ("cost_10k",)}
_TEAMS = ("产品线", "客户线")

#: The SQLite schema of the one database (一个资料库的表结构).  The four card tables
#: are the four groups of content of the customer profile card (客户资料卡的四组内容,
#: seed [002] 第三章): basic data, characteristics, business status, transaction status.
SCHEMA = """
-- 客户资料卡（一）基本资料 basic data
CREATE TABLE card_basic (
    account_id   TEXT PRIMARY KEY,   -- 客户编号
    company_name TEXT NOT NULL,      -- 公司全称
    short_name   TEXT NOT NULL,      -- 简称
    operator     TEXT NOT NULL,      -- 运营商
    province     TEXT NOT NULL,      -- 省份
    city         TEXT NOT NULL       -- 所在城市
);
-- 客户资料卡（二）客户特征 characteristics
CREATE TABLE card_traits (
    account_id    TEXT PRIMARY KEY REFERENCES card_basic(account_id),
    subscribers_m REAL,              -- 用户规模（百万户）
    network_focus TEXT,              -- 建设重点
    purchase_mode TEXT               -- 采购方式
);
-- 客户资料卡（三）业务状况 business status
CREATE TABLE card_business (
    account_id TEXT PRIMARY KEY REFERENCES card_basic(account_id),
    capex_100m REAL,                 -- 年度网络投资（亿元）
    our_share  REAL,                 -- 本公司份额
    main_rival TEXT                  -- 主要竞争对手
);
-- 客户资料卡（四）交易状况 transaction status
CREATE TABLE card_transactions (
    account_id      TEXT PRIMARY KEY REFERENCES card_basic(account_id),
    contract_10k    REAL,            -- 上年合同额（万元）
    orders_2024     INTEGER,         -- 上年订单数
    payment_days    INTEGER,         -- 平均回款天数
    credit_grade    TEXT,            -- 信用等级
    account_manager TEXT,            -- 客户经理
    card_updated    TEXT             -- 资料卡最近更新日期
);
-- 联系人（决策链上的人）contacts
CREATE TABLE contacts (
    contact_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES card_basic(account_id),
    name       TEXT NOT NULL,        -- 姓名
    title      TEXT,                 -- 职务
    role       TEXT NOT NULL,        -- 角色：决策/影响/使用/技术
    level      INTEGER NOT NULL,     -- 关系等级 0–3
    phone      TEXT                  -- 电话（个人信息，限制查阅）
);
-- 五种手段的活动记录 activity log
CREATE TABLE activities (
    activity_id TEXT PRIMARY KEY,
    date        TEXT NOT NULL,       -- 日期 YYYY-MM-DD
    account_id  TEXT NOT NULL REFERENCES card_basic(account_id),
    contact_id  TEXT NOT NULL REFERENCES contacts(contact_id),
    means       TEXT NOT NULL,       -- 手段
    team        TEXT NOT NULL,       -- 产品线 / 客户线
    cost_10k    REAL NOT NULL        -- 费用（万元）
);
-- 数据目录：谁管理、谁能查、保密级别、更新周期 data catalogue
CREATE TABLE catalogue (
    table_name   TEXT PRIMARY KEY,
    content      TEXT,               -- 内容
    owner        TEXT,               -- 管理部门
    readers      TEXT,               -- 可查阅者
    security     TEXT,               -- 保密级别
    update_days  INTEGER             -- 规定的更新周期（天）
);
"""

_CATALOGUE = pd.DataFrame({
    "table_name": ["card_basic", "card_traits", "card_business", "card_transactions",
                   "contacts", "activities"],
    "content": ["资料卡：基本资料", "资料卡：客户特征", "资料卡：业务状况", "资料卡：交易状况",
                "决策链联系人", "五种手段活动记录"],
    "owner": ["客户线（大客户部）", "客户线（大客户部）", "客户线（大客户部）", "销售管理部",
              "客户线（大客户部）", "两条线各自录入，大客户部审核"],
    "readers": ["两条线全体", "两条线全体", "两条线全体", "客户经理、主管", "两条线全体（电话仅客户经理）",
                "两条线全体"],
    "security": ["内部", "内部", "内部", "机密", "机密（个人信息）", "内部"],
    "update_days": [365, 180, 90, 90, 90, 1],
})

#: The eight design questions of a customer database (设计客户数据库的八个问题, seed
#: [002] 第三章), each with the SQL query of the case that answers it from data.
DESIGN_QUESTIONS = pd.DataFrame({
    "question": list(range(1, 9)),
    "text": ["需要储存何种资料？要储存多少？", "数据库的资料能做些什么？有哪些决策以资料为主？",
             "数据库由谁来管理？", "谁可以查阅数据库？", "数据库的安全性有多高？",
             "使用者多久会使用一次数据库？", "数据库的正确性如何？", "资料更新周期需要多长时间？"],
    "sql": [
        """SELECT k.table_name, k.content, n.n_rows FROM catalogue AS k JOIN (
             SELECT 'card_basic' AS t, COUNT(*) AS n_rows FROM card_basic
             UNION ALL SELECT 'card_traits', COUNT(*) FROM card_traits
             UNION ALL SELECT 'card_business', COUNT(*) FROM card_business
             UNION ALL SELECT 'card_transactions', COUNT(*) FROM card_transactions
             UNION ALL SELECT 'contacts', COUNT(*) FROM contacts
             UNION ALL SELECT 'activities', COUNT(*) FROM activities) AS n ON n.t = k.table_name""",
        """SELECT b.account_id, b.short_name, bu.capex_100m,
                  COUNT(DISTINCT c.contact_id) AS decision_makers,
                  COUNT(a.activity_id) AS activities
             FROM card_basic AS b JOIN card_business AS bu USING (account_id)
             JOIN contacts AS c ON c.account_id = b.account_id AND c.role = '决策'
             LEFT JOIN activities AS a ON a.contact_id = c.contact_id
            GROUP BY b.account_id HAVING COUNT(a.activity_id) = 0
            ORDER BY bu.capex_100m DESC""",
        "SELECT table_name, content, owner FROM catalogue",
        "SELECT table_name, content, readers FROM catalogue",
        """SELECT table_name, content, security FROM catalogue
            ORDER BY CASE security WHEN '内部' THEN 1 ELSE 0 END, table_name""",
        """SELECT substr(date, 1, 7) AS month, team, COUNT(*) AS activities
             FROM activities GROUP BY month, team ORDER BY month, team""",
        """SELECT '电话不是11位数字' AS check_name, COUNT(*) AS problems FROM contacts
            WHERE length(phone) != 11 OR phone GLOB '*[^0-9]*'
           UNION ALL SELECT '活动记录的客户与联系人所属客户不一致', COUNT(*)
             FROM activities AS a JOIN contacts AS c USING (contact_id)
            WHERE a.account_id != c.account_id
           UNION ALL SELECT '关系等级不在 0–3 之间', COUNT(*) FROM contacts
            WHERE level NOT BETWEEN 0 AND 3
           UNION ALL SELECT '活动日期不在 2025 年', COUNT(*) FROM activities
            WHERE date NOT BETWEEN '2025-01-01' AND '2025-12-31'""",
        """SELECT b.account_id, b.short_name, t.card_updated,
                  CAST(julianday('2025-12-31') - julianday(t.card_updated) AS INTEGER)
                    AS days_since_update,
                  (SELECT update_days FROM catalogue WHERE table_name = 'card_transactions')
                    AS update_days
             FROM card_basic AS b JOIN card_transactions AS t USING (account_id)
            ORDER BY days_since_update DESC""",
    ],
})

#: The five matching rules, from loose (1) to strict (5) (匹配严格程度).
STRICTNESS = pd.DataFrame({
    "strictness": [1, 2, 3, 4, 5],
    "rule": ["电话相同，或姓氏与单位相同", "电话相同，或姓名与单位相同", "姓名与单位相同",
             "姓名、单位、电话都相同（规范化后）", "姓名、单位、电话原样逐字相同"],
})


# --------------------------------------------------------------------------- checks
def _frame(data, key: str, name: str) -> pd.DataFrame:
    frame = data[key]
    where = f"{name}[{key!r}]"
    frame = check_frame(frame, where, list(TABLES[key]), zh="案例数据表")
    for col in _NUMERIC[key]:
        s = frame[col]
        if not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
            raise fail(where, described(f"column {col!r} of dtype {s.dtype}"),
                       f"numbers in column {col!r}", f"列 {col!r} 中的数值", zh="案例数据表",
                       kind=InputTypeError)
    nums = frame[list(_NUMERIC[key])].to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(nums) | (nums < 0)
    if bad.any():
        i, j = (int(k[0]) for k in np.nonzero(bad))
        col = _NUMERIC[key][j]
        raise fail(where, described(f"{frame[col].iloc[i]!r} in column {col!r}, row {i}"),
                   f"finite numbers >= 0 in column {col!r}",
                   f"列 {col!r} 中不小于 0 的有限数值", zh="案例数据表")
    texts = [c for c in TABLES[key] if c not in _NUMERIC[key]]
    block = frame[texts]
    if all(isinstance(t, pd.StringDtype) for t in block.dtypes):
        # text by type (as the loader gives): only missing or empty cells can be wrong
        ok = (block.notna() & block.ne("")).to_numpy(dtype=bool, na_value=False)
    else:
        ok = block.apply(lambda s: s.map(lambda v: isinstance(v, str) and v != "")).to_numpy(
            dtype=bool)
    if not ok.all():
        i, j = (int(k[0]) for k in np.nonzero(~ok))
        col = texts[j]
        raise fail(where, described(f"{frame[col].iloc[i]!r} in column {col!r}, row {i}"),
                   f"non-empty text in column {col!r}", f"列 {col!r} 中的非空文字",
                   zh="案例数据表", kind=InputTypeError)
    return frame


def _data(data, name: str = "data", need=tuple(TABLES)) -> dict:
    """The case's tables after checks: a mapping with the tables ``need``."""
    if not isinstance(data, Mapping):
        raise fail(name, described(type(data).__name__),
                   "the case's data: a dict of tables (datasets.load_operator_contacts())",
                   "案例数据：由表格组成的字典（datasets.load_operator_contacts()）",
                   zh="案例数据", kind=InputTypeError)
    missing = [k for k in need if k not in data]
    if missing:
        raise fail(name, described(f"a dict without {missing}"),
                   f"a dict with the tables {list(need)}", f"含有表 {list(need)} 的字典",
                   zh="案例数据")
    out = {k: _frame(data, k, name) for k in need}
    for key, col in (("accounts", "account_id"), ("contacts", "contact_id")):
        if key in out and out[key][col].duplicated().any():
            dup = out[key].loc[out[key][col].duplicated(), col].iloc[0]
            raise fail(f"{name}[{key!r}]", described(f"{col} {dup!r} twice"),
                       f"one row per {col}", f"每个 {col} 只有一行", zh="案例数据表")
    if "accounts" in out and "contacts" in out:
        bad = ~out["contacts"]["account_id"].isin(out["accounts"]["account_id"])
        if bad.any():
            raise fail(f"{name}['contacts']",
                       described(f"account_id {out['contacts'].loc[bad, 'account_id'].iloc[0]!r}"),
                       "accounts listed in data['accounts']", "data['accounts'] 中已有的客户",
                       zh="案例数据表")
        roles = ~out["contacts"]["role"].isin(ROLES)
        if roles.any():
            raise fail(f"{name}['contacts']",
                       described(f"role {out['contacts'].loc[roles, 'role'].iloc[0]!r}"),
                       f"roles among {list(ROLES)}", f"角色为 {'、'.join(ROLES)} 之一",
                       zh="案例数据表")
    if "activities" in out:
        act = out["activities"]
        bad = ~act["means"].isin(MEANS_TABLE["means"]) | ~act["team"].isin(_TEAMS)
        if "contacts" in out:
            bad |= ~act["contact_id"].isin(out["contacts"]["contact_id"])
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise fail(f"{name}['activities']", described(f"row {i}: {act.iloc[i].to_dict()}"),
                       "activities of the five means by 产品线 or 客户线 with known contacts",
                       "五种手段之一、由产品线或客户线开展、联系人已登记的活动", zh="案例数据表")
        dates = pd.to_datetime(act["date"], format="%Y-%m-%d", errors="coerce")
        if dates.isna().any():
            i = int(np.flatnonzero(dates.isna().to_numpy())[0])
            raise fail(f"{name}['activities']", described(f"date {act['date'].iloc[i]!r}, row {i}"),
                       "dates written YYYY-MM-DD", "写成 YYYY-MM-DD 的日期", zh="案例数据表")
    if "team_lists" in out:
        teams = ~out["team_lists"]["team"].isin(_TEAMS)
        if teams.any():
            raise fail(f"{name}['team_lists']",
                       described(f"team {out['team_lists'].loc[teams, 'team'].iloc[0]!r}"),
                       "teams 产品线 or 客户线", "产品线或客户线", zh="案例数据表")
    return out


def _weights(w_decision, w_influence, w_use, w_technical) -> np.ndarray:
    w = np.array([check_number(v, n, zh=z, low=0, high=1) for v, n, z in (
        (w_decision, "w_decision", "决策角色权重"), (w_influence, "w_influence", "影响角色权重"),
        (w_use, "w_use", "使用角色权重"), (w_technical, "w_technical", "技术角色权重"))])
    if w.sum() <= 0:
        raise fail("w_decision", described("all four weights 0"), "at least one weight above 0",
                   "至少一个角色权重大于 0", zh="角色权重")
    return w / w.sum()


def _reached(tables: dict) -> tuple[pd.DataFrame, np.ndarray]:
    """Accounts (in order) and the 0/1 matrix account × role reached in the log."""
    acc = tables["accounts"].reset_index(drop=True)
    act = tables["activities"].merge(tables["contacts"][["contact_id", "role"]], on="contact_id")
    hit = pd.crosstab(act["account_id"], act["role"]).reindex(index=acc["account_id"],
                                                               columns=list(ROLES), fill_value=0)
    return acc, (hit.to_numpy() > 0).astype(float)


# --------------------------------------------------------------------------- 1. coverage
def relationship_map(data) -> pd.DataFrame:
    """The relationship map of the key accounts (大客户关系图): account × role.

    One row per account and role (决策 / 影响 / 使用 / 技术) with the number of
    contacts (联系人) in the role, their best and mean relationship level (关系等级: 0 not
    known, 1 acquainted, 2 familiar, 3 trusted; 本书补充), the number of 2025
    activities of each of the five means that reached the role, and
    ``means_used`` (how many of the five means reached it) and ``reached``
    (at least one activity).

    Parameters
    ----------
    data : mapping
        The case's tables (:func:`crmlab.datasets.load_operator_contacts`).

    Returns
    -------
    DataFrame
        Columns ``account_id, short_name, province, operator, role, contacts,
        best_level, mean_level``, the five means, ``means_used, reached``.

    Examples
    --------
    >>> from crmlab import datasets
    >>> m = relationship_map(datasets.load_operator_contacts())
    >>> len(m), list(m["role"].unique())
    (120, ['决策', '影响', '使用', '技术'])
    """
    t = _data(data, need=("accounts", "contacts", "activities"))
    acc, con, act = t["accounts"], t["contacts"], t["activities"]
    grid = pd.MultiIndex.from_product([acc["account_id"], list(ROLES)], names=["account_id", "role"])
    people = con.groupby(["account_id", "role"])["level"].agg(["size", "max", "mean"])
    people = people.reindex(grid)
    a = act.merge(con[["contact_id", "role"]], on="contact_id")
    means = pd.crosstab([a["account_id"], a["role"]], a["means"]).reindex(
        index=grid, columns=MEANS_TABLE["means"], fill_value=0)
    out = pd.DataFrame({"contacts": people["size"].fillna(0).astype(int),
                        "best_level": people["max"], "mean_level": people["mean"]}, index=grid)
    out = out.join(means.fillna(0).astype(int))
    out["means_used"] = (means.to_numpy() > 0).sum(axis=1)
    out["reached"] = out["means_used"] > 0
    out = out.reset_index()
    card = acc.set_index("account_id")
    for k, col in enumerate(("short_name", "province", "operator")):
        out.insert(1 + k, col, out["account_id"].map(card[col]))
    return out


def coverage_scores(data, w_decision: float = 0.40, w_influence: float = 0.25,
                    w_use: float = 0.15, w_technical: float = 0.20) -> pd.DataFrame:
    """Coverage score per account (客户覆盖率得分, 本书补充).

    .. math:: S_a = \\sum_r w_r \\, c_{a,r}, \\qquad \\sum_r w_r = 1

    where :math:`c_{a,r} = 1` if role *r* of account *a* was reached by at least
    one of the five means in the 2025 log, else 0.  The weights are normalised
    to sum to 1, so :math:`S_a \\in [0, 1]`.  ``value_share`` is the account's
    share of the 30 accounts' network investment (``capex_100m``); the
    value-weighted coverage of the portfolio is :math:`\\sum_a v_a S_a`.

    Convention (约定): coverage counts a role as reached once any activity met
    any of its people; it does not count how deep the relationship is (see
    :func:`relationship_map` for the levels).  The weights are the book's
    assumption (本书补充: decision-makers count most, after the buying-centre
    literature, Webster & Wind 1972; Miller & Heiman 1985); the seed gives none.

    Returns
    -------
    DataFrame
        ``account_id, short_name, province, operator, value_share``, one 0/1
        column per role
        (``reached_决策`` …) and ``score``, in the accounts' order.

    Examples
    --------
    >>> from crmlab import datasets
    >>> s = coverage_scores(datasets.load_operator_contacts())
    >>> bool(s["score"].between(0, 1).all()), round(float(s["value_share"].sum()), 6)
    (True, 1.0)
    """
    w = _weights(w_decision, w_influence, w_use, w_technical)
    t = _data(data, need=("accounts", "contacts", "activities"))
    acc, reached = _reached(t)
    out = acc[["account_id", "short_name", "province", "operator"]].copy()
    capex = acc["capex_100m"].to_numpy(dtype=float)
    if capex.sum() <= 0:
        raise fail("data['accounts']", described("capex_100m all 0"),
                   "network investment above 0 for at least one account",
                   "至少一个客户的网络投资大于 0", zh="案例数据表")
    out["value_share"] = capex / capex.sum()
    for j, r in enumerate(ROLES):
        out[f"reached_{r}"] = reached[:, j].astype(int)
    out["score"] = reached @ w
    return out


# --------------------------------------------------------------------------- 2. planning
def planning_inputs(data) -> dict:
    """What the budget plan needs from the data, measured once (计划的输入).

    Returns
    -------
    dict
        ``accounts`` (``account_id, short_name, province, operator,
        value_share``) and ``reached``
        (account × role, 1 if reached in the 2025 log), as in
        :func:`coverage_scores`.  :func:`plan_activities` takes this or the data.

    Examples
    --------
    >>> from crmlab import datasets
    >>> p = planning_inputs(datasets.load_operator_contacts())
    >>> p["reached"].shape
    (30, 4)
    """
    s = coverage_scores(data)
    return {"accounts": s[["account_id", "short_name", "province", "operator",
                           "value_share"]].copy(),
            "reached": s[[f"reached_{r}" for r in ROLES]].set_axis(list(ROLES), axis=1)
            .set_index(s["account_id"])}


def _as_inputs(data) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    if isinstance(data, Mapping) and set(data) == {"accounts", "reached"}:
        acc, reached = data["accounts"], data["reached"]
        ok = (isinstance(acc, pd.DataFrame) and isinstance(reached, pd.DataFrame)
              and {"account_id", "short_name", "province", "operator", "value_share"}
              <= set(acc.columns)
              and list(reached.columns) == list(ROLES) and len(reached) == len(acc) > 0)
        if ok:
            c0 = reached.to_numpy(dtype=float)
            v = acc["value_share"].to_numpy(dtype=float)
            ok = bool(np.isin(c0, (0.0, 1.0)).all() and np.isfinite(v).all() and (v >= 0).all()
                      and abs(v.sum() - 1) < 1e-9)
        if not ok:
            raise fail("data", described("a damaged planning_inputs() result"),
                       "the case's data or planning_inputs(data)",
                       "案例数据或 planning_inputs(data) 的结果", zh="案例数据")
        return acc, c0, v
    p = planning_inputs(data)
    return p["accounts"], p["reached"].to_numpy(dtype=float), \
        p["accounts"]["value_share"].to_numpy(dtype=float)


def _greedy(c0, v, w, cost, cap, budget):
    """A manager's greedy rule: best coverage gain per 万元 first, until nothing fits."""
    n_acc, n_means = c0.shape[0], len(cost)
    y = c0.copy()
    x = np.zeros((n_acc, n_means), bool)
    left, used = budget, np.zeros(n_means, int)
    for _ in range(n_acc * n_means):   # at most one pick per account and means
        gain = v[:, None] * ((1 - y) * w) @ _REACH.T          # account × means
        ok = (~x) & (cost[None, :] <= left + 1e-9) & (used < cap)[None, :] & (gain > 1e-12)
        if not ok.any():
            break
        ratio = np.where(ok, gain / cost[None, :], -1.0)
        a, m = np.unravel_index(int(np.argmax(ratio)), ratio.shape)
        x[a, m] = True
        left -= cost[m]
        used[m] += 1
        y[a] = np.maximum(y[a], _REACH[m])
    return x, y


def _milp(c0, v, w, cost, cap, budget):
    """The integer programme of :func:`plan_activities` (HiGHS through scipy)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    n_acc, n_means, n_roles = c0.shape[0], len(cost), len(ROLES)
    nx, ny = n_acc * n_means, n_acc * n_roles
    gain = np.concatenate([np.zeros(nx), (v[:, None] * w[None, :]).ravel()])
    # coverage: y[a,r] - sum_m R[m,r] x[a,m] <= c0[a,r]
    A_cov = np.zeros((ny, nx + ny))
    rows = np.arange(ny)
    A_cov[rows, nx + rows] = 1.0
    block = -_REACH.T                                        # roles × means
    for a in range(n_acc):   # 30 small blocks of the constraint matrix, not a loop over data rows
        A_cov[a * n_roles:(a + 1) * n_roles, a * n_means:(a + 1) * n_means] = block
    spend = np.concatenate([np.tile(cost, n_acc), np.zeros(ny)])
    A_cap = np.concatenate([np.tile(np.eye(n_means), n_acc), np.zeros((n_means, ny))], axis=1)
    cons = [LinearConstraint(A_cov, -np.inf, c0.ravel()),
            LinearConstraint(spend[None, :], -np.inf, budget),
            LinearConstraint(A_cap, -np.inf, cap.astype(float))]
    integrality = np.concatenate([np.ones(nx), np.zeros(ny)])
    # a means that reaches no role still open at the account is never worth buying
    useful = ((1 - c0) @ _REACH.T > 0).ravel()
    bounds = Bounds(np.concatenate([np.zeros(nx), c0.ravel()]),
                    np.concatenate([useful.astype(float), np.ones(ny)]))
    # lexicographic by weighting: the whole cost term, at most eps * budget, stays below
    # half the smallest coverage gain of one cell, so coverage comes first and cost
    # only decides between plans of (practically) equal coverage
    # cells worth less than 1e-9 of the most valuable cell count as worth nothing here
    # (a weight of 1e-200 would otherwise blow up the scale of the objective)
    gain = np.where(gain >= 1e-9 * gain.max(), gain, 0.0)
    top = gain[gain > 0].min()
    eps = 0.5 * top / max(min(budget, float(cost @ cap)), 1.0)
    t0 = time.perf_counter()
    # divided by g_min so that one cell counts >= 1 and HiGHS's absolute gap (1e-6) is
    # far below the cost of the cheapest activity in the objective's units
    res = milp((eps * spend - gain) / top, constraints=cons, integrality=integrality,
               bounds=bounds, options={"time_limit": 10.0, "mip_rel_gap": 0.0})
    ms = (time.perf_counter() - t0) * 1000
    if res.x is None:  # pragma: no cover - the programme is always feasible (x = 0)
        raise InputError(f"the planning programme could not be solved: {res.message} "
                         f"（活动计划整数规划无法求解：{res.message}）")
    x = res.x[:nx].reshape(n_acc, n_means) > 0.5
    y = np.maximum(c0, np.minimum(1.0, (x.astype(float) @ _REACH)))
    return x, y, ms, bool(res.status == 0)


def plan_activities(data, budget: float = 40.0, w_decision: float = 0.40,
                    w_influence: float = 0.25, w_use: float = 0.15, w_technical: float = 0.20,
                    method: str = "milp") -> dict:
    """Plan next quarter's activities under a budget (预算约束下的关系活动计划, 本书补充).

    Integer programme (整数规划), solved with :func:`scipy.optimize.milp` (HiGHS):

    * **Variables**: :math:`x_{a,m} \\in \\{0, 1\\}` — run means *m* at account
      *a* once this quarter (30 × 5 = 150 binaries); :math:`y_{a,r} \\in
      [c_{a,r}, 1]` — role *r* of account *a* reached after the plan (120
      continuous), where :math:`c_{a,r}` is the coverage already in the log.
    * **Objective** (lexicographic, 字典序: coverage first, then cost): maximise
      the value-weighted coverage :math:`\\sum_a v_a \\sum_r w_r y_{a,r}`
      (:math:`v_a` the account's share of network investment, :math:`w_r` the
      normalised role weights) minus :math:`\\varepsilon \\sum_{a,m} k_m x_{a,m}`,
      with :math:`\\varepsilon = g_{\\min} / (2 \\min(B, \\sum_m k_m K_m))` and
      :math:`g_{\\min}` the smallest gain :math:`v_a w_r > 0` of one cell.  The
      whole cost term stays below half of :math:`g_{\\min}`, so no plan gives up
      a cell's coverage to save money, while between plans of equal coverage
      the cheaper wins (cells worth less than :math:`10^{-9}` of the most
      valuable cell count as worth nothing).  Solved to a zero optimality gap, so no chosen activity
      is redundant (dropping one would save money at no loss) and ``spent``
      does not depend on how the solver breaks ties.
    * **Constraints**: reach :math:`y_{a,r} \\le c_{a,r} + \\sum_m R_{m,r}
      x_{a,m}` (:math:`R` = which roles a means reaches, :data:`MEANS_TABLE`);
      budget :math:`\\sum_{a,m} k_m x_{a,m} \\le B` (:math:`k_m` cost in 万元);
      capacity :math:`\\sum_a x_{a,m} \\le K_m` for each means.

    ``method="greedy"`` applies instead the rule a manager would use: take, one
    at a time, the activity with the largest gain in value-weighted coverage per
    万元 that still fits the budget and the capacity (a maximum-coverage problem;
    the greedy rule can miss the optimum, Nemhauser, Wolsey & Fisher 1978).

    Parameters
    ----------
    data : mapping
        The case's tables, or :func:`planning_inputs` of them (faster when
        planning many times).
    budget : float
        Budget of the quarter in 万元, 0–10,000.
    w_decision, w_influence, w_use, w_technical : float
        Role weights in [0, 1], not all 0 (normalised to sum to 1).
    method : {"milp", "greedy"}

    Returns
    -------
    dict
        ``coverage_before``, ``coverage_after`` (value-weighted, 0–1),
        ``mean_score_before``, ``mean_score_after`` (plain mean over accounts),
        ``spent`` (万元), ``activities`` (count), ``accounts_improved``,
        ``solve_ms`` (milp only; 0 for greedy), ``optimal`` (bool),
        ``plan`` (one row per chosen activity; ``roles_reached`` lists the roles it
        newly reaches, a role two chosen activities reach credited to the first
        in the order of :data:`MEANS_TABLE`), ``scores`` (per account, before
        and after) and ``matrix`` (account × role, indexed by province and
        operator: 0 not reached, 1 reached before, 2 reached by the plan).

    Examples
    --------
    >>> from crmlab import datasets
    >>> d = datasets.load_operator_contacts()
    >>> best, rule = plan_activities(d, 40), plan_activities(d, 40, method="greedy")
    >>> best["coverage_after"] >= rule["coverage_after"] - 1e-9, best["spent"] <= 40
    (True, True)
    """
    method = check_choice(method, "method", ("milp", "greedy"), zh="求解方法")
    b = check_number(budget, "budget", zh="预算（万元）", low=0, high=10_000)
    w = _weights(w_decision, w_influence, w_use, w_technical)
    scores, c0, v = _as_inputs(data)
    cost = MEANS_TABLE["cost_10k"].to_numpy(dtype=float)
    cap = MEANS_TABLE["capacity"].to_numpy(dtype=int)
    if method == "milp":
        x, y, ms, optimal = _milp(c0, v, w, cost, cap, b)
    else:
        (x, y), ms, optimal = _greedy(c0, v, w, cost, cap, b), 0.0, False
    before, after = c0 @ w, y @ w
    a_idx, m_idx = np.nonzero(x)
    # each newly reached cell is credited once, to the account's first chosen means
    # (in the order of MEANS_TABLE) that reaches it
    credit = np.zeros(x.shape + (len(ROLES),), bool)
    seen = c0 > 0
    for m in range(len(cost)):   # five means, not a loop over data rows
        credit[:, m] = x[:, m, None] & (_REACH[m] > 0) & ~seen
        seen = seen | credit[:, m]
    new = credit[a_idx, m_idx]
    plan = pd.DataFrame({
        "account_id": scores["account_id"].to_numpy()[a_idx],
        "short_name": scores["short_name"].to_numpy()[a_idx],
        "means": MEANS_TABLE["means"].to_numpy()[m_idx],
        "cost_10k": cost[m_idx],
        "roles_reached": _ROLE_SETS[new.astype(int) @ (1 << np.arange(len(ROLES)))],
    })
    per_account = scores[["account_id", "short_name", "value_share"]].copy()
    per_account["score_before"], per_account["score_after"] = before, after
    matrix = np.where(c0 > 0, 1, np.where(y > 0.5, 2, 0))
    return {
        "coverage_before": float(v @ before), "coverage_after": float(v @ after),
        "mean_score_before": float(before.mean()), "mean_score_after": float(after.mean()),
        "spent": float(cost[m_idx].sum()), "activities": int(len(a_idx)),
        "accounts_improved": int((after > before + 1e-12).sum()),
        "solve_ms": float(ms), "optimal": optimal, "plan": plan, "scores": per_account,
        "matrix": pd.DataFrame(matrix, columns=list(ROLES), index=pd.MultiIndex.from_arrays(
            [scores["province"].to_numpy(), scores["operator"].to_numpy()],
            names=["province", "operator"])),
    }


def compare_plans(data, budget: float = 40.0, w_decision: float = 0.40, w_influence: float = 0.25,
                  w_use: float = 0.15, w_technical: float = 0.20) -> dict:
    """The integer programme beside the greedy rule at one budget (最优计划与贪心规则对比).

    Returns
    -------
    dict
        ``milp`` and ``greedy`` (results of :func:`plan_activities`) and the
        numbers a reader compares: ``coverage_before``, ``milp_coverage``,
        ``greedy_coverage``, ``gap`` (milp − greedy, in points of coverage, ≥ 0),
        ``milp_spent``, ``greedy_spent``, ``solve_ms``.

    Examples
    --------
    >>> from crmlab import datasets
    >>> r = compare_plans(datasets.load_operator_contacts(), 40)
    >>> r["gap"] >= 0
    True
    """
    data = planning_inputs(data) if not (isinstance(data, Mapping) and "reached" in data) else data
    best = plan_activities(data, budget, w_decision, w_influence, w_use, w_technical, "milp")
    rule = plan_activities(data, budget, w_decision, w_influence, w_use, w_technical, "greedy")
    return {"milp": best, "greedy": rule, "coverage_before": best["coverage_before"],
            "milp_coverage": best["coverage_after"], "greedy_coverage": rule["coverage_after"],
            "gap": max(best["coverage_after"] - rule["coverage_after"], 0.0),
            "milp_spent": best["spent"], "greedy_spent": rule["spent"],
            "milp_activities": best["activities"], "greedy_activities": rule["activities"],
            "solve_ms": best["solve_ms"]}


# --------------------------------------------------------------------------- 3. one database
def build_database(data, path=None) -> str:
    """Build the one database (一个资料库) in SQLite from the case's CSV tables.

    The profile card is split into its four groups of content (seed [002]
    第三章: 基本资料, 客户特征, 业务状况, 交易状况), beside the contacts, the activity
    log and a data catalogue (数据目录: owner, readers, security, update cycle).
    The schema is :data:`SCHEMA`.  Nothing is committed: the file is built at
    run time from the CSVs.

    Parameters
    ----------
    data : mapping
        The case's tables.
    path : str or os.PathLike, optional
        Where to write the file (an existing file there is replaced).  Default:
        a new file in a fresh temporary folder.

    Returns
    -------
    str
        The path of the SQLite file.

    Examples
    --------
    >>> from crmlab import datasets
    >>> db = build_database(datasets.load_operator_contacts())
    >>> int(run_sql(db, "SELECT COUNT(*) AS n FROM card_basic")["n"].iloc[0])
    30
    """
    t = _data(data, need=("accounts", "contacts", "activities"))
    if path is None:
        path = os.path.join(tempfile.mkdtemp(prefix="crmlab_151_"), "one_database.sqlite")
    elif not isinstance(path, (str, os.PathLike)) or isinstance(path, bool):
        raise fail("path", path, "a file path (text) or None", "文件路径（文字）或 None",
                   zh="数据库文件路径", kind=InputTypeError)
    path = os.fspath(path)
    if isinstance(path, bytes) or not path.strip() or os.path.isdir(path):
        # '' would give SQLite a throw-away in-memory database; a folder cannot be a file
        raise fail("path", path, "the path of a file (not empty, not a folder)",
                   "文件路径（不能为空，也不能是文件夹）", zh="数据库文件路径")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise fail("path", path, "a file in an existing folder", "已存在文件夹中的文件",
                   zh="数据库文件路径")
    if os.path.exists(path):
        os.remove(path)
    acc = t["accounts"]
    groups = {"card_basic": ["account_id", "company_name", "short_name", "operator", "province",
                             "city"],
              "card_traits": ["account_id", "subscribers_m", "network_focus", "purchase_mode"],
              "card_business": ["account_id", "capex_100m", "our_share", "main_rival"],
              "card_transactions": ["account_id", "contract_10k", "orders_2024", "payment_days",
                                    "credit_grade", "account_manager", "card_updated"]}
    con = sqlite3.connect(path)
    try:
        con.executescript(SCHEMA)
        for table, cols in groups.items():
            acc[cols].to_sql(table, con, if_exists="append", index=False)
        t["contacts"][list(TABLES["contacts"])].to_sql("contacts", con, if_exists="append",
                                                        index=False)
        t["activities"][list(TABLES["activities"])].to_sql("activities", con,
                                                            if_exists="append", index=False)
        _CATALOGUE.to_sql("catalogue", con, if_exists="append", index=False)
        con.commit()
    finally:
        con.close()
    return path


_READ_ONLY = re.compile(r"^\s*(SELECT|WITH)\b", re.IGNORECASE)


def _db_path(db) -> str:
    if not isinstance(db, (str, os.PathLike)) or isinstance(db, bool):
        raise fail("db", db, "the path of a database from build_database()",
                   "build_database() 返回的数据库路径", zh="数据库", kind=InputTypeError)
    db = os.fspath(db)
    if not os.path.isfile(db):
        raise fail("db", db, "the path of a database from build_database()",
                   "build_database() 返回的数据库路径", zh="数据库")
    with open(db, "rb") as f:                  # every SQLite 3 file starts with this header
        if f.read(16) != b"SQLite format 3\x00":
            raise fail("db", db, "the path of a SQLite database from build_database()",
                       "build_database() 返回的 SQLite 数据库路径", zh="数据库")
    return db


#: A query is stopped after this many seconds or when it returns more rows (a guard
#: against a runaway recursive query; the case's tables have a few hundred rows).
_SQL_SECONDS = 5.0
_SQL_MAX_ROWS = 500_000


def run_sql(db, sql: str) -> pd.DataFrame:
    """Run one read-only SQL query on the database (查询资料库) with pandas.read_sql.

    Only ``SELECT`` (or ``WITH … SELECT``) queries run, on a connection opened
    read-only, so a query cannot change the database.

    Examples
    --------
    >>> from crmlab import datasets
    >>> db = build_database(datasets.load_operator_contacts())
    >>> run_sql(db, "SELECT role, COUNT(*) AS n FROM contacts GROUP BY role ORDER BY n DESC")["role"].iloc[0]
    '使用'
    >>> run_sql(db, "DELETE FROM contacts")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: sql must be one read-only query starting with SELECT or WITH; got 'DELETE FROM contacts' (SQL 查询 sql 应为以 SELECT 或 WITH 开头的只读查询，实际为 'DELETE FROM contacts')
    """
    db = _db_path(db)
    if not isinstance(sql, str):
        raise fail("sql", sql, "a SQL query (text)", "SQL 查询文字", zh="SQL 查询",
                   kind=InputTypeError)
    if not _READ_ONLY.match(sql) or ";" in sql.strip().rstrip(";"):
        raise fail("sql", sql, "one read-only query starting with SELECT or WITH",
                   "以 SELECT 或 WITH 开头的只读查询", zh="SQL 查询")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    deadline = time.perf_counter() + _SQL_SECONDS
    con.set_progress_handler(lambda: time.perf_counter() > deadline, 10_000)
    chunks = None
    try:
        # one chunk of at most _SQL_MAX_ROWS + 1 rows: the same frame pd.read_sql would return
        chunks = pd.read_sql(sql, con, chunksize=_SQL_MAX_ROWS + 1)
        frame = next(chunks)
        if len(frame) > _SQL_MAX_ROWS:
            raise fail("sql", sql, f"a query returning at most {_SQL_MAX_ROWS:,} rows",
                       f"返回不超过 {_SQL_MAX_ROWS:,} 行的查询", zh="SQL 查询")
        return frame
    except (sqlite3.Error, pd.errors.DatabaseError) as exc:
        if time.perf_counter() > deadline:
            raise fail("sql", sql, f"a query that finishes within {_SQL_SECONDS:g} seconds",
                       f"在 {_SQL_SECONDS:g} 秒内完成的查询", zh="SQL 查询") from None
        raise fail("sql", sql, f"a query SQLite can run ({exc})", f"SQLite 能执行的查询（{exc}）",
                   zh="SQL 查询") from None
    finally:
        if chunks is not None:
            chunks.close()
        con.close()


def design_query(db, question: int) -> pd.DataFrame:
    """The answer from data to one of the eight design questions (设计客户数据库的八个问题).

    ``question`` is 1–8 as in seed [002] 第三章 (:data:`DESIGN_QUESTIONS`); the
    query behind it is ``DESIGN_QUESTIONS["sql"]``.

    Examples
    --------
    >>> from crmlab import datasets
    >>> db = build_database(datasets.load_operator_contacts())
    >>> design_query(db, 1)["n_rows"].tolist()[:4]
    [30, 30, 30, 30]
    """
    q = check_int(question, "question", zh="问题编号", low=1, high=8)
    return run_sql(db, DESIGN_QUESTIONS["sql"].iloc[q - 1])


# --------------------------------------------------------------------------- 4. merging
def _keys(lists: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Normalised match keys of each list record (规范化的匹配键)."""
    def nfkc(s):
        return s.str.normalize("NFKC")
    name = nfkc(lists["name"]).str.replace(r"\s+", "", regex=True)
    digits = nfkc(lists["phone"]).str.replace(r"\D", "", regex=True)
    phone = digits.str[-11:].where(digits.str.len() >= 11, digits)
    provinces = "|".join(map(re.escape, sorted(accounts["province"].unique(), key=len, reverse=True)))
    operators = "|".join(map(re.escape, accounts["operator"].unique()))
    company = nfkc(lists["company"]).replace(_COMPANY_ALIASES, regex=True)
    prov = company.str.extract(f"({provinces})", expand=False)
    oper = company.str.extract(f"({operators})", expand=False)
    key = (prov + "|" + oper).where(prov.notna() & oper.notna(), lists["record_id"] + "|?")
    return pd.DataFrame({"record_id": lists["record_id"], "team": lists["team"],
                         "raw": lists["name"] + "|" + lists["company"] + "|" + lists["phone"],
                         "name_key": name, "surname": name.str[0], "phone_key": phone,
                         "company_key": key, "person_id": lists["person_id"]})


#: Words in company names that stand for an operator (联合网络通信 is 联通's legal name).
_COMPANY_ALIASES = {"中国联合网络通信": "联通", "联合网络通信": "联通"}

_RULES = {1: (("phone_key",), ("surname", "company_key")),
          2: (("phone_key",), ("name_key", "company_key")),
          3: (("name_key", "company_key"),),
          4: (("name_key", "company_key", "phone_key"),),
          5: (("raw",),)}


def _pairs(keys: pd.DataFrame, strictness: int) -> pd.DataFrame:
    pl, cl = keys[keys["team"] == _TEAMS[0]], keys[keys["team"] == _TEAMS[1]]
    found = [pl.merge(cl, on=list(rule), suffixes=("_pl", "_cl"))[["record_id_pl", "record_id_cl",
                                                                   "person_id_pl", "person_id_cl"]]
             for rule in _RULES[strictness]]
    return pd.concat(found, ignore_index=True).drop_duplicates(["record_id_pl", "record_id_cl"])


def match_lists(data, strictness: int = 3) -> dict:
    """Merge the product line's and the customer line's lists by record linkage (名单合并).

    Each record gets normalised keys (本书补充, after Christen 2012, *Data
    Matching*): the name without spaces and in NFKC form (全角→半角); the phone
    as its last 11 digits (drops +86 / 0086, dashes, spaces, brackets); the
    company as province + operator read from the name (so 中国移动通信集团江苏有限公司,
    江苏移动 and 中国移动江苏公司 agree).  A record of one list matches a record of
    the other when the rule of ``strictness`` holds (:data:`STRICTNESS`):

    1. same phone, or same surname and company (loosest);
    2. same phone, or same name and company;
    3. same name and company;
    4. same name, company and phone;
    5. name, company and phone the same character for character (strictest).

    Against the labelled truth (``person_id``: same person on both lists):
    ``found`` true matches, ``false_matches`` (different people linked),
    ``missed`` (duplicates not found), precision = found / (found + false)
    (1 when nothing is linked, by convention: no link is wrong) and recall =
    found / true duplicates.

    Returns
    -------
    dict
        ``strictness, rule, records, true_duplicates, found, false_matches,
        missed, precision, recall, merged_records`` (records − records of the
        customer line linked to at least one record of the product line) and
        ``pairs`` (the links, with ``correct``).

    Examples
    --------
    >>> from crmlab import datasets
    >>> d = datasets.load_operator_contacts()
    >>> loose, strict = match_lists(d, 1), match_lists(d, 5)
    >>> loose["recall"] >= strict["recall"], strict["false_matches"]
    (True, 0)
    """
    s = check_int(strictness, "strictness", zh="匹配严格程度", low=1, high=5)
    t = _data(data, need=("accounts", "team_lists"))
    return _matched(_keys(t["team_lists"], t["accounts"]), s)


def _matched(keys: pd.DataFrame, s: int) -> dict:
    pairs = _pairs(keys, s)
    pairs["correct"] = pairs["person_id_pl"] == pairs["person_id_cl"]
    truth = keys[keys["team"] == _TEAMS[0]].merge(keys[keys["team"] == _TEAMS[1]],
                                                  on="person_id")
    found = int(pairs["correct"].sum())
    false = int((~pairs["correct"]).sum())
    true_dup = len(truth)
    return {"strictness": s, "rule": STRICTNESS["rule"].iloc[s - 1], "records": len(keys),
            "true_duplicates": true_dup, "found": found, "false_matches": false,
            "missed": true_dup - found,
            "precision": found / (found + false) if found + false else 1.0,
            "recall": found / true_dup if true_dup else 1.0,
            "merged_records": len(keys) - int(pairs["record_id_cl"].nunique()),
            "pairs": pairs.reset_index(drop=True)}


def match_quality(data) -> pd.DataFrame:
    """:func:`merge_effects` at every strictness 1–5 (匹配质量随严格程度的变化).

    One row per strictness with ``rule``, ``found``, ``false_matches``,
    ``missed``, ``precision``, ``recall``, ``merged_records`` and the uncovered
    account × role cells (the same at every strictness; conflicting visits are
    left to :func:`conflicting_visits`).

    Examples
    --------
    >>> from crmlab import datasets
    >>> q = match_quality(datasets.load_operator_contacts())
    >>> bool(q["recall"].is_monotonic_decreasing)
    True
    """
    t = _data(data, need=("accounts", "contacts", "team_lists"))
    cells = _uncovered(t)
    keys = _keys(t["team_lists"], t["accounts"])
    rows = [_matched(keys, int(s)) for s in STRICTNESS["strictness"]]
    cols = ["strictness", "rule", "found", "false_matches", "missed", "precision", "recall",
            "merged_records"]
    out = pd.DataFrame([{k: r[k] for k in cols} for r in rows])
    for k, v in cells.items():
        out[k] = v
    return out


def conflicting_visits(data, days: int = 14) -> pd.DataFrame:
    """Visits to the same person by both lines within ``days`` days (两条线撞车的拜访).

    Without one database, neither line sees the other's visits: the product line
    holds a technical exchange with a person whom the customer line met the week
    before.  A conflict is a pair of activities, one of each line, with the same
    contact and dates at most ``days`` apart (本书补充 definition).

    Examples
    --------
    >>> from crmlab import datasets
    >>> c = conflicting_visits(datasets.load_operator_contacts(), 14)
    >>> bool((c["days_apart"] <= 14).all())
    True
    """
    d = check_int(days, "days", zh="间隔天数", low=0, high=365)
    return _conflicts(_data(data, need=("activities",))["activities"], d)


def _conflicts(activities: pd.DataFrame, d: int) -> pd.DataFrame:
    act = activities.assign(day=pd.to_datetime(activities["date"], format="%Y-%m-%d"))
    cols = ["activity_id", "contact_id", "account_id", "date", "day", "means"]
    pl = act.loc[act["team"] == _TEAMS[0], cols]
    cl = act.loc[act["team"] == _TEAMS[1], cols]
    pairs = pl.merge(cl, on=["contact_id", "account_id"], suffixes=("_pl", "_cl"))
    pairs["days_apart"] = (pairs["day_pl"] - pairs["day_cl"]).abs().dt.days.astype(int)
    pairs = pairs[pairs["days_apart"] <= d]
    return pairs[["account_id", "contact_id", "date_pl", "means_pl", "date_cl", "means_cl",
                  "days_apart"]].sort_values(["account_id", "contact_id", "date_pl"],
                                             kind="stable").reset_index(drop=True)


def _uncovered(t: dict) -> dict:
    lists = t["team_lists"].merge(t["contacts"][["contact_id", "account_id"]],
                                  left_on="person_id", right_on="contact_id", how="left")
    if lists["account_id"].isna().any():
        raise fail("data['team_lists']", described(
            f"person_id {lists.loc[lists['account_id'].isna(), 'person_id'].iloc[0]!r}"),
            "people listed in data['contacts']", "data['contacts'] 中已登记的人", zh="案例数据表")
    grid = pd.MultiIndex.from_product([t["accounts"]["account_id"], list(ROLES)])
    held = {team: pd.MultiIndex.from_frame(lists.loc[lists["team"] == team, ["account_id", "role"]])
            for team in _TEAMS}
    pl, cl = grid.isin(held[_TEAMS[0]]), grid.isin(held[_TEAMS[1]])
    return {"cells": len(grid), "uncovered_product": int((~pl).sum()),
            "uncovered_customer": int((~cl).sum()), "uncovered_both": int((~pl & ~cl).sum())}


def merge_effects(data, strictness: int = 3, days: int = 14) -> dict:
    """What merging the two lists into one database shows (合并成一个资料库后看到了什么).

    ``duplicates_found`` and ``false_matches`` from :func:`match_lists`; the
    account × role cells that **no one** keeps a contact for (``uncovered_both``,
    visible only once the lists sit side by side), beside the cells each line
    alone misses (``uncovered_product``, ``uncovered_customer``); and the number
    of ``conflicting_visits`` within ``days`` days.

    Examples
    --------
    >>> from crmlab import datasets
    >>> e = merge_effects(datasets.load_operator_contacts())
    >>> e["uncovered_both"] <= min(e["uncovered_product"], e["uncovered_customer"])
    True
    """
    s = check_int(strictness, "strictness", zh="匹配严格程度", low=1, high=5)
    d = check_int(days, "days", zh="间隔天数", low=0, high=365)
    t = _data(data, need=("accounts", "contacts", "team_lists", "activities"))
    m = _matched(_keys(t["team_lists"], t["accounts"]), s)
    return {"strictness": m["strictness"], "duplicates_found": m["found"],
            "false_matches": m["false_matches"], "missed": m["missed"],
            "precision": m["precision"], "recall": m["recall"],
            "merged_records": m["merged_records"], **_uncovered(t),
            "conflicting_visits": len(_conflicts(t["activities"], d))}
