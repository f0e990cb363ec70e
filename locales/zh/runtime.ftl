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

## 批量评估在输入结束前停止

batch-read = 第 { $line } 行之后无法读取批量输入：{ $reason }
batch-write = 无法写出结果：{ $reason }
batch-threads = 无法启动 { $count } 个工作线程
