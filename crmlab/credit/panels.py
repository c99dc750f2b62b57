"""What-if panels of Chapter 6 (第 6 章的情景分析面板).

Two panels, each a thin layer over a pure model of :mod:`crmlab.credit.model`:

* :func:`credit_terms_panel` — credit period, cash discount and its days,
  take-up and the sales / bad-debt responses → extra sales, DSO, bad debts,
  every line of the marginal analysis and the decision
  (:func:`~crmlab.credit.model.credit_terms_whatif`, current policy read off
  the simulated ledger by :func:`~crmlab.credit.model.ledger_baseline`);
  chart :func:`~crmlab.credit.charts.plot_policy_waterfall`.
* :func:`scoring_panel` — the weights of the four criteria → each applicant's
  total score, the 70–80 band and who is chosen
  (:func:`~crmlab.credit.model.credit_score`); chart
  :func:`~crmlab.credit.charts.plot_scores`.

Labels and units come from the glossary (``crmlab/glossary/credit.csv``).
"""
from __future__ import annotations

from .. import display
from ..validation import check_number
from .charts import plot_policy_waterfall, plot_scores
from .model import CRITERIA, credit_score, credit_terms_whatif, ledger_baseline
from .tables import BAND_WORDS, DECISION_WORDS

__all__ = ["credit_terms_panel", "credit_terms_panel_model", "scoring_panel", "scoring_panel_model"]

TOPIC = "credit"
_ID = "applicant"
#: The day the panel reads the ledger (the end of the simulated data).
AS_OF = "2025-12-31"


def _row(key, ident, *, suffix="", detail=False, fmt=None):
    """A Result row whose label, unit and format come from the glossary."""
    from ..widgets import Result

    entry = display.entry(ident, TOPIC)
    spec = fmt if fmt is not None else ((entry["fmt"] or "{:,.2f}")[2:-1])
    unit = "" if entry["unit"] in ("", "%") else entry["unit"]
    label = entry["label"] + (f"：{suffix}" if suffix else "")
    return Result(key, label, fmt=spec, unit=unit, detail=detail)


def credit_terms_panel_model(**params):
    """:func:`~crmlab.credit.model.credit_terms_whatif` with the decision in words.

    Examples
    --------
    >>> credit_terms_panel_model(credit_days=30.0)["decision"]
    '维持现行条件'
    """
    out = dict(credit_terms_whatif(**params))
    out["decision"] = DECISION_WORDS[out["decision"]]
    return out


def _baseline():
    from .. import datasets

    return ledger_baseline(datasets.load("credit_ledger"), AS_OF)


def credit_terms_panel(credit_days=60.0, discount=0.02, discount_days=10.0, takeup=0.4,
                       sales_per_30_days=0.06, bad_debt_per_30_days=0.004, variable_cost_ratio=0.8,
                       cost_of_capital=0.1, collection_cost_rate=0.002, baseline=None):
    """What-if panel "credit terms" (信用条件): should the distributor offer d/D, n/N?

    Eight sliders: credit period, cash discount, discount period, share of
    sales taking the discount, the sales growth and bad-debt rise per 30 days
    of credit (assumptions), the variable-cost ratio and the cost of capital.
    The current policy (sales, credit period, days paid late, bad-debt rate) is
    read off the simulated ledger ``credit_ledger`` (模拟数据) unless
    ``baseline`` is given.  Shown: decision, change in net benefit, extra
    sales, new DSO, change in bad debts; every other line under 更多结果.

    Parameters
    ----------
    credit_days, discount, discount_days, takeup, sales_per_30_days,
    bad_debt_per_30_days, variable_cost_ratio, cost_of_capital : float
        Start values of the sliders (see
        :func:`~crmlab.credit.model.credit_terms_whatif`).
    collection_cost_rate : float, default 0.002
        Collection cost (收账费用) as a share of credit sales, the same under
        both policies; fixed (no slider), shown in the notebook's parameter cell.
    baseline : dict, optional
        ``base_sales``, ``base_days``, ``late_days``, ``base_bad_debt_rate``
        (default: :func:`~crmlab.credit.model.ledger_baseline` of the ledger).

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> base = {"base_sales": 1e6, "base_days": 30.0, "late_days": 10.0, "base_bad_debt_rate": 0.005}
    >>> panel = credit_terms_panel(credit_days=30.0, discount=0.0, baseline=base)
    >>> panel.result["decision"], panel.set(credit_days=60.0, sales_per_30_days=0.1)["decision"]
    ('维持现行条件', '采用新条件')
    >>> panel.close()
    """
    from ..widgets import Slider, WhatIfPanel

    base = _baseline() if baseline is None else baseline
    if not isinstance(base, dict) or set(base) != {"base_sales", "base_days", "late_days",
                                                   "base_bad_debt_rate"}:
        from ..validation import InputTypeError, fail
        raise fail("baseline", base, "a dict with base_sales, base_days, late_days, base_bad_debt_rate",
                   "含有 base_sales、base_days、late_days、base_bad_debt_rate 的字典", zh="现行政策",
                   kind=InputTypeError)
    lab = lambda k: display.label(k, TOPIC, unit=False)  # noqa: E731
    controls = [
        # every credit period of the slider is longer than every discount period (30 > 25), so
        # no slider position gives the error "discount_days must be fewer days than the credit period"
        Slider("credit_days", lab("credit_days"), 30, 120, 5, credit_days, unit="天", fmt=".0f"),
        Slider("discount", lab("cash_discount"), 0, 0.05, 0.005, discount, fmt=".1%"),
        Slider("discount_days", lab("discount_days"), 0, 25, 5, discount_days, unit="天", fmt=".0f"),
        Slider("takeup", lab("takeup"), 0, 1, 0.05, takeup, fmt=".0%"),
        Slider("sales_per_30_days", lab("sales_per_30_days"), 0, 0.2, 0.01, sales_per_30_days, fmt=".0%"),
        Slider("bad_debt_per_30_days", lab("bad_debt_per_30_days"), 0, 0.02, 0.001,
               bad_debt_per_30_days, fmt=".1%"),
        Slider("variable_cost_ratio", lab("variable_cost_ratio"), 0.5, 0.95, 0.01,
               variable_cost_ratio, fmt=".0%"),
        Slider("cost_of_capital", lab("cost_of_capital"), 0, 0.3, 0.01, cost_of_capital, fmt=".0%"),
    ]
    results = [_row("decision", "decision", fmt=""), _row("net_change", "net_change"),
               _row("sales_change", "sales_change"), _row("dso_new", "dso_new"),
               _row("bad_debt_change", "bad_debt_change"),
               _row("dso_now", "dso_now", detail=True),
               _row("receivables_change", "receivables_change", detail=True),
               _row("contribution_change", "contribution_change", detail=True),
               _row("opportunity_cost_change", "opportunity_cost_change", detail=True),
               _row("collection_cost_change", "collection_cost_change", detail=True),
               _row("discount_cost_change", "discount_cost_change", detail=True),
               _row("forgo_cost", "forgo_cost", detail=True),
               _row("npv_change", "npv_change", detail=True)]
    return WhatIfPanel(
        credit_terms_panel_model,
        controls=controls,
        results=results,
        fixed={**base, "collection_cost_rate": check_number(
            collection_cost_rate, "collection_cost_rate", zh="收账费用率", low=0, high=0.2)},
        plot=lambda fig, result, params: plot_policy_waterfall(result["table"], ax=fig.add_subplot()),
        title="信用条件：延长信用期、给现金折扣，值不值？（模拟数据）",
        figsize=(7.0, 3.0),
    )


def scoring_panel_model(applicants, finance_score=1.0, business_score=1.0, cooperation_score=1.0,
                        channel_score=1.0):
    """:func:`~crmlab.credit.model.credit_score` with the four weights as arguments.

    Returns the score table, ``chosen_names`` (the chosen, joined by 、, or 无),
    ``n_chosen`` and, for the i-th applicant of ``applicants``, ``score_i`` and ``band_i`` (in words).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"applicant": ["甲", "乙"], "finance_score": [75, 90],
    ...     "business_score": [75, 90], "cooperation_score": [75, 90], "channel_score": [75, 90]})
    >>> scoring_panel_model(a)["chosen_names"]
    '甲'
    """
    weights = dict(zip(CRITERIA, (finance_score, business_score, cooperation_score, channel_score)))
    table = credit_score(applicants, weights)
    names = [str(i) for i in table.index[table["chosen"].to_numpy()]]
    out = {"table": table, "chosen_names": "、".join(names) if names else "无", "n_chosen": len(names)}
    # one row per applicant in the order of the data, so that each keeps its label as weights move
    order = table.reindex(applicants[_ID].astype(str).to_numpy())
    for i, (score, band) in enumerate(zip(order["score"], order["band"])):
        out[f"score_{i}"] = float(score)
        out[f"band_{i}"] = BAND_WORDS[band]
    return out


def scoring_panel(applicants=None, finance_score=1.0, business_score=1.0, cooperation_score=1.0,
                  channel_score=1.0):
    """What-if panel "scoring" (评分法): weights of the four criteria → scores and who is chosen.

    Four sliders (weights 0–5 of 财务、业务能力、合作态度、渠道能力).  Shown: who is
    chosen (70–80 分) and how many; each applicant's score and band under 更多结果.

    Parameters
    ----------
    applicants : DataFrame, optional
        As for :func:`~crmlab.credit.model.credit_score`; default the simulated
        ``distributor_applicants`` (模拟数据).
    finance_score, business_score, cooperation_score, channel_score : float
        Start weights (0 to 5).

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"applicant": ["甲", "乙"], "finance_score": [75, 90],
    ...     "business_score": [75, 60], "cooperation_score": [75, 90], "channel_score": [75, 90]})
    >>> panel = scoring_panel(a)
    >>> panel.result["chosen_names"], panel.set(business_score=5.0)["chosen_names"]
    ('甲', '甲、乙')
    >>> panel.close()
    """
    from ..widgets import Slider, WhatIfPanel

    if applicants is None:
        from .. import datasets
        applicants = datasets.load("distributor_applicants")
    starts = dict(zip(CRITERIA, (finance_score, business_score, cooperation_score, channel_score)))
    for k, v in starts.items():
        check_number(v, k, zh=display.label(k, TOPIC, unit=False) + "的权重", low=0, high=5)
    table = credit_score(applicants, starts)
    controls = [Slider(k, display.label(k, TOPIC, unit=False) + "的权重", 0, 5, 0.5, v, fmt=".1f")
                for k, v in starts.items()]
    results = [_row("chosen_names", "chosen_names", fmt=""), _row("n_chosen", "n_chosen", fmt=".0f")]
    names = applicants[_ID].astype(str).tolist()
    results += [_row(f"score_{i}", "score", suffix=n, detail=True) for i, n in enumerate(names)]
    results += [_row(f"band_{i}", "band", suffix=n, fmt="", detail=True) for i, n in enumerate(names)]
    return WhatIfPanel(
        scoring_panel_model,
        controls=controls,
        results=results,
        fixed={"applicants": applicants},
        plot=lambda fig, result, params: plot_scores(result["table"], ax=fig.add_subplot()),
        title="评分法：权重变了，谁落在 70–80 分？（模拟数据）",
        figsize=(7.0, 3.0),
    )
