"""Simulated key-account contacts of an equipment vendor (模拟数据：设备商的运营商大客户联系人).

The data of the Huawei "151 program" case (华为“一五一工程”, seed ``[001]``):
an invented telecom-equipment vendor sells to **30 provincial operator
companies** (10 provinces × 3 operators).  Four tables come from one simulation,
so they always agree:

* :func:`generate_accounts` – the customer profile card of each account
  (客户资料卡), with the four groups of content of seed ``[002]`` 第三章:
  basic data (基本资料), characteristics (客户特征), business status (业务状况)
  and transaction status (交易状况);
* :func:`generate_contacts` – about 400 contacts (联系人) with their role
  in the buying decision (决策 / 影响 / 使用 / 技术) and the current relationship
  level (关系等级 0–3); this is the clean "one database" (一个资料库);
* :func:`generate_team_lists` – the two contact lists the product line (产品线)
  and the customer line (客户线) kept before the merge: overlapping and
  inconsistent (name variants, phone formats, company abbreviations, old
  phones), with the true person of each record (``person_id``) as the labelled
  truth for record linkage;
* :func:`generate_activities` – the 2025 activity log of the five means
  (五种手段): company visits, model-site visits, on-site meetings, technical
  exchanges, management and business research.  A means meets only the roles
  it can reach, and no quarter holds more activities of a means than the
  vendor's capacity, both as in :data:`crmlab.contacts.MEANS_TABLE`, so the
  log and the planning model agree.

Every number and name is invented: the data are not Huawei's, not any
operator's, and describe no real person.  The simulation is vectorised (no loop
over accounts, contacts or activities) and deterministic for a seed.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ._args import check_seed

__all__ = ["generate_accounts", "generate_contacts", "generate_team_lists",
           "generate_activities", "PROVINCES", "OPERATORS", "ROLES", "MEANS", "SEED"]

SEED = 20251151

PROVINCES = ("江苏", "浙江", "广东", "山东", "河南", "四川", "湖北", "湖南", "福建", "安徽")
_CAPITALS = ("南京", "杭州", "广州", "济南", "郑州", "成都", "武汉", "长沙", "福州", "合肥")
OPERATORS = ("移动", "联通", "电信")
# company names as (before the province, after it), one pair per operator
_FULL = (("中国移动通信集团", "有限公司"), ("中国联合网络通信有限公司", "省分公司"),
         ("中国电信股份有限公司", "分公司"))
_OTHER_SHORT = (("中国移动", "公司"), ("", "联通公司"), ("中国电信", "公司"))
ROLES = ("决策", "影响", "使用", "技术")
MEANS = ("参观公司", "参观样板点", "现场会", "技术交流", "管理和经营研究")
_TITLES = {"决策": ("总经理", "副总经理"),
           "影响": ("网络部主任", "采购部主任", "计划建设部主任"),
           "使用": ("运维中心主任", "维护工程师", "市场部经理"),
           "技术": ("技术专家", "网络部工程师", "规划院工程师")}
_SURNAMES = tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁")
_GIVEN = tuple("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建新宇浩凯峰")
# a character a careless clerk may type for another with the same sound (同音错字)
_HOMOPHONE = dict(zip("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建新宇浩凯峰",
                      "玮方纳民晶莉蔷蕾钧阳永燕洁鹃韬铭朝绣夏萍钢贵莹骅钰苹宏朋晖健欣雨皓恺锋"))
_RIVALS = ("甲公司", "乙公司", "丙公司")
# who each line keeps on its list, by role (probability a contact of the role is on it)
_KEEP = {"产品线": (0.12, 0.35, 0.60, 0.85), "客户线": (0.85, 0.75, 0.30, 0.22)}
# which means each line uses, with relative frequency (rows: 产品线, 客户线)
_USE = np.array([[0.05, 0.30, 0.20, 0.45, 0.00],
                 [0.30, 0.05, 0.30, 0.05, 0.30]])
_COST = (6.0, 4.0, 2.0, 1.0, 5.0)   # 万元 per activity, as in crmlab.contacts.MEANS_TABLE
_CAPACITY = (4, 6, 10, 15, 4)        # activities per quarter, as in crmlab.contacts.MEANS_TABLE
# roles (决策, 影响, 使用, 技术) each means reaches, as in crmlab.contacts.MEANS_TABLE
_REACH = np.array([[1, 1, 0, 0], [0, 1, 1, 1], [0, 1, 1, 0], [0, 0, 1, 1], [1, 1, 0, 0]], float)
_ECHO = 0.35                         # chance the other line follows up within 10 days
_RATE = 0.5                          # wished-for activities per kept person and year (scale)
YEAR_START = pd.Timestamp("2025-01-01")


def _phone(rng, n):
    prefix = rng.choice(np.array([135, 136, 138, 139, 150, 158, 186, 189, 133, 177]), n)
    rest = rng.integers(0, 10**8, n)
    return pd.Series(prefix.astype(str)) + pd.Series(rest.astype(str)).str.zfill(8)


def _name(templates, op, province):
    before = np.array([t[0] for t in templates])[op]
    after = np.array([t[1] for t in templates])[op]
    return np.char.add(np.char.add(before, province), after)


@lru_cache(maxsize=8)
def _simulate(seed: int) -> dict:
    rng = np.random.default_rng(seed)
    # ------------------------------------------------------------ accounts (profile cards)
    n_acc = len(PROVINCES) * len(OPERATORS)
    prov = np.repeat(np.arange(len(PROVINCES)), len(OPERATORS))
    op = np.tile(np.arange(len(OPERATORS)), len(PROVINCES))
    p_names = np.array(PROVINCES)[prov]
    size = rng.lognormal(0.0, 0.45, n_acc) * np.array([2.2, 1.0, 1.0])[op]
    subscribers = np.round(12 * size, 1)
    capex = np.round(18 * size * rng.uniform(0.8, 1.2, n_acc), 1)
    share = np.round(rng.beta(4, 6, n_acc), 3)
    contract = np.round(capex * share * 1e4 * rng.uniform(0.08, 0.14, n_acc), 0)
    updated = YEAR_START + pd.to_timedelta(rng.integers(0, 365, n_acc), unit="D")
    accounts = pd.DataFrame({
        "account_id": [f"A{i:02d}" for i in range(1, n_acc + 1)],
        "company_name": _name(_FULL, op, p_names),
        "short_name": np.char.add(p_names, np.array(OPERATORS)[op]),
        "operator": np.array(OPERATORS)[op],
        "province": p_names,
        "city": np.array(_CAPITALS)[prov],
        "subscribers_m": subscribers,
        "network_focus": rng.choice(np.array(["5G", "光网", "云网"]), n_acc, p=[0.5, 0.3, 0.2]),
        "purchase_mode": rng.choice(np.array(["集团集中采购", "省公司招标"]), n_acc, p=[0.6, 0.4]),
        "capex_100m": capex,
        "our_share": share,
        "main_rival": rng.choice(np.array(_RIVALS), n_acc),
        "contract_10k": contract,
        "orders_2024": rng.poisson(6 + 10 * size).astype(int),
        "payment_days": rng.integers(30, 181, n_acc),
        "credit_grade": rng.choice(np.array(["A", "B", "C"]), n_acc, p=[0.5, 0.35, 0.15]),
        "account_manager": rng.choice(np.array(["客户经理甲", "客户经理乙", "客户经理丙",
                                                "客户经理丁", "客户经理戊"]), n_acc),
        "card_updated": updated.strftime("%Y-%m-%d"),
    })
    # ------------------------------------------------------------ contacts (联系人)
    per_role = np.stack([rng.integers(1, 3, n_acc), rng.integers(2, 5, n_acc),
                         rng.integers(3, 7, n_acc), rng.integers(3, 6, n_acc)], axis=1)
    acc_idx = np.repeat(np.repeat(np.arange(n_acc), 4), per_role.ravel())
    role_idx = np.repeat(np.tile(np.arange(4), n_acc), per_role.ravel())
    n = len(acc_idx)
    surname = rng.choice(np.array(_SURNAMES), n)
    given = np.where(rng.random(n) < 0.6,
                     np.char.add(rng.choice(np.array(_GIVEN), n), rng.choice(np.array(_GIVEN), n)),
                     rng.choice(np.array(_GIVEN), n))
    names = np.char.add(surname, given)
    title_pick = rng.integers(0, 3, n)
    title_table = np.array([list(_TITLES[r]) + [_TITLES[r][0]] * (3 - len(_TITLES[r])) for r in ROLES])
    level_p = np.array([[0.35, 0.35, 0.2, 0.1], [0.2, 0.35, 0.3, 0.15],
                        [0.1, 0.3, 0.4, 0.2], [0.1, 0.25, 0.4, 0.25]])
    u = rng.random(n)
    level = (u[:, None] > np.cumsum(level_p[role_idx], axis=1)[:, :3]).sum(axis=1)
    contacts = pd.DataFrame({
        "contact_id": [f"P{i:04d}" for i in range(1, n + 1)],
        "account_id": accounts["account_id"].to_numpy()[acc_idx],
        "name": names,
        "title": title_table[role_idx, title_pick],
        "role": np.array(ROLES)[role_idx],
        "level": level.astype(int),
        "phone": _phone(rng, n).to_numpy(),
    })
    # ------------------------------------------------------------ the two team lists
    lists = []
    for team, keep in _KEEP.items():
        on = rng.random(n) < np.array(keep)[role_idx]
        idx = np.flatnonzero(on)
        m = len(idx)
        nm = pd.Series(names[idx])
        spaced = rng.random(m) < 0.10
        nm = nm.where(~spaced, nm.str[0] + " " + nm.str[1:])
        typo = rng.random(m) < 0.06
        last = nm.str[-1].map(_HOMOPHONE).fillna(nm.str[-1])
        nm = nm.where(~typo, nm.str[:-1] + last)
        ph = pd.Series(contacts["phone"].to_numpy()[idx])
        old = rng.random(m) < 0.08
        ph = ph.where(~old, _phone(rng, m))
        fmt = rng.choice(4, m, p=[0.45, 0.25, 0.2, 0.1] if team == "产品线" else [0.55, 0.1, 0.3, 0.05])
        hyphen = ph.str[:3] + "-" + ph.str[3:7] + "-" + ph.str[7:]
        plus = "+86 " + ph.str[:3] + " " + ph.str[3:7] + " " + ph.str[7:]
        paren = "(0086)" + ph
        ph = ph.where(fmt != 1, hyphen).where(fmt != 2, plus).where(fmt != 3, paren)
        a = acc_idx[idx]
        form = rng.choice(3, m, p=[0.3, 0.5, 0.2] if team == "产品线" else [0.7, 0.2, 0.1])
        company = np.where(form == 0, accounts["company_name"].to_numpy()[a],
                           np.where(form == 1, accounts["short_name"].to_numpy()[a],
                                    _name(_OTHER_SHORT, op[a], p_names[a])))
        lists.append(pd.DataFrame({
            "team": team, "name": nm.to_numpy(), "company": company, "phone": ph.to_numpy(),
            "role": np.array(ROLES)[role_idx[idx]], "person_id": contacts["contact_id"].to_numpy()[idx],
        }))
    lists = pd.concat(lists, ignore_index=True)
    lists.insert(0, "record_id", np.where(lists["team"] == "产品线", "PL", "CL")
                 + pd.Series(lists.groupby("team").cumcount() + 1).map("{:03d}".format).to_numpy())
    # ------------------------------------------------------------ the activity log of 2025
    # Each line meets the people on its own list, more often at big accounts and
    # where the relationship is warmer.  A means is used only with a role it can
    # reach (_REACH, the table crmlab.contacts.MEANS_TABLE shows), so the log and
    # the planning model agree: a line whose means do not reach a role rarely
    # meets that role at all (the product line and the decision-makers).
    acc_weight = size / size.mean()
    rows = []
    for t, team in enumerate(_KEEP):
        kept = lists.loc[lists["team"] == team, "person_id"].str[1:].astype(int).to_numpy() - 1
        p = _USE[t][None, :] * _REACH.T[role_idx[kept]]          # person × means
        mass = p.sum(axis=1)
        rate = _RATE * acc_weight[acc_idx[kept]] * (0.6 + 0.3 * level[kept]) * mass
        k = rng.poisson(rate)
        who = np.repeat(np.arange(len(kept)), k)
        cum = np.cumsum(p[who] / mass[who, None], axis=1)
        means = (rng.random(len(who))[:, None] > cum[:, :-1]).sum(axis=1)
        rows.append(pd.DataFrame({"person": kept[who], "means": means, "team": team}))
    log = pd.concat(rows, ignore_index=True)
    day = rng.integers(0, 365, len(log))
    # neither line sees the other's visits: after some activities with a person both
    # lines keep, the other line visits the same person a few days later (撞车)
    both = lists.groupby("person_id")["team"].nunique()
    shared = np.zeros(n, bool)
    shared[both.index[both.to_numpy() == 2].str[1:].astype(int).to_numpy() - 1] = True
    echo = shared[log["person"].to_numpy()] & (rng.random(len(log)) < _ECHO)
    other = np.where(log["team"].to_numpy()[echo] == "产品线", 1, 0)
    p = _USE[other] * _REACH.T[role_idx[log["person"].to_numpy()[echo]]]
    cum = np.cumsum(p / p.sum(axis=1, keepdims=True), axis=1)
    more = pd.DataFrame({"person": log["person"].to_numpy()[echo],
                         "means": (rng.random(int(echo.sum()))[:, None] > cum[:, :-1]).sum(axis=1),
                         "team": np.array(list(_KEEP))[other]})
    day = np.concatenate([day, np.minimum(day[echo] + rng.integers(1, 11, len(more)), 364)])
    log = pd.concat([log, more], ignore_index=True)
    log["date"] = YEAR_START + pd.to_timedelta(day, unit="D")
    # capacity: no quarter holds more activities of a means than the vendor can run
    # (_CAPACITY, as in MEANS_TABLE); when more are wanted, big accounts come first
    # (weighted random order: priority u ** (1 / weight))
    prio = rng.random(len(log)) ** (1.0 / acc_weight[acc_idx[log["person"]]])
    log["quarter"] = log["date"].dt.quarter
    log["prio"] = -prio
    rank = log.sort_values("prio", kind="stable").groupby(["quarter", "means"]).cumcount()
    log = log[rank.reindex(log.index).to_numpy() < np.array(_CAPACITY)[log["means"]]]
    log = log.sort_values(["date", "person", "team"], kind="stable").reset_index(drop=True)
    activities = pd.DataFrame({
        "activity_id": [f"V{i:04d}" for i in range(1, len(log) + 1)],
        "date": log["date"].dt.strftime("%Y-%m-%d"),
        "account_id": accounts["account_id"].to_numpy()[acc_idx[log["person"]]],
        "contact_id": contacts["contact_id"].to_numpy()[log["person"]],
        "means": np.array(MEANS)[log["means"]],
        "team": log["team"].to_numpy(),
        "cost_10k": np.array(_COST)[log["means"]],
    })
    return {"accounts": accounts, "contacts": contacts, "team_lists": lists,
            "activities": activities}


def generate_accounts(seed: int = SEED) -> pd.DataFrame:
    """Profile cards of the 30 operator accounts (客户资料卡, 模拟数据), one row per account."""
    return _simulate(check_seed(seed))["accounts"].copy()


def generate_contacts(seed: int = SEED) -> pd.DataFrame:
    """About 400 contacts with role and relationship level (联系人, 模拟数据)."""
    return _simulate(check_seed(seed))["contacts"].copy()


def generate_team_lists(seed: int = SEED) -> pd.DataFrame:
    """The product line's and the customer line's contact lists, with the true person (模拟数据)."""
    return _simulate(check_seed(seed))["team_lists"].copy()


def generate_activities(seed: int = SEED) -> pd.DataFrame:
    """The 2025 activity log of the five means (五种手段的活动记录, 模拟数据)."""
    return _simulate(check_seed(seed))["activities"].copy()
