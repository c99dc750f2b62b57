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
"""
from __future__ import annotations

import pandas as pd

__all__ = ["MANAGEMENT_ACTIONS", "TIER_ACTIONS"]

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
