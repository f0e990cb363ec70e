# 评估结果与各前端报告在 output.ftl 之外需要的文字：说明与原因中引用的台账资助、
# 所需事实清单、测试失败、重放、clap 自身的文字。

## 台账中的一笔资助，说明与原因中这样称呼。
grant-named = { $entity } 的 { $rule }，{ $date } 发放，{ $at }
grants-first = 共 { $count } 笔，首笔为 { $first }
award-named = { $entity } 的 { $rule }

## 原因中显示的值。
value-by-default = { $value }（默认值）

## policy facts-needed：每条规则、其读取的事实、其计入的台账行。
needs-rule = { $policy }.{ $rule }（每个 { $entity }）
needs-ledger = 台账：{ $row }
needs-ledger-own = `{ $rule }` 的资助，每行须有 { $fields }
needs-ledger-pool = 资金池 `{ $pool }`：其成员规则的资助，按每个 { $per } 计，须有 `year`{ $tags }
needs-ledger-pool-tags = ；以及其他政策下按 `issuer`/`level` 计入的资助
needs-ledger-stack = 叠加 `{ $stack }`：其成员规则此前已获的资助，按每个 { $per } 计
needs-via-condition = 条件
needs-via-on = 事项日期
needs-via-reward = 奖励
needs-via-once-per = 一次性键

## policy replay：每项结果不同的决定。
replay-line = 第 { $line } 行
replay-not-a-decision = { $at }：不是一项决定：{ $error }
replay-facts-hash = { $at }：{ $entity }：事实与记录的哈希不符
replay-cannot-evaluate = { $at }：{ $entity }：无法重新评估：{ $message }
replay-changed-decision = { $at }：{ $entity }（评估日 { $as_of }）：
replay-as-of-not-a-date = as_of `{ $as_of }` 不是日期
replay-no-longer-awarded = 不再奖励：{ $key }：记录为 { $award }
replay-award-changed = 有变化：{ $key }
replay-logged = 记录为 { $award }
replay-now = 现在为 { $again }
replay-newly-awarded = 新增奖励：{ $key }：{ $award }
replay-total-changed = 合计：记录为 { $logged }，现在为 { $now }

## 语法错误中“此处应为”的内容：不是单个关键字的关键字短语（其余短语在 diagnostics.ftl）。
expected-after-issue = `N 日 后于 发布`
expected-period = `每 年`、`连续 N 年` 或 `累计`
expected-scope = `每 <实体>`
expected-up-to = `不超过`
expected-case-by-case = `一事一议`

## clap 自身的文字（用法错误）。
clap-error = 错误：{ $message }
clap-try-help = 更多信息请运行 `--help`。
clap-unknown-argument = 未知参数 `{ $arg }`
clap-unknown-subcommand = 未知子命令 `{ $subcommand }`
clap-missing-arguments = 缺少以下必需参数：{ $arguments }
clap-missing-subcommand = `{ $command }` 需要一个子命令
clap-subcommands = [子命令：{ $subcommands }]
clap-value-required = `{ $arg }` 需要一个值，但未提供
clap-invalid-value = `{ $arg }` 的值 `{ $value }` 无效
clap-because = ：{ $reason }
clap-possible-values = [可选值：{ $values }]
clap-conflict = 参数 `{ $arg }` 不能与 `{ $prior }` 同时使用
clap-used-twice = 参数 `{ $arg }` 不能重复使用
clap-too-many-values = `{ $arg }` 多出了值 `{ $value }`，不需要更多的值
clap-did-you-mean = 提示：相近的写法有 { $similar }
clap-pass-as-value = 提示：如要把 `{ $arg }` 作为值传入，请写 `-- { $arg }`
cli-not-a-language = 没有 `{ $text }` 语言的消息：请用 `zh` 或 `en`
cli-not-a-date = `{ $text }` 不是日期；请写成 YYYY-MM-DD
cli-csv-for-eval = `--format csv` 和 `--format xlsx` 只用于 `policy eval`
cli-detail-for-jsonl = `--detail compact` 和 `--detail awards` 只用于 JSON Lines（`--jsonl`）

## 批量评估在输入结束前停止

batch-read = 第 { $line } 行之后无法读取批量输入：{ $reason }
batch-write = 无法写出结果：{ $reason }
batch-threads = 无法启动 { $count } 个工作线程

## 无法完成的评估（eval::overflow、eval::division_by_zero 等）

eval-failed = 规则 `{ $rule }`（`{ $entity }`）：{ $detail }
eval-overflow = { $op ->
    [sum] { $a } 与 { $b } 之和
    [product] { $a } 与 { $b } 之积
   *[other] { $a } 与 { $b } 的运算结果
}超出了精确小数的范围
eval-total-overflow = 各项奖励的合计超出了精确小数的范围
eval-grants-overflow = 所计已发放奖励之和超出了精确小数的范围
eval-division-by-zero = { $amount } 除以零
eval-calendar = { $date } 加减 { $by } 后超出了日历范围
eval-below-zero = 奖励算得小于零（{ $amount }）；奖励须为零或正数——请检查公式（例如 `a - b` 中 b 可能大于 a）
eval-too-large = 奖励算得 { $amount }，超过了能精确计算到分的最大金额（{ $max }）
eval-internal = 内部错误：此处应为{ $expected }（本应由检查发现）
eval-overflow-help = 请检查该规则读取的事实；金额须在 28 位有效数字以内
eval-division-by-zero-help = 该规则所除的事实为零：请用 `当` 条件排除这种情况
eval-calendar-help = 请检查该规则读取的日期和期限
eval-amount-help = 请检查该规则的公式及其读取的事实
eval-internal-help = 这是 policy-lang 的缺陷，不是规则或事实的问题：请连同规则和事实一并报告
# 检查放过了其他值时，评估原本期望的内容（属于缺陷）。
eval-expected-duration = 期限
eval-expected-enum-value = 枚举取值
eval-expected-amount = 金额
eval-expected-rate = 比率
eval-expected-two-amounts = 两个金额
eval-expected-argument = 参数
eval-expected-schedule = 标准表
eval-expected-number = 数字
eval-expected-condition = 条件
eval-expected-date = 日期
eval-expected-comparable = 可比较的值
eval-expected-value-for = `{ $name }` 的值
eval-expected-list-holder = 列表的上级
eval-expected-list = 列表 `{ $name }`
# 两种缺陷，整句写出。
eval-internal-event-date = 内部错误：事项日期不是日期
eval-internal-reward = 内部错误：奖励不是金额
