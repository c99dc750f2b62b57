"""Strategy tables of chapter 5, part 1 (管理方法与策略表).

Content tables a notebook shows through :func:`crmlab.display.table` (English
column ids, Chinese content).  Each row says where it comes from in ``source``:
a seed file, or 本书补充 with its literature source.

References
----------
Zeithaml, V. A., Rust, R. T., & Lemon, K. N. (2001). The customer pyramid:
Creating and serving profitable customers. *California Management Review*,
43(4), 118–142.
Curry, J., & Curry, A. (2000). *The Customer Marketing Method*. Free Press.
Kaplan, R. S., & Narayanan, V. G. (2001). Measuring and managing customer
profitability. *Journal of Cost Management*, 15(5), 5–15.
"""
from __future__ import annotations

import pandas as pd

from .model import CUSTOMER_LISTS, customer_list_summary

__all__ = ["MANAGEMENT_ACTIONS", "TIER_ACTIONS", "CUSTOMER_LIST_RULES", "customer_list_table"]

#: The four management tiers of [002] with a management method for each.  The seed
#: [002] lists the four headings (顶尖/主要/普通/小客户管理法) but not their content:
#: the methods are 本书补充, after the differentiated service of the customer
#: pyramid (Zeithaml, Rust & Lemon 2001; Curry & Curry 2000).
MANAGEMENT_ACTIONS = pd.DataFrame({
    "tier": ["顶尖客户", "主要客户", "普通客户", "小客户"],
    "tier_en": ["top", "major", "ordinary", "small"],
    "method_zh": [
        "由高层与专人负责，定期拜访，优先供货，共同制定年度计划",
        "指定客户经理，定期沟通，给予适度的政策支持，挖掘增量",
        "标准化服务，控制服务成本，用促销与产品组合提升订货额",
        "集中配送或由经销商代管，降低拜访频率，关注少数有潜力者",
    ],
    "method_en": [
        "senior management and a dedicated team; regular visits; priority supply; joint annual plans",
        "a named account manager; regular contact; moderate policy support; grow their volume",
        "standard service at controlled cost; promotions and product bundles to raise order size",
        "pooled delivery or served through a wholesaler; fewer visits; watch the few with potential",
    ],
    "source": ["本书补充（Zeithaml 等 2001；Curry 2000）"] * 4,
})



#: Strategies for the value tiers of [003].  The 重点, 巩固 and 维持 rows restate the
#: seed's lists in our words; the seed gives no list for the 退出 tier, so that row is
#: 本书补充 (Zeithaml, Rust & Lemon 2001: move "lead" customers to lower-cost service,
#: raise their prices, or end the relationship).
TIER_ACTIONS = pd.DataFrame({
    "tier": ["重点", "巩固·维持", "巩固·维持", "退出"],
    "strategy": ["重点", "巩固", "维持", "退出"],
    "strategy_en": ["focus", "consolidate", "maintain", "exit"],
    "actions_zh": [
        "配置高级别的服务团队与绿色通道；以团队整体维护关系；深挖需求，提高综合贡献；"
        "率先提供新产品和新服务",
        "扩大在客户采购中的份额；交叉销售更多产品，提高客户对我们的依赖；"
        "做好售后跟踪，及早发现风险",
        "降低维护成本，控制资源再投入；保持现有份额或让其逐步减少；加强管理，严格控制风险",
        "停止额外投入，改用低成本的服务方式或提高价格；收回欠款；有序、礼貌地结束关系",
    ],
    "actions_en": [
        "a senior service team and a fast lane; team-based account care; dig into needs to "
        "raise total contribution; first to get new products and services",
        "grow our share of the customer's purchases; cross-sell so the customer relies on "
        "us more; follow up after sale and spot risks early",
        "cut the cost of serving; stop adding resources; keep the present share or let it "
        "shrink; manage tightly and control risk",
        "stop extra spending; move to low-cost service or raise prices; collect what is "
        "owed; end the relationship politely and in order",
    ],
    "source": ["[003]", "[003]", "[003]", "本书补充（Zeithaml 等 2001）"],
})


#: The rule and the action of each list of :func:`crmlab.segments.customer_lists`.
#: The seed [003] names the 红名单 and 黑名单 but gives no rule or action: both,
#: and the 警示名单 for loss-making customers with a high M score, are 本书补充
#: (customer profitability after Kaplan & Narayanan 2001).
CUSTOMER_LIST_RULES = pd.DataFrame({
    "list": list(CUSTOMER_LISTS),
    "rule_zh": ["重要价值客户（R、F、M 都高），且利润为正",
                "额度得分 M 高（四类“重要……客户”），但利润为负",
                "额度得分 M 低（四类“一般……客户”），且利润为负",
                "其余客户（利润为正但不是重要价值客户，或利润为 0）"],
    "actions_zh": ["优先供货、优先服务",
                   "暂不给“专人维护、优先资源”：先查亏损原因（折扣、送货批量、账期），"
                   "谈判扭亏；扭不过来的按黑名单处理",
                   "停止额外投入，改变服务方式或收紧账期",
                   "按 RFM 分群的营销动作"],
    "source": ["本书补充（讲义 [003] 只提名单，未给标准）", "本书补充（Kaplan 等 2001）",
               "本书补充（讲义 [003] 只提名单，未给标准）", "本书补充"],
})


def customer_list_table(lists: pd.DataFrame) -> pd.DataFrame:
    """Rule, action, customers and profit of each list, for :func:`crmlab.display.table`.

    ``lists`` is the result of :func:`crmlab.segments.customer_lists`; the
    numbers are those of :func:`crmlab.segments.customer_list_summary`.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.segments import customer_lists
    >>> g = pd.DataFrame({"segment": ["重要价值客户", "一般挽留客户"], "M": ["高", "低"]},
    ...                  index=["a", "b"])
    >>> t = customer_list_table(customer_lists(g, pd.Series({"a": 5.0, "b": -2.0})))
    >>> t.index.tolist(), t["customers"].tolist()
    (['红名单', '警示名单', '黑名单', '不在名单上'], [1, 0, 1, 0])
    """
    numbers = customer_list_summary(lists)
    rules = CUSTOMER_LIST_RULES.set_index("list")[["rule_zh", "actions_zh"]]
    return rules.join(numbers[["customers", "profit"]])
