# 诊断信息：解析、检查、事实读取与计算的全部错误和警告，及其标注与帮助。
# 编号与诊断代码对应（`syntax::invalid_date` → `syntax-invalid-date`）；`-label`、`-help` 为标注与帮助。参数均为文本。

## 解析

syntax-unexpected = 此处应为 { $expected }，实际为 { $found }
syntax-unexpected-label = 此处
syntax-invalid-date = `{ $text }` 不是日历上存在的日期
syntax-invalid-date-help = 请写一个存在的日期，格式为 YYYY-MM-DD
syntax-invalid-date-label = 没有这一天
syntax-number-too-large = 数字 `{ $text }` 过大
syntax-number-too-large-help = 金额须小于 79,228,162,514,264,337,593,543,950,335，且不超过 28 位有效数字
syntax-number-too-large-label = 无法用精确小数表示
syntax-digit-grouping = `{ $text }` 没有按三位一组分隔
syntax-digit-grouping-help = 请按 `policy eval` 的输出写金额：每三位数字之间加逗号（`300,000`），或不加逗号（`300000`、`30万`）
syntax-digit-grouping-label = 此处逗号应每三位一个
syntax-duplicate-clause = `{ $what }` 重复出现
syntax-duplicate-clause-help = 保留一个 `{ $what }`，删除另一个
syntax-duplicate-clause-label = 第二个 `{ $what }`
syntax-duplicate-clause-first = 首次出现于此
syntax-missing-reward = 规则 `{ $rule }` 缺少 `奖励` 子句
syntax-missing-reward-help = 请加一行 `奖励`，例如 `奖励 20% 的 研发投入 最高 400万`，或 `奖励 一事一议`
syntax-missing-reward-label = 这条规则不发放任何奖励
syntax-zero-ratio = 比例 `{ $text }` 的除数为零
syntax-zero-ratio-help = 比例的第二个数不能为 0
syntax-full-width = 规则中出现全角字符 `{ $found }`
syntax-full-width-help = 请改写为 `{ $ascii }`：数字、运算符和括号须用半角（ASCII）书写（１０００万 → 1000万）；中文文字请写在字符串或注释中
syntax-write = 改写为 `{ $fix }`
syntax-drafting = `{ $found }` 是政策原文的写法，规则中应写作 `{ $fix }`
syntax-drafting-date = 日期写作 YYYY-MM-DD
syntax-drafting-max = “最高”（封顶）是一个运算符，与金额之间空一格，写在它所限定的金额之后
syntax-drafting-up-to = 金额前的“不超过”是一个运算符，与金额之间空一格，即至多该金额的奖励
syntax-drafting-comparison = 条件中，“以上、以下、以内、不低于”包括本数（`>=`、`<=`），“超过、不满、低于”不包括本数（`>`、`<`）
syntax-drafting-bound = 分档是一个区间：`[`、`]` 包括本数（以上、以下、（含）），`(`、`)` 不包括本数（超过、不满），`..` 表示该侧不设界
syntax-drafting-included = “（含）”表示本数属于该档：在它一侧用方括号，不含的一侧用圆括号
syntax-drafting-duration = 期限写作 `30 日`、`6 个月`、`3 年`
syntax-too-deep = 嵌套过深（上限为 { $limit } 层）
syntax-too-deep-help = 请拆分表达式，或减少嵌套层数
syntax-too-deep-label = 此处嵌套过深
syntax-trailing = 表达式之后有多余的文字
syntax-trailing-help = 请删除它，或用运算符把两部分连接起来
syntax-trailing-label = 不属于该表达式
syntax-internal = 内部错误：解析器没有生成语法树

## 您是不是要写……？

suggest-drafted = `{ $name }` 是政策原文的写法：请写作 `{ $fix }`
suggest-did-you-mean = 您是不是要写 `{ $name }`？
suggest-none = 这里没有任何{ $what }
suggest-list = 这里的{ $what }：{ $list }
suggest-far = { $count } 个{ $what }中没有与 `{ $name }` 相近的
noun-commands = 命令
noun-entity-kinds = 实体类型
noun-enums = 枚举
noun-fields = 字段
noun-lists = 列表
noun-parameters = 参数
noun-payers = 出资方
noun-policies = 政策
noun-rules = 规则
noun-schedules-or-values = 标准表或常量
noun-values = 取值
noun-warnings = 警告
noun-top-level-keys = 顶层键
noun-types = 类型

## 检查

check-unknown-field = `{ $entity }` 没有字段 `{ $name }`（未知字段）
check-unknown-field-span = 不是 `{ $entity }` 的字段
check-unknown-entity = 未知的实体类型 `{ $name }`
check-unknown-entity-span = 数据结构中没有这个实体
check-unknown-type = 未知类型 `{ $name }`
check-unknown-type-span = 不是一个类型
check-unknown-variant = `{ $name }` 不是枚举 `{ $enum_name }` 的取值
check-unknown-variant-span = 没有这个取值
check-operand-types = 类型不匹配：`{ $op }` 不能用于 { $left } 和 { $right }
check-operand-types-left-span = { $left }
check-operand-types-right-span = { $right }
check-type-mismatch = 类型不匹配：{ $context } 应为 { $expected }，实际为 { $found }
check-type-mismatch-span = 这是 { $found }
check-duplicate = 重复定义的{ $what } `{ $name }`
check-duplicate-span = 此处再次定义
check-duplicate-first = 首次定义于此
check-first-definition = `{ $name }` 首次定义于此
check-first-definition-span = 首次定义于此
check-unknown-extension = 无法扩展未声明的{ $what } `{ $name }`
check-unknown-extension-span = 没有声明这个名称的{ $what }
check-required-extension = 扩展到 `{ $kind }` 的字段 `{ $field }` 被要求每个 `{ $kind }` 都必须提供
check-required-extension-help = 为声明 `{ $kind }` 的其他政策编写的事实数据不会提供它，因而会被拒绝；请声明为可选：`{ $field }?: { $ty }`
check-required-extension-span = 必填，但由扩展添加
check-unknown-schedule = 未知的标准表 `{ $name }`
check-unknown-schedule-span = 没有这个名称的标准表
check-schedule-arity = `{ $name }` 需要 { $expected }，实际给了 { $found }
check-schedule-arity-help = 请按 `{ $signature }` 调用
check-schedule-arity-span = 此处给了 { $found }
check-value-called = `{ $name }` 是常量，不是标准表
check-value-called-help = 不带参数直接写：`{ $name }`
check-value-called-span = 常量不接受参数
check-schedule-reads-facts = `{ $name }` 不是 `{ $schedule }` 的参数
check-schedule-reads-facts-span = 常量或标准表只能读取自己的参数和 `as_of`
check-schedule-nesting = `{ $name }` 使用的标准表嵌套超过 { $limit } 层
check-schedule-nesting-help = 请直接写出金额，或减少标准表之间的相互引用
check-schedule-nesting-span = 引用的标准表又引用标准表……嵌套过深
check-ambiguous-name = `{ $name }` 有歧义
check-ambiguous-name-span = 此处可指多个对象
check-tier-overlap = 分档在 { $at } 处重叠
check-tier-overlap-help = { $at } 同时落入两档，按先列出的一档计算；如果原文本身就重叠，请保留原文写法，把您采用的理解所对应的一档列在前面，并在规则中写 `确认 tier_overlap "<采用的理解及理由>"` 予以确认
check-tier-overlap-span = 这一档
check-tier-overlap-other = 与这一档重叠
check-tier-gap = 没有任何一档覆盖 { $gap }
check-tier-gap-help = 按此表 { $gap } 得不到任何奖励；如果原文意在覆盖，请补上缺口，否则在规则中写 `确认 tier_gap "<理由>"` 予以确认
check-tier-gap-span = 这一档到此为止
check-tier-gap-next = 下一档从此开始
check-empty-tier = 分档 { $interval } 不包含任何数值
check-empty-tier-help = 请先写下限，例如 `[1亿, 5亿]`
check-empty-tier-span = 空档
check-missing-variants = 这张 `按` 表没有为枚举 `{ $enum_name }` 的 { $missing } 给出金额
check-missing-variants-span = 缺少 { $missing } 一项
check-unknown-warning = 没有名为 `{ $name }` 的警告
check-unknown-warning-span = 不是一种警告
check-acknowledged-absent = { $item } 没有可确认的 `{ $warning }` 警告
check-acknowledged-absent-span = 没有需要确认的内容
check-steps-order = 阶梯门槛必须递增
check-steps-order-help = 请按门槛从低到高列出各级
check-steps-order-span = 不高于上一级
check-no-policy = 规则 `{ $rule }` 不属于任何政策
check-no-policy-help = 请在本文件中加入 `政策 <编号> {"{"} … {"}"}` 政策信息；每条规则都属于其所在文件的政策
check-no-policy-span = 不在任何政策之内
check-second-policy = 一个文件只能有一项政策，这是第二项
check-second-policy-help = 请把这项政策及其规则移到单独的文件中
check-second-policy-span = 第二项政策
check-policy-dates = 政策 `{ $policy }` 的失效日期（{ $expires }）早于生效日期（{ $effective }）
check-policy-dates-help = 请对照政策原文核对日期
check-policy-dates-span = 失效日期
check-no-issue-date = 政策 `{ $policy }` 自发布后生效，但没有写发布日期
check-no-issue-date-help = 请加上 `印发 YYYY-MM-DD`
check-no-issue-date-span = 相对于哪一天？
check-bad-path = `{ $name }` 既不是 `{ $entity }`，也不是包含它的实体
check-bad-path-span = 不是上级实体
check-two-parents = 实体 `{ $kind }` 同时被 `{ $first }` 和 `{ $second }` 两个实体列出
check-two-parents-help = 一个实体只能属于一个上级；请为另一个列表另行声明一种实体类型
check-two-parents-span = 第二个上级
check-reserved = `{ $name }` 是保留名称
check-reserved-help = 事实数据自身使用 `{ $name }`；请另选一个名称
check-reserved-span = 保留名称
check-entity-cycle = { $kinds } 相互包含，构成循环，任何事实数据都无法容纳它们
check-entity-cycle-help = 针对它们的规则永远不会适用：请从其中一个实体中删去对另一个的 `[…]` 字段，使其成为顶层实体
check-entity-cycle-span = 处于循环中
check-unknown-rule-test-rule = `{ $name }` { $found }
check-unknown-rule-test-rule-span = 没有这条规则
check-list-value = `{ $name }` 是 `{ $kind }` 的列表，没有单一的值
check-list-value-help = 请写一条 `适用于 { $kind }` 的规则，对每一项分别奖励
check-list-value-span = 一个列表
check-not-a-list = `{ $name }` 不是记录列表
check-not-a-list-span = 这是 { $found }
check-aggregate-form = `{ $op }(…)` { $problem }
check-aggregate-form-span = 此处
check-default-not-fact = `默认` 只能跟在事实之后，不能跟在计算结果之后
check-default-not-fact-help = 请在读取事实的地方给出默认值：`(职工人数 默认 0) + 1`
check-default-not-fact-span = 不是事实
check-default-required = `{ $name }` 设有默认值但为必填，因此永远不会缺失
check-default-required-help = 请将其标为可选：`{ $name }?: … 默认 …`
check-default-required-span = 永远用不到
check-no-frequency = 规则 `{ $rule }` 没有写明奖励频次
check-no-frequency-help = 请加上其中之一：`一次性`、`一次性 每 <事实>`（每个品种/阶段一次）、`一次性 每 企业`（每家企业只奖励一次）、`每年` 或 `每次`；系统不作任何默认，以免漏写一个词就年年发放
check-no-frequency-span = 多久一次？
check-no-event-date = 规则 `{ $rule }` 没有写明以哪一天为准
check-no-event-date-help = 请加上 `发生于 <日期事实>`（受奖励事项的日期：获批/认定/签订之日），或写 `发生于 评估日` 以评估日为准；该日期决定是否在政策有效期内以及所属年度
check-no-event-date-span = 以哪一天为准？
check-not-an-owner = `{ $name }` 不包含 `{ $kind }`
check-not-an-owner-help = 请写 `{ $kind }` 本身或包含它的实体：{ $owners }
check-not-an-owner-span = 不是 `{ $kind }` 的上级
check-unknown-rule = `{ $name }` 不是政策 `{ $policy }` 中的规则
check-unknown-rule-span = 没有这条规则
check-unknown-payer = 规则 `{ $rule }` 没有出资方 `{ $payer }`
check-unknown-payer-span = 不在该规则的 `分担` 中
check-unknown-policy = 未知的政策 `{ $name }`
check-unknown-policy-span = 已加载的文件中没有这项政策
check-group-scope = { $what } `{ $group }` 按 `{ $scope }` 计算，但规则 `{ $rule }` 奖励的是 `{ $kind }`，它不属于任何 `{ $scope }`
check-group-scope-help = 请写一个包含所有成员实体的实体（例如 `{ $root }`），或把规则 `{ $rule }` 移出该{ $what }
check-group-scope-span = 按 `{ $scope }`
check-stack-kinds = 择优组 `{ $group }` 混合了针对 `{ $first }` 和 `{ $second }` 的规则
check-stack-kinds-help = 只有同一事项的奖励才相互比较：请加上 `每 <实体>`，写一个同时包含两者的实体，或拆分该择优组
check-stack-kinds-span = 成员
check-missing-clause = { $what } `{ $group }` 缺少 `{ $clause }`
check-missing-clause-span = 不完整
check-stack-period = 择优组只能按年或按全部期间比较奖励
check-stack-period-help = 同一年内相互比较的奖励写 `每 <实体> 每 年`，不限期间则不写期间
check-stack-period-span = 此处
check-grants-in-stack = 择优组不能以 `已获资助` 作为成员
check-grants-in-stack-help = 择优组比较的是同一事项的各条规则的奖励；统计其他政策的已发放奖励请使用资金池
check-grants-in-stack-span = 此处
check-zero-limit = 数量上限为 0 意味着不发放任何奖励
check-zero-limit-help = 永不发放的规则应当删除；请把上限写为 1 或以上
check-zero-limit-span = 此处
check-empty-period = 资金池不能按 0 年合计
check-empty-period-help = 请写 `连续 N 年`（`N` 为 1 或以上）、`每 年` 或 `累计`
check-empty-period-span = 此处
check-split-shares = 各方分担比例合计为 { $total }%，而不是 100%
check-split-shares-help = 请为每个出资方写明比例并使其合计为 100%；原文未写比例时则都不写
check-split-shares-span = 这些比例
check-cap-not-fixed = 上限必须是固定金额
check-cap-not-fixed-help = 请写原文所定的金额，例如 `年度上限 1000万`
check-cap-not-fixed-span = 取决于事实数据

check-amendment-policy = 修订 `{ $amendment }` 所修订的政策 `{ $policy }` 未知
check-amendment-policy-span = 没有加载这个编号的政策
check-amendment-rule = 政策 `{ $policy }` 中没有可{ $verb ->
    [change] 修改
   *[other] 废止
}的规则 `{ $rule }`
check-amendment-rule-span = `{ $policy }` 中没有这条规则
check-amendment-clause-clause = 修订不能更改规则 `{ $rule }` 的 `{ $clause }`
check-amendment-clause-clause-span = 不能由修订替换
check-amendment-clause = 规则没有 `{ $clause }` 子句，因此修订不能更改 `{ $rule }` 的这一项
check-amendment-clause-help = `{ $clause }` 属于资金池或择优组；修订用 `修改 <资金池> {"{"} 上限 … {"}"}` 更改资金池的上限，用 `年度上限` 更改规则自身的年度上限
check-amendment-clause-span = 资金池或择优组的子句
check-amendment-rule-exists = 政策 `{ $policy }` 已有规则 `{ $rule }`
check-amendment-rule-exists-help = 要修改现有规则，请写 `修改 { $rule } {"{"} … {"}"}` 并列出改动的子句；新增条款需要自己的编号
check-amendment-rule-exists-span = 新规则使用了已被占用的编号
check-amendment-rule-exists-first = 首次定义于此
check-amendment-same-date = 修订 `{ $first_amendment }` 和 `{ $amendment }` 都从 { $effective } 起更改规则 `{ $rule }`
check-amendment-same-date-help = 同一规则的两个版本不能同一天开始：请把改动合并到一个修订中，或更正其中一个生效日期
check-amendment-same-date-span = 此处再次更改
check-amendment-same-date-first = 首次更改于此
check-amendment-date = 修订 `{ $amendment }` 没有写日期
check-amendment-date-help = 请加上 `施行 YYYY-MM-DD`；自发布之日起生效的，写 `印发 YYYY-MM-DD`
check-amendment-date-span = 从哪天起？
check-amendment-repealed = 规则 `{ $rule }` 已由 `{ $repealed_by }` 自 { $effective } 起废止
check-amendment-repealed-help = 已废止的规则没有可更改的文本：请把新条款写成一条有自己编号的 `规则`
check-amendment-repealed-span = 更改了已废止的规则
check-amendment-before-policy = 修订 `{ $amendment }` 于 { $effective } 生效，早于政策 `{ $policy }` 本身（{ $policy_effective }）
check-amendment-before-policy-help = 修订自其生效之日起更改政策文本，该日期应不早于政策的生效日期（{ $policy_effective }）；请对照修订文件核对日期
check-amendment-before-policy-span = 早于政策生效

## 检查器所称的类型与位置

type-money = 金额
type-text = 文本
type-bool = 是或否（`bool`）
type-number = 数字
type-rate = 比率
type-count = 计数
type-date = 日期
type-duration = 期限
type-enum = 枚举 `{ $name }`
type-award = 奖励
type-other = { $name }
type-single-value = 单一的值
or-separator = 或
context-once-per-key = `一次性 每` 之后的键
context-in-left = `属于` 的左边
context-if-condition = `如果` 的条件
context-else-branch = `否则` 分支
context-not-operand = `非` 的操作数
context-up-to-amount = `不超过` 之后的金额
context-marginal-rate = `超额累进` 分档的比率
context-on-date = `发生于` 之后的事项日期
context-reward = 奖励
context-where-filter = `其中` 筛选条件
context-scope = 政策的 `适用范围`
context-when = `当` 条件
help-same-branch-type = 每个分支给出的值必须是同一类型
help-once-per-key = 请按 `阶段` 或 `获批日期` 这样的事实来区分一次性奖励
check-amendment-pool-clause = 修订不能更改资金池 `{ $pool }` 的 `{ $clause }`
check-amendment-pool-clause-help = 修订自其生效之日起设定资金池的金额上限（`上限 1.2亿 每 企业 每 年`）；成员、期间和数量上限保持原样，覆盖其他规则的资金池应是一个新的资金池
check-amendment-pool-clause-span = 不能由修订更改
check-amendment-cap-scope = 资金池 `{ $pool }` 的新上限是 `{ $written }`，但该资金池原为 `{ $was }`
check-amendment-cap-scope-help = 修订只更改金额：请写 `上限 <金额> { $was }`；上限针对的对象和计算期间保持原样
check-amendment-cap-scope-span = 与资金池原有的 `每` 不同
check-amendment-no-cap = `{ $pool }` 没有可由修订更改的金额上限
check-amendment-no-cap-help = 修订只能更改政策已写明的上限：资金池的 `上限 …` 或规则的 `年度上限`；新的上限应作为该政策的新 `限额`
check-amendment-no-cap-span = 此处没有可更改的上限
check-amendment-expires = 修订 `{ $amendment }` 使政策 `{ $policy }` 于 { $expires } 终止，早于其生效日期（{ $policy_effective }）
check-amendment-expires-help = 修订中的 `有效期至` 是政策新的有效期最后一天（有效期延长至…）；请对照修订文件核对日期

## 解析器消息用语

syntax-something-else = 其他内容
syntax-ends-early = 文件过早结束：是否缺少 `{"}"}` 或某个值？
syntax-could-not-continue = 解析器无法在 { $found } 处继续
syntax-end-of-file = 文件末尾
syntax-line-break = 换行
syntax-an-expression = 表达式
syntax-a-name = 名称
syntax-a-number = 数字
syntax-an-operator = 运算符
syntax-a-string = 带引号的字符串
syntax-a-date = 日期（YYYY-MM-DD）
syntax-a-clause = 子句

## 消息中提到的事物种类

noun-rule = 规则
noun-field = 字段
noun-enum = 枚举
noun-entity = 实体
noun-enum-value = 枚举取值
noun-table-entry = 表项
noun-pool = 资金池
noun-stack = 择优组
noun-parameter = 参数
noun-payer = 出资方
noun-policy = 政策
noun-type = 类型
noun-amendment = 修订
noun-value = 常量
noun-schedule = 标准表
# 同上，复数（中文不变）。
nouns-rule = 规则
nouns-field = 字段
nouns-enum = 枚举
nouns-entity = 实体
nouns-enum-value = 枚举取值
nouns-table-entry = 表项
nouns-pool = 资金池
nouns-stack = 择优组
nouns-parameter = 参数
nouns-payer = 出资方
nouns-policy = 政策
nouns-type = 类型
nouns-amendment = 修订
nouns-value = 常量
nouns-schedule = 标准表

## 事实数据

facts-json = 事实数据不是有效的 JSON：{ $message }
facts-json-help = 请修正第 { $line } 行第 { $column } 列处的 JSON
facts-missing = 缺少事实 `{ $field }`（{ $ty }）
facts-missing-help = 请为 `{ $field }` 提供值，或在数据结构中将其声明为可选（`{ $field }?: …`）
facts-unknown-field = `{ $entity }` 没有字段 `{ $name }`（未知字段）
facts-unknown-variant = `{ $name }` 不是枚举 `{ $enum_name }` 的取值
facts-expected = 此处应为 { $expected }，实际为 { $found }
facts-negative = 金额不能为负数，实际为 { $found }
facts-negative-help = 事实数据中的金额须为零或正数

tier-exactly = 恰好 { $value }
tier-every-value-in = 区间 { $interval } 内的每个值

## 检查器的帮助，以及它所称的对象与位置

and-list-separator = 、
and-separator = {" 和 "}
check-item-rule = 规则 `{ $id }`
check-item-pool = 资金池 `{ $id }`
check-item-stack = 择优组 `{ $id }`
check-item-amended-rule = 经 `{ $amendment }` 修订的规则 `{ $id }`
check-acknowledged-absent-remove = 请删除这一行：按现在的写法，该规则已不再引起这个警告
check-acknowledged-absent-others = 它的警告是 { $names }：请确认其中之一，或删除这一行
check-unique-within = `{ $name }` 中的{ $what }名称不能重复；请重命名或删除其中一个
check-unique-entity = 实体 `{ $name }` 中的{ $what }名称不能重复；请重命名或删除其中一个
check-unique-files = { $what }名称在所有文件中不能重复；请重命名或删除其中一个
check-unique-policy = 同一政策中的{ $what }名称不能重复；请重命名或删除其中一个
check-unique-table = 同一张 `按` 表中的{ $what }不能重复；请合并或删除其中一个
check-unique-split = 同一个 `分担` 中的{ $what }不能重复；请合并或删除其中一个
check-unique-builtin = { $what }名称不能与内置类型重复；请另选一个名称
check-enum-entity-names-help = 枚举和实体共用同一套名称；请重命名其中一个
check-declared-once-help = 枚举或实体在所有文件中只能声明一次；如要在另一个文件中补充，请在那里写 `扩展 { $what } { $name } {"{"} … {"}"}`，否则请重命名其中一个
check-unknown-extension-help = { $suggestion }（如要声明新的{ $noun }，请去掉 `扩展`，写作 `{ $keyword } { $name } {"{"} … {"}"}`）
check-list-of-kind-help = `{ $name }` 是实体类型；它的列表写作 `[{ $name }]`
check-defined-once-help = 一项政策中每个名称只能定义一次；请重命名其中一个，或使用先定义的那个（其他政策的同名定义写作 `<政策编号>.{ $name }`）
check-no-schedule-help = 尚未定义任何标准表：在顶层写 `标准表 { $name }(数额: 金额) = …` 即可定义
check-arguments = { $count } 个参数
check-arguments-given = { $count } 个
check-arguments-none = 0 个
check-aggregate-records = 统计的是记录本身，不是记录的字段
check-aggregate-records-help = `{ $op }({ $list })` 统计的是记录；要对某个字段求和，请写 `sum(…)`
check-aggregate-field = 需要指明取记录的哪个字段
check-aggregate-field-help = 请写明对每条记录取哪个字段：`{ $op }({ $list }.{ $field })`
check-aggregate-condition = 需要一个条件
check-aggregate-condition-help = 请写明每条记录都须满足的条件：`全部({ $list } 其中 { $condition })`
check-aggregate-taken-help = `{ $op }` 对每条记录取金额、数字或计数；要统计记录条数，请写 `count(…)`
check-no-lists-help = `{ $entity }` 没有记录列表；请先声明一个，例如 `临床试验: [临床试验记录]`
check-default-literal-help = 默认值须是该事实类型的字面值，例如 { $example }
check-compare-enum-help = 请与某个取值比较，例如 `阶段 == III` 或 `阶段 属于 {"{"} II, III {"}"}`
check-comparison-help = 请写一个比较条件，例如 `研发投入 >= 500万`
check-rate-base-help = 比率需要一个基数：`20% 的 研发投入`
check-rate-range-base-help = 比率区间需要一个基数：`5%..20% 的 年薪`
check-expression-of-type-help = 请写一个类型为 { $types } 的表达式
check-in-enum-help = `属于 {"{"} … {"}"}` 用于判断枚举字段的取值，例如 `阶段 属于 {"{"} II, III {"}"}`
check-ambiguous-policies-help = 不止一项政策定义了它：请写 { $choices }
check-reads-facts-help = { $suggestion }；{ $fix }
check-reads-facts-schedule = 请把它写成标准表，把事实作为参数传入：`标准表 { $schedule }(数额: 金额) = …`，使用时写 `{ $schedule }({ $name })`
check-reads-facts-parameter = 请把该事实作为参数传入，并在使用 `{ $schedule }` 的地方给出，例如 `{ $schedule }(…, { $name })`
check-placeholder-policy = <政策编号>
check-field-and-value-help = `{ $name }` 既是 `{ $kind }` 的字段，又是常量；字段写作 `{ $kind }.{ $name }`，常量写作 `{ $policy }.{ $name }`
check-bad-path-help = 在针对 `{ $kind }` 的规则中，请写 `{ $kind }` 的字段，或用 `<上级实体>.<字段>` 读取包含它的实体的字段
check-bad-path-field-help = `{ $name }` 是 `{ $kind }` 的字段；字段本身没有下级字段
check-bad-path-form-help = 名称写作 `字段` 或 `上级实体.字段`
check-negate-help = 只有数值可以取负
check-share-help = 按比例计算金额请写 `20% 的 研发投入`
check-of-help = `的` 的左边是比率，右边是金额或数字：`20% 的 研发投入`
check-max-help = `最高` 以一个金额为金额或奖励封顶：`20% 的 研发投入 最高 400万`
check-per-help = `每` 表示金额乘以计数：`50万 每 新增专业数`
check-range-help = 区间连接两个金额或两个比率：`10万..50万`、`5%..20%`
check-money-plus-count-help = 金额只能与金额相加；按每项发放固定金额请写 `50万 每 项数`
check-no-combine-help = `{ $op }` 不能用于 { $left } 和 { $right }
check-by-enum-help = `按` 按类别选取金额；按数值分档请用 `分档`
check-brackets-help = `{ $what }` 按数字、金额或计数分档；按类别选取请用 `按`
check-missing-variants-help = 请补上 { $arms }，或用 `_ => …` 涵盖所有未列出的取值
check-missing-variants-when-help = 请补上 { $arms }，或用 `_ => …` 涵盖所有未列出的取值；如果该规则对这些取值不予奖励，请在表前写明：`当 { $scrutinee } 属于 {"{"} { $listed } {"}"}`
check-pool-members-help = 请列出该上限涵盖的规则：`包括 CZ-03-1a, CZ-03-1b`
check-pool-cap-help = 请写明上限：金额上限如 `上限 1000万 每 企业 每 年`，数量上限如 `限项 2 每 企业 累计 择 金额最高`
check-stack-members-help = 请列出奖励同一事项的规则：`包括 CQ-09, CQ-10`
check-stack-earlier-help = 请写明成员规则下已有奖励时如何处理：`此前已获 补差` 只补足与较高奖励之间的差额，`此前已获 不予重复` 不再发放
check-no-split-help = `{ $rule }` 没有 `分担`：由一个出资方全额承担
check-amendment-pool-help = `{ $pool }` 是资金池：修订只能自其生效之日起设定它的金额上限（`修改 { $pool } {"{"} 上限 … {"}"}`），不能以其他方式{ $verb ->
    [change] 修改
   *[other] 废止
}它
check-amendment-group-help = `{ $name }` 是{ $what }：修订更改的是规则（其 `依据`、`标题`、`责任单位`、`当`、`奖励` 和 `分担`）和资金池上限，不能更改{ $what }
check-amendment-on-why = 适用哪个版本由事项日期决定，因此各版本必须以同一日期为准
check-amendment-frequency-why = 台账对各版本下的已发放奖励一并计数
check-amendment-fixed-help = { $why }；如需更改，请 `废止 { $rule }`，再把该条款作为有自己编号的新 `规则` 加入
check-test-policy-no-rules-help = 政策 `{ $policy }` 没有规则；其他政策的规则请写作 `<政策编号>.<规则编号>`
check-test-rule-many = 对应 { $count } 项政策中的规则
check-test-rule-many-help = 请指明是哪一条：{ $choices }
check-test-rule-none-loaded = 不对应任何规则：尚未加载任何规则
check-test-rule-none-loaded-help = 请同时给出规则文件和测试文件，例如 `policy test rules/ tests/`
check-test-rule-not-loaded = 不是已加载的 { $count } 条规则中的任何一条
type-quantity = 金额、数字或计数
type-an-enum = 枚举
type-signed = 数字、金额或比率
found-a-name = 名称
found-an-expression = 表达式
found-not-a-count = 小数或负数
context-default-of = `{ $name }` 的默认值
context-aggregate-field = `{ $op }` 所取的字段
context-argument = `{ $schedule }` 的参数 `{ $param }`
context-neg-operand = `-` 的操作数
context-operand-of = `{ $op }` 的操作数
context-value-after = `{ $what }` 之后的值
context-this-table-entry = 这一表项
context-this-tier = 这一档
context-this-step = 这一级

## 解析器所说的“此处应为……”

syntax-glued-after = `{ $word }` 被读成了一个名称：关键字要到名称无法继续的地方才结束，因此请在关键字后加一个空格：`{ $keyword } { $rest }`
syntax-glued-before = `{ $word }` 被读成了一个名称：关键字要到名称无法继续的地方才结束，因此请在关键字前加一个空格：`{ $name } { $keyword }`
syntax-choice-separator = 、
syntax-choice-or = {" 或 "}
syntax-amendment-entry = `修改`、`废止`、`规则`，或修订的 `文号`、`施行`
syntax-a-field = 字段（如 `研发投入: 金额`）
syntax-a-type = 类型（如 `金额` 或 `[药品]`）
syntax-a-rule-id = 规则编号（如 `CZ-03-1b`）
syntax-a-rounding-mode = 舍入方式
syntax-a-tag = 标记（如 `发文机关 "苏州市"` 或 `层级 区级`）
syntax-a-table-entry = 表项（如 `I => 100万`）
syntax-a-tier = 分档（如 `[1亿, 5亿] => …`）
syntax-a-bound = 界限（数字或 `..`）
syntax-a-step = 阶梯（如 `3 => 30万`）
syntax-a-duration = 期限（如 `30 日`）
syntax-a-rate = 比率（如 `20%`）
syntax-a-parameter = 参数（如 `阶段: 临床阶段`）
syntax-a-schedule = 标准表（如 `临床上限(阶段)`）
syntax-a-default-value = 值（如 `0`、`否` 或枚举取值）
syntax-a-payer = 出资方（如 `市 50%`）
syntax-a-member = 规则编号或 `政策 <编号>`
syntax-a-json-object = JSON 对象
syntax-an-entity = 实体（如 `企业.E1`）
syntax-an-amount = 金额（如 `400万`、`不超过 200万`、`10万..50万` 或 `一事一议`）
syntax-a-figure = 金额（如 `300万` 或 `3,000,000`）
syntax-an-outcome = 结果（如 `400万`、`不超过 200万` 或 `不适用 "…"`）

## 事实数据：实际读到的、应当写的、怎样写

facts-duplicate-key = 键 `{ $key }` 重复出现
facts-null = `null`
facts-nothing = 空缺
facts-a-list = 列表
facts-an-object = 对象
facts-json-eof-list = 列表还没有结束，文件就已结束
facts-json-eof-object = 对象还没有结束，文件就已结束
facts-json-eof-string = 字符串还没有结束，文件就已结束
facts-json-eof-value = 值还没有写完，文件就已结束
facts-json-expected-colon = 此处应为 `:`
facts-json-expected-list-comma = 此处应为 `,` 或 `]`
facts-json-expected-object-comma = 此处应为 `,` 或 `{"}"}`
facts-json-expected-ident = 此处应为 `true`、`false` 或 `null`
facts-json-expected-value = 此处应为一个值
facts-json-expected-quote = 此处应为 `"`
facts-json-invalid-escape = 转义写法无效
facts-json-invalid-number = 数字写法无效
facts-json-number-out-of-range = 数字超出范围
facts-json-invalid-code-point = Unicode 码位无效
facts-json-control-character = 字符串中含有控制字符（`\u0000`–`\u001F`）
facts-json-key-not-string = 键必须是字符串
facts-json-lone-surrogate = 十六进制转义中的代理项不成对
facts-json-hex-escape-end = 十六进制转义不完整
facts-json-trailing-comma = 末尾多了一个逗号
facts-json-trailing-characters = JSON 结束后还有多余的字符
facts-json-too-deep = 嵌套层数过多
facts-json-numeric-key = 数字键须写在引号中
facts-json-float-key = 浮点数键须为有限值（不能是 NaN 或无穷大）
facts-json-shape = 值的形式不符合要求
facts-cell-list = 该列表不是有效的 JSON：{ $message }
facts-cell-list-help = 请把下级实体写成 JSON 列表 `[ {"{"} "id": "…", … {"}"} ]`，并修正该单元格第 { $column } 列
facts-cell-not-utf8 = 不是 UTF-8 文本（单元格第 { $at } 字节不是）
facts-cell-not-utf8-help = 请将文件另存为 UTF-8；不读取 GBK 等其他编码
facts-document-help = 请写作 `{"{"} { $roots }: [ … ] {"}"}`
facts-unknown-key = 未知的键 `{ $key }`
facts-entity-list = 实体列表
facts-entity-list-help = 请写作 `[ {"{"} "id": "…", … {"}"} ]`
facts-duplicate-id = 此列表中有两个实体的 id 都是 `{ $id }`
facts-duplicate-id-help = 同一列表中的每个实体须有各自的 id
facts-too-many = 一组事实数据中的实体超过 { $limit } 个
facts-too-many-help = 大批量数据请用 JSON Lines 格式，每行一组事实数据（`policy eval --jsonl`）
facts-entity-help = 每个 `{ $kind }` 写作 `{"{"} "id": "…", … {"}"}`
facts-id-dot = id "{ $id }" 中含有 `.`，而 `.` 用于分隔路径的各部分
facts-id-dot-help = 请去掉 id 中的 `.`，例如把 `"E1.5"` 写作 `"E1_5"`
facts-id-not-whole = id `{ $id }` 不是整数写法
facts-id-not-whole-help = 数字 id 请写成整数，或写成不含 `.` 的字符串（例如 `"1_5"`）
facts-id-expected = 此处应为 id（不含 `.` 的非空字符串），实际为 { $found }
facts-id-expected-help = 请为每个实体提供 `id`，例如 `"E1"`
facts-a-date = 日期
facts-date-help = 请写成日历日期 "YYYY-MM-DD"
facts-grant-list = 已发放奖励的列表
facts-ledger-help = 请写作 `[ {"{"} "policy": …, "rule": …, "entity": …, "year": …, "date": …, "amount": … {"}"} ]`
facts-yearly-rule = 规则 `{ $rule }` 每年发放一次
facts-yearly-pool = 资金池 `{ $pool }` 按年统计已发放奖励
facts-missing-year = 缺少该笔奖励所属的年度：{ $needs }
facts-missing-year-help = 请写 `"year": 2023`，即该笔奖励所属的年度（不是支付的年度）
facts-missing-key = 缺少 `key`：规则 `{ $rule }` 对每个取值只发放一次，因此须写明该笔奖励对应哪个取值
facts-missing-key-help = 请写 `"key"`：该笔奖励所针对的取值，例如阶段（`"III"`）或品种名称
facts-grant-not-counted = { $at }：政策 `{ $policy }` 未加载，其下的这笔奖励不计入任何资金池，不予考虑
facts-a-grant = 一笔已发放奖励
facts-grant-help = 已发放奖励是一个对象，含 `policy`、`rule`、`entity`、`year`、`date`、`amount`
facts-grant-no-field = 已发放奖励没有字段 `{ $key }`
facts-grant-field-help = 请写明该笔奖励的 `{ $field }`
facts-missing-date = 缺少日期
facts-missing-date-help = 请写明该笔奖励的支付日期
facts-missing-amount = 缺少金额
facts-missing-amount-help = 请写明支付的金额
facts-payers-sum = 各出资方的金额合计为 { $sum }，与金额 { $amount } 不符
facts-too-much = 超出可表示范围的数额
facts-payers-sum-help = 请写明各出资方承担的金额，使其合计等于 `amount`
facts-missing-rule = 缺少规则：政策 `{ $policy }` 已加载，因此须写明该笔奖励所依据的规则
facts-missing-rule-help = 请写 `"rule"`，即该笔奖励所依据规则的编号
facts-no-rule = 政策 `{ $policy }` 中没有规则 `{ $rule }`
facts-a-year = 年度
facts-year-help = 请把年度写成数字，例如 2023
facts-payers = 各出资方金额
facts-payers-help = 请写作 `{"{"} "city": …, "district": … {"}"}`
facts-money = 金额
facts-money-help = 请写数字（`30000000`）或字符串（如 `"3000万"`）
facts-a-rate = 比率
facts-rate-help = 请写小数（`0.25`）或字符串（如 `"25%"`）
facts-a-number = 数字
facts-number-help = 请写 JSON 数字
facts-a-count = 计数
facts-count-help = 请写 0 或正整数
facts-a-bool = `true` 或 `false`
facts-bool-help = 请写 `true` 或 `false`
facts-text = 文本
facts-text-help = 请写 JSON 字符串
facts-a-duration = 期限
facts-duration-help = 请写字符串（如 `"3 years"` 或 `"30 days"`）
facts-an-enum-value = 枚举 `{ $name }` 的取值
facts-enum-help = 请把取值写成字符串
facts-a-value = 值
facts-value-help = 请参阅数据结构定义

## 文件，以及未显示的诊断

eval-unknown-entity = 事实数据中没有实体 `{ $entity }`
eval-unknown-entity-help = 顶层实体：{ $roots }
diagnostics-omitted = `{ $file }` 中另有 { $more } 条 `{ $code }` 未显示
diagnostics-omitted-help = 每个文件中同一类诊断只显示前 { $count } 条；请先修正这些，再重新检查
# The word before a note that belongs to a diagnostic (the first definition of a name).
diagnostics-related-error = 错误：
diagnostics-related-warning = 警告：
diagnostics-related-advice = 提示：
io-read = 无法读取 `{ $path }`：{ $message }
io-read-help = 请检查路径、访问权限，以及文件是否为 UTF-8 文本
io-write = 无法写入 `{ $path }`：{ $message }
io-write-help = 请检查磁盘空间是否充足、目标位置是否可写
io-skipped = 已跳过 `{ $path }`：{ $reason }
io-skipped-same-file = 该文件已以另一个名称读取过
io-skipped-loop = 该文件夹已搜索过（路径成环）
io-skipped-link = 不跟随文件夹中的符号链接；如需读取，请直接给出链接目标
io-no-such-path = 文件或文件夹不存在
io-standard-input = 标准输入
io-standard-output = 标准输出
io-standard-error = 标准错误输出
io-terminal = 终端
io-not-a-file-or-pipe = 它既不是普通文件也不是管道；只读取这两种
io-a-folder = 它是文件夹；只读取普通文件
io-not-a-file = 它不是普通文件（而是设备、FIFO 或套接字）；只读取普通文件
io-too-big = 文件大小为 { $size } MiB，上限为 { $limit } MiB
io-input-too-big = 输入超过了 { $limit } MiB 的上限
io-not-utf8 = 该文件不是 UTF-8 文本（第 { $at } 字节起无法按 UTF-8 读取）：请另存为 UTF-8；不读取 GBK 等其他编码
# Why the operating system refused, by kind (`std::io::ErrorKind`'s name); a kind not named
# here shows its error number, never the system's English text.
io-os = { $kind ->
    [NotFound] 文件或文件夹不存在
    [PermissionDenied] 没有访问权限
    [IsADirectory] 它是文件夹
    [NotADirectory] 路径中有一段不是文件夹
    [AlreadyExists] 已有同名文件
    [InvalidData] 数据无效（例如不是 UTF-8 文本）
    [InvalidInput] 参数无效
    [StorageFull] 磁盘空间已满
    [QuotaExceeded] 已超出磁盘配额
    [ReadOnlyFilesystem] 文件系统只读
    [FilesystemLoop] 符号链接成环
    [InvalidFilename] 文件名无效或过长
    [FileTooLarge] 文件过大
    [DirectoryNotEmpty] 文件夹不为空
    [ResourceBusy] 资源正被占用
    [CrossesDevices] 不能跨设备移动
    [BrokenPipe] 管道的另一端已关闭
    [UnexpectedEof] 数据意外中断
    [WriteZero] 无法再写入数据
    [Interrupted] 操作被中断
    [TimedOut] 操作超时
    [WouldBlock] 操作暂时无法完成
    [OutOfMemory] 内存不足
    [Unsupported] 此系统不支持该操作
    [AddrInUse] 该地址已被占用
    [AddrNotAvailable] 该地址不可用
    [ConnectionRefused] 连接被拒绝
    [ConnectionReset] 连接被重置
    [ConnectionAborted] 连接被中止
    [NotConnected] 未连接
   *[other] { $other }
}
io-os-number = 操作系统报错（错误号 { $code }）
io-os-unknown = 输入输出出错

## 来自 CSV 文件和工作簿的事实（列名本身在各语言中都保持英文）

table-unreadable = { $file }：{ $message }
table-unreadable-help = 请将表格另存为带表头行的 UTF-8 CSV（或 .xlsx）
table-column = { $file }：列 `{ $column }` 不是 `{ $kind }` 的事实
table-column-help = 可用的列为 `id`、上级的 id 列（{ $owners }）以及各项事实：{ $facts }
table-column-help-top = 可用的列为 `id` 以及各项事实：{ $facts }
table-owner = { $file } 第 { $line } 行：其上级 { $owner } 不在上级的文件中
table-owner-help = 请补上上级的那一行，或改正 id 列
table-sheet = { $file } 的工作表 `{ $sheet }`
table-population-kind = 全体事实文件须以其类别命名：应为 { $kinds } 之一
table-no-id-column = 表头没有 `id` 列：每行是一个 `{ $kind }`，以其 id 命名
# CSV 或工作簿无法读取的原因，按种类说明。
table-csv = { $kind ->
    [utf8] 第 { $line } 行不是 UTF-8 文本：请另存为 UTF-8
    [unequal] 第 { $line } 行有 { $found } 个单元格，而前面的行有 { $expected } 个
    [io] { $reason }
   *[other] 第 { $line } 行无法按 CSV 读取
}
table-workbook-unreadable = 无法作为 Excel 工作簿读取（请确认文件为 .xlsx 且未损坏）
io-writer-failed = 另一个写入者中途失败
io-table-not-written = 无法写出表格
serve-batch-too-large = 批量请求超过了服务器的上限（--max-batch-bytes）
serve-client-gone = 客户端已断开
# The HTTP service's problems (the `error` line of a 4xx or 5xx answer).
serve-body-too-large = 请求正文超过了服务器的上限（--max-body-bytes）
serve-body-unreadable = 请求正文未能完整读取
serve-body-not-utf8 = 请求正文不是 UTF-8 文本（第 { $at } 字节不是）
serve-facts-misfit = 事实数据与规则声明的事实结构不符
serve-too-many-entities = 事实数据中有 { $count } 个实体，每个请求最多 { $max } 个（请改用 `/v1/evaluate/batch`）
serve-not-exact = 这些事实无法精确评估
serve-not-logged = 决定未能记入日志，因此没有发出：{ $reason }
serve-no-such-entity = 没有这个实体
serve-too-slow = 请求用时超过 { $ms } 毫秒；请减少实体数量，或稍后重试
serve-bad-as-of = as_of `{ $text }` 不是日期；请按 2025-03-01 的格式书写
# The query parser's own words are English; Chinese says where to look instead.
serve-bad-query = 查询参数无法读取（参数名或取值有误；各参数见 `GET /v1/openapi.json`）
serve-no-such-rule = 已载入的规则中没有 `{ $name }`；`GET /v1/rules` 列出全部规则
serve-ambiguous-rule = `{ $name }` 对应多条规则：{ $rules }；请写其中一条
serve-detail-conflict = `detail` 与 `awards_only=true` 的要求不一致：请只给其中一个
serve-batch-stopped = 批量评估中止：{ $reason }
serve-internal = 内部错误，是 policy-lang 的缺陷：{ $what }
serve-reload-failed = 磁盘上的规则没有通过检查；仍按之前的版本提供服务
fmt-does-not-parse = 该文件无法解析
fmt-changed = 内部错误：排版会改变文件的含义，因此保持原样
fmt-changed-help = 请报告此文件
